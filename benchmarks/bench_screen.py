"""Screening-engine benchmark (one core, one process).

    python benchmarks/bench_screen.py [--events 20000] [--novel 3000]

1. Realistic mix: a generated stream (`precwatch generate`), timed end to end per line: JSON decode
   and validation, resolution, matching (cached by structure), signals, scoring and serialising
   the flags. Reports items/s.
2. Novel structures: distinct structures never seen before (cold caches), timed through
   standardisation and every matching method including unmasking. Reports structures/s.
3. Peak resident memory of the process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chemistry.matching import analyse_structure
from chemistry.molecules import standardise_smiles
from chemistry.watchlist import load_watchlist
from devtools.generate import write_stream
from pipeline.decode import decode_event
from pipeline.screening import Screener
from pipeline.settings import Settings


def novel_structures(n: int) -> list[str]:
    """Distinct structures: combinatorial esters, amides, ketals and carbamates over varied rings."""
    rings = [
        "c1ccccc1",
        "c1ccc(C)cc1",
        "c1ccc(Cl)cc1",
        "c1ccc(F)cc1",
        "c1ccc(OC)cc1",
        "c1ccc2c(c1)OCO2",
        "c1ccncc1",
        "c1ccc(Br)cc1",
        "c1ccc(C(F)(F)F)cc1",
        "c1cc(C)cc(C)c1",
        "c1ccsc1",
        "c1ccoc1",
    ]
    linkers = ["", "C", "CC", "CCC", "C(C)", "CC(C)", "C=C", "CO", "CCO", "C(=O)", "CC(=O)", "OC"]
    # Each head's last atom is the attachment point.
    heads = [
        "COC(=O)",
        "CCOC(=O)",
        "CC(C)OC(=O)",
        "NC(=O)",
        "CNC(=O)",
        "CN(C)C(=O)",
        "N#C",
        "CC(C)(C)OC(=O)N(C)",
        "CC9(OCCO9)",
        "CC(=O)",
        "ON=C(C)",
        "[O-][N+](=O)",
        "CC(O)",
        "CC(=O)O",
        "NS(=O)(=O)",
        "COCCOC(=O)",
    ]
    out = []
    for ring, link, head in itertools.product(rings, linkers, heads):
        out.append(f"{head}{link}{ring}")
        if len(out) >= n:
            break
    return out


def bench_stream(events: int) -> tuple[int, float, int]:
    buf = io.BytesIO()
    write_stream(events, buf, seed=11)
    lines = buf.getvalue().splitlines()
    screener = Screener(load_watchlist(), Settings())
    start = time.perf_counter()
    items, flags = screen_lines(screener, lines)
    return items, time.perf_counter() - start, flags


def screen_lines(screener: Screener, lines: list[bytes]) -> tuple[int, int]:
    """Decode, screen and serialise every event line: the work one event costs a worker. Returns (items, flags)."""
    items = flags = 0
    for line in lines:
        decoded = decode_event(line)
        if decoded.event is None:
            continue
        items += len(decoded.event.items)
        for flag in screener.screen_event(decoded.event):
            flag.model_dump_json()
            flags += 1
    return items, flags


def bench_novel(n: int) -> tuple[int, float, int]:
    screener = Screener(load_watchlist(), Settings())
    structures = novel_structures(n)
    parsed = 0
    start = time.perf_counter()
    for smiles in structures:
        std, _ = standardise_smiles(smiles)
        if std is None:
            continue
        analyse_structure(std, screener.matcher)
        parsed += 1
    return parsed, time.perf_counter() - start, len(structures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--novel", type=int, default=2304)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    items, seconds, flags = bench_stream(args.events)
    print(
        f"realistic mix: {args.events} events, {items} items, {flags} flags in {seconds:.2f}s "
        f"-> {items / seconds:,.0f} items/s (one core, decode+screen+serialise)"
    )
    parsed, seconds, total = bench_novel(args.novel)
    print(
        f"novel structures: {parsed}/{total} distinct structures in {seconds:.2f}s "
        f"-> {parsed / seconds:,.0f} structures/s (cold cache, all matching methods)"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
