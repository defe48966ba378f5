"""What reading tautomers as the listed structure costs (chemistry/matching.py align_listed_tautomer).

    python benchmarks/bench_tautomers.py [--events 100000] [--rounds 3]

1. Realistic mix (`precwatch generate --seed 11`, as bench_screen_file.py screens it): CPU time of the
   whole screening and the time spent inside align_listed_tautomer, with how often each key of its
   chain was computed (formula, degree vector, element graph, nonstandard InChIKey).
2. Novel structures (bench_screen.py's cold-cache set, every matching method including unmasking): the
   same, then the analysis timed with the alignment on and off alternately, ``--rounds`` times each.
"""

from __future__ import annotations

import argparse
import collections
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import chemistry.matching as matching
from benchmarks.bench_screen import novel_structures, screen_lines
from chemistry.molecules import standardise_smiles
from chemistry.watchlist import load_watchlist
from devtools.generate import write_stream
from pipeline.screening import Screener
from pipeline.settings import Settings

COUNTED = ("compute_formula", "compute_degree_vector", "compute_skeleton_key", "compute_tautomer_key")


def instrument() -> tuple[collections.Counter, dict]:
    """Wrap the alignment and each key it computes (as imported by chemistry.matching) with counters;
    returns the counters and the unwrapped functions."""
    counts: collections.Counter = collections.Counter()
    originals = {name: getattr(matching, name) for name in (*COUNTED, "align_listed_tautomer")}

    def wrap(name: str, timed: bool) -> None:
        original = getattr(matching, name)

        def counted(*args):
            start = time.process_time() if timed else 0.0
            result = original(*args)
            counts[name] += 1
            if timed:
                counts["align_cpu_s"] += time.process_time() - start
                if result is not args[0]:
                    counts["aligned"] += 1
            return result

        setattr(matching, name, counted)

    for name in COUNTED:
        wrap(name, False)
    wrap("align_listed_tautomer", True)
    return counts, originals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    counts, originals = instrument()
    buf = io.BytesIO()
    write_stream(args.events, buf, seed=11)
    lines = buf.getvalue().splitlines()
    screener = Screener(load_watchlist(), Settings())
    start = time.process_time()
    items, _ = screen_lines(screener, lines)
    total = time.process_time() - start
    print(
        f"realistic mix: {items} items in {total:.2f} CPU-s; inside align_listed_tautomer "
        f"{counts['align_cpu_s']:.3f} CPU-s ({100 * counts['align_cpu_s'] / total:.2f}%); "
        + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "align_cpu_s")
    )

    counts.clear()
    structures = [std for std in (standardise_smiles(s)[0] for s in novel_structures(2304)) if std is not None]
    start = time.process_time()
    for std in structures:
        matching.analyse_structure(std, screener.matcher)
    total = time.process_time() - start
    print(
        f"novel structures: {len(structures)} in {total:.2f} CPU-s; inside align_listed_tautomer "
        f"{counts['align_cpu_s']:.3f} CPU-s ({100 * counts['align_cpu_s'] / total:.1f}%); "
        + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "align_cpu_s")
    )

    for name, function in originals.items():  # the A/B runs without the counters' overhead
        setattr(matching, name, function)
    timings: dict[str, list[float]] = {"on": [], "off": []}
    modes = {"on": originals["align_listed_tautomer"], "off": lambda query, watchlist: query}
    for round_ in range(args.rounds):
        for mode in ("on", "off") if round_ % 2 == 0 else ("off", "on"):
            matching.align_listed_tautomer = modes[mode]
            start = time.process_time()
            for std in structures:
                matching.analyse_structure(std, screener.matcher)
            timings[mode].append(time.process_time() - start)
    matching.align_listed_tautomer = originals["align_listed_tautomer"]
    for mode, values in timings.items():
        print(f"novel structures, alignment {mode}: " + " / ".join(f"{v:.2f}" for v in values) + " CPU-s")


if __name__ == "__main__":
    main()
