"""What respelling a foreign systematic name costs before OPSIN sees it (chemistry/foreign_nomenclature.py).

    python benchmarks/bench_foreign_nomenclature.py [--repeat 3]

respell_systematic_name runs on a declared name that no source and OPSIN itself did not read, once per name
(the resolution is cached). Its cost is the segmentation of each word into morphemes (dynamic programming,
at most MAX_WORD_CHARS positions a word, a name at most MAX_RESPELT_NAME_CHARS characters). Timed per name
(CPU, best of --repeat passes, the garbage collector off), without OPSIN (whose parse has its own budget,
benchmarks/bench_opsin.py):

- sourced foreign names (respelt);
- hostile names: the longest name accepted made of one morpheme chain, of near-morphemes that fail at the
  last letter, of short morphemes that many segmentations fit, and a name over the limit.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chemistry.foreign_nomenclature import MAX_RESPELT_NAME_CHARS, respell_systematic_name  # noqa: E402

SOURCED = [
    "4-bromo-2,5-dimetoksifenetyyliamiini",
    "2-(4-bromo-2,5-dimetoxifenyl)-N-(2-metoxibensyl)etanamin",
    "1-(1-fenylcyklohexyl)piperidin",
    "3,4-metilendioksifenil-2-propanonas",
    "1-фенил-2-пропанон",
]
HOSTILE = {
    "one long morpheme chain per word": "-".join(["metilfeniletil" * 5] * 4)[:MAX_RESPELT_NAME_CHARS],
    "near-morphemes failing at the last letter": " ".join(["metilfenil" * 7 + "x"] * 4)[:MAX_RESPELT_NAME_CHARS],
    "short morphemes (on, ol, al, di, il)": "-".join(["onolaldiil" * 7] * 4)[:MAX_RESPELT_NAME_CHARS],
    "over the length limit": "metil" * 2000,
    "a word over MAX_WORD_CHARS": "fenil" * 59,
}


def time_name(name: str, repeat: int, rounds: int = 200) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        started = time.process_time()
        for _ in range(rounds):
            respell_systematic_name(name)
        best = min(best, (time.process_time() - started) / rounds)
        gc.enable()
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sourced = sum(time_name(n, args.repeat) for n in SOURCED) / len(SOURCED)
    print(f"sourced foreign names: {len(SOURCED)} names, {sourced * 1000:.3f} ms CPU per name")
    for label, name in HOSTILE.items():
        print(f"{label} ({len(name)} characters): {time_name(name, args.repeat) * 1000:.3f} ms CPU per name")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
