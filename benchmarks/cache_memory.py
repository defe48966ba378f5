"""What the screening caches cost in memory: a Screener fed novel structures until its caches are full.

    python benchmarks/cache_memory.py [--items 60000] [--seed 11] [--cache-size N] [--description-chars 0]

Screens ``--items`` goods items, each a distinct generated structure (random pieces ending in an
ester, as the padded events of benchmarks/stress.py), one item per event, in this process with the
settings from the environment (``--cache-size`` overrides PRECWATCH_CACHE_SIZE). Reports the
resident memory (VmRSS) after start-up and after screening, the entries of each cache and the growth
per structure cached. ``--description-chars`` gives every item a distinct description of that length
(the description cache's worst case).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chemistry.watchlist import load_watchlist
from pipeline.screening import Screener
from pipeline.settings import Settings
from tests.factories import make_event

PIECES = ["C", "CC", "N", "O", "c1ccccc1", "C(=O)", "OC", "Cl", "C1CC1", "S"]


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=60000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cache-size", type=int, default=None)
    parser.add_argument("--description-chars", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    settings = Settings.from_env(cache_size=args.cache_size)
    screener = Screener(load_watchlist(), settings)
    start = resident_mb()
    seen: set[str] = set()
    while len(seen) < args.items:
        smiles = "".join(rng.choice(PIECES) for _ in range(12)) + "C(=O)OCC"
        if smiles in seen:
            continue
        seen.add(smiles)
        item = {"smiles": smiles}
        if args.description_chars:
            item["description"] = f"{len(seen)} " + "x" * args.description_chars
        event = make_event(item, event_id=f"e{len(seen)}")
        screener.screen_event_items(event)
    end = resident_mb()
    sizes = screener.cache_sizes()
    print(f"settings: {settings.model_dump(include={'cache_size', 'cache_max_mb'})}")
    print(f"items screened: {args.items} distinct structures")
    print(f"caches (entries): {sizes}, estimated {screener.cache.bytes / 2**20:.0f} MiB")
    print(f"resident memory: {start:.0f} MB after start-up, {end:.0f} MB after screening (+{end - start:.0f} MB)")
    cached = max(sizes.values()) or 1
    print(f"growth per structure cached: {(end - start) * 1024 / cached:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
