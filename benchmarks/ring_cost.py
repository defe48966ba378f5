"""What RDKit's sanitisation costs as fused ring systems grow (chemistry.molecules.MAX_RINGS).

    python benchmarks/ring_cost.py [--seeds 12] [--sizes 20,30,40,50,60,70,80,90,100]

For each size, random cages of aromatic carbons each bonded to three others (rings = atoms / 2 + 1,
all fused), ``--seeds`` of them: the worst time to sanitise one (aromaticity perception dominates).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time

from rdkit import Chem, RDLogger

RDLogger.DisableLog("rdApp.*")


def cage(atoms: int, seed: int) -> str:
    """SMILES of a random 3-connected graph of aromatic carbons."""
    rng = random.Random(seed)
    while True:
        stubs = [i for i in range(atoms) for _ in range(3)]
        rng.shuffle(stubs)
        edges: set[tuple[int, int]] = set()
        for a, b in zip(stubs[::2], stubs[1::2], strict=True):
            if a == b or (min(a, b), max(a, b)) in edges:
                break
            edges.add((min(a, b), max(a, b)))
        else:
            break
    mol = Chem.RWMol()
    for _ in range(atoms):
        atom = Chem.Atom(6)
        atom.SetIsAromatic(True)
        atom.SetNoImplicit(True)
        mol.AddAtom(atom)
    for a, b in edges:
        mol.AddBond(a, b, Chem.BondType.AROMATIC)
    return Chem.MolToSmiles(mol.GetMol(), canonical=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--sizes", default="20,30,40,50,60,70,80,90,100")
    args = parser.parse_args()
    for atoms in (int(s) for s in args.sizes.split(",")):
        worst = 0.0
        for seed in range(args.seeds):
            mol = Chem.MolFromSmiles(cage(atoms, seed), sanitize=False)
            started = time.perf_counter()
            with contextlib.suppress(Exception):  # many cages cannot be kekulised: the cost is what counts
                Chem.SanitizeMol(mol)
            worst = max(worst, time.perf_counter() - started)
        print(f"{atoms} atoms, {atoms // 2 + 1} rings: worst {worst * 1000:.1f} ms of {args.seeds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
