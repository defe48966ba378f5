"""OPSIN through one long-lived process (chemistry/opsin.py) against a JVM per call (py2opsin's own
function): start-up, names/s one at a time and in batches. docs/identification.md records its output.

    python benchmarks/bench_opsin.py [--names N] [--rounds R]

Names are distinct (nothing remembered between them): substituted alkanes such as
"2-chloro-3-methyloctane", all of which OPSIN parses.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chemistry.opsin import OpsinParser, find_opsin

PARENTS = ("hexane", "heptane", "octane", "nonane", "decane", "undecane", "dodecane")
GROUPS = ("bromo", "chloro", "ethyl", "fluoro", "hydroxy", "iodo", "methyl", "nitro")


def distinct_names(n: int) -> list[str]:
    out = []
    for parent, (a, b), (p, q) in itertools.product(
        PARENTS, itertools.combinations(GROUPS, 2), itertools.permutations(range(2, 6), 2)
    ):
        out.append(f"{p}-{a}-{q}-{b}{parent}")
        if len(out) == n:
            break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    install, why = find_opsin()
    if install is None:
        print(why)
        return 1
    names = distinct_names(args.names * (args.rounds * 2 + 1))
    assert len(names) == len(set(names)) and len(names) >= args.names * (args.rounds * 2 + 1), "too few names"
    chunks = [names[i : i + args.names] for i in range(0, len(names), args.names)]
    print(f"{install.label}, {install.java}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for round_ in range(args.rounds):
        opsin = OpsinParser(install)
        started = time.perf_counter()
        first = opsin.parse_systematic_name(chunks[0][round_])
        startup = time.perf_counter() - started
        assert first.smiles, first.problem
        one = chunks[1 + 2 * round_]
        started = time.perf_counter()
        failed = sum(opsin.parse_systematic_name(name).smiles is None for name in one)
        single = len(one) / (time.perf_counter() - started)
        batch = chunks[2 + 2 * round_]
        started = time.perf_counter()
        answers = opsin.parse_systematic_names(batch)
        batched = len(batch) / (time.perf_counter() - started)
        failed += sum(a.smiles is None for a in answers.values())
        opsin.close()
        print(
            f"round {round_ + 1}: start-up to first answer {startup:.2f} s; one name per round trip {single:,.0f} "
            f"names/s; {len(batch)} names in one batch {batched:,.0f} names/s; unparsed {failed}"
        )
    try:
        from py2opsin import py2opsin
    except ImportError:
        return 0
    with tempfile.TemporaryDirectory() as folder:  # py2opsin writes its input file to the working directory
        os.chdir(folder)
        for name in names[:3]:
            started = time.perf_counter()
            assert py2opsin(name)
            print(f"py2opsin (a JVM per call), one name: {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
