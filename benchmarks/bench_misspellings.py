"""What the misspelling reading costs a name that reaches it (chemistry/resolve.py resolve_misspelt_name).

    python benchmarks/bench_misspellings.py [--repeat 3]

The reading runs only for a declared name that every other reading failed on, once per name (the
resolution is cached), so the generated stream of `bench_screen_file.py` never reaches it. This times it
per name (CPU, best of --repeat passes, the garbage collector off), with the identifier database:

- unknown words with no lexicon name one edit away (the common case of a name nothing knows: one
  length-bucketed rapidfuzz look-up per key, no database query);
- names one edit from a watchlist name (the identifier database is then asked for every spelling one edit
  from the key, in batches).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chemistry.identifier_db import open_identifier_database  # noqa: E402
from chemistry.resolve import Resolution, StructureCache, resolve_misspelt_name  # noqa: E402
from chemistry.watchlist import load_watchlist  # noqa: E402

UNKNOWN = [f"Xylocarbonate brand {n} batch {n * 7}" for n in range(200)] + [
    f"Qwertyzine{n:03d} powder 25 kg" for n in range(200)
]
NEAR = ["Phenylacteon", "Acetic anhydryde 99.5% min", "Pseudoefedirna", "Kaliumpermanganta", "Ephedrne", "Piperonl"]


def time_names(names: list[str], repeat: int) -> float:
    """Best CPU seconds per name over ``repeat`` passes (a fresh structure cache each pass)."""
    watchlist = load_watchlist()
    database, why = open_identifier_database("auto")
    if database is None:
        raise SystemExit(f"the identifier database is not available: {why}")
    unresolved = Resolution("unresolved", None)
    best = float("inf")
    for _ in range(repeat):
        cache = StructureCache(10_000)
        gc.disable()
        started = time.process_time()
        for name in names:
            resolve_misspelt_name(watchlist, cache, name, unresolved, database)
        best = min(best, (time.process_time() - started) / len(names))
        gc.enable()
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for label, names in (("no lexicon name one edit away", UNKNOWN), ("one edit from a watchlist name", NEAR)):
        print(f"{label}: {len(names)} names, {time_names(names, args.repeat) * 1000:.2f} ms CPU per name")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
