"""What a SMILES re-spelling costs, step by step, and what cheaper keys before sanitisation would cost.

    python benchmarks/bench_spelling_keys.py FILE [--repeat 3]

Reads every distinct SMILES string of FILE (JSON Lines events, e.g. `precwatch generate 100000 --seed 11`)
and times, per string (CPU, best of --repeat passes, the garbage collector off):

- the path screening takes for a new string (chemistry/resolve.py standardise_spelling): parse_smiles
  (RDKit parse without sanitising, the size checks, sanitisation) and compute_drawing_key (a canonical SMILES);
- its steps on their own: the unsanitised parse, sanitising a copy, the canonical SMILES of the sanitised
  molecule, its canonical atom ranks alone;
- two candidate keys computed before sanitisation (so that a re-spelling of a known drawing could skip
  sanitising and the drawing key): the canonical SMILES of the unsanitised molecule, and the
  non-canonical SMILES of the unsanitised molecule renumbered by its canonical ranks.

It also checks the candidates on this file: how many distinct keys, and whether two strings with one
candidate key ever have different drawing keys (a conflict would make the key unusable). Timing only:
nothing here is used by screening.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from rdkit import Chem

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chemistry.molecules import compute_drawing_key, parse_smiles  # noqa: E402  (also silences RDKit's log)


def distinct_smiles(path: Path) -> list[str]:
    seen: dict[str, None] = {}
    with open(path, "rb") as handle:
        for line in handle:
            try:
                event = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            for item in event.get("items", []) if isinstance(event, dict) else []:
                smiles = item.get("smiles") if isinstance(item, dict) else None
                if isinstance(smiles, str) and smiles:
                    seen.setdefault(smiles)
    return list(seen)


def per_call_us(function: Callable, values: list, repeat: int) -> tuple[float, list]:
    best, results = float("inf"), []
    for _ in range(repeat):
        started = time.process_time()
        results = [function(v) for v in values]
        best = min(best, time.process_time() - started)
    return best / max(len(values), 1) * 1e6, results


def drawing_of(smiles: str) -> str | None:
    mol, _ = parse_smiles(smiles)
    return compute_drawing_key(mol) if mol is not None else None


def sanitised_copy(mol: Chem.Mol) -> Chem.Mol | None:
    copy = Chem.Mol(mol)
    try:
        Chem.SanitizeMol(copy)
    except Exception:  # RDKit raises several sanitisation exception types
        return None
    return copy


def unsanitised_canonical(mol: Chem.Mol) -> str:
    copy = Chem.Mol(mol)
    copy.UpdatePropertyCache(strict=False)
    return Chem.MolToSmiles(copy)


def unsanitised_ranked(mol: Chem.Mol) -> str:
    copy = Chem.Mol(mol)
    copy.UpdatePropertyCache(strict=False)
    ranks = list(Chem.CanonicalRankAtoms(copy, breakTies=True))
    order = sorted(range(len(ranks)), key=ranks.__getitem__)
    return Chem.MolToSmiles(Chem.RenumberAtoms(copy, order), canonical=False)


def check_key(name: str, keys: list[str], drawings: list[str | None]) -> None:
    first: dict[str, str] = {}
    conflicts = 0
    for key, drawing in zip(keys, drawings, strict=True):
        if drawing is None:
            continue
        if first.setdefault(key, drawing) != drawing:
            conflicts += 1
    print(f"  {name}: {len(set(keys))} distinct keys, {conflicts} strings whose key another drawing had first")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    strings = distinct_smiles(args.file)
    gc.disable()
    full, drawings = per_call_us(drawing_of, strings, args.repeat)
    print(f"{len(strings)} distinct SMILES strings, {len({d for d in drawings if d})} distinct drawing keys")
    print(f"  screening's path for a new string (parse_smiles + compute_drawing_key): {full:.1f} us")
    parse, raw = per_call_us(lambda s: Chem.MolFromSmiles(s, sanitize=False), strings, args.repeat)
    raw_mols = [m for m in raw if m is not None]
    print(f"  RDKit parse without sanitising: {parse:.1f} us")
    copy, _ = per_call_us(Chem.Mol, raw_mols, args.repeat)
    sanitise, sanitised = per_call_us(sanitised_copy, raw_mols, args.repeat)
    print(f"  copy of the parsed molecule: {copy:.1f} us; copy and sanitise: {sanitise:.1f} us")
    good = [m for m in sanitised if m is not None]
    canonical, _ = per_call_us(Chem.MolToSmiles, good, args.repeat)
    ranks, _ = per_call_us(Chem.CanonicalRankAtoms, good, args.repeat)
    print(
        f"  canonical SMILES of the sanitised molecule (the drawing key): {canonical:.1f} us; its atom ranks alone: {ranks:.1f} us"
    )
    candidates = {
        "canonical SMILES before sanitising (parse included)": lambda s: unsanitised_canonical(
            Chem.MolFromSmiles(s, sanitize=False)
        ),
        "ranked non-canonical SMILES before sanitising (parse included)": lambda s: unsanitised_ranked(
            Chem.MolFromSmiles(s, sanitize=False)
        ),
    }
    parsed = [s for s, m in zip(strings, raw, strict=True) if m is not None]
    parsed_drawings = [d for d, m in zip(drawings, raw, strict=True) if m is not None]
    for name, function in candidates.items():
        cost, keys = per_call_us(function, parsed, args.repeat)
        print(f"candidate key, {name}: {cost:.1f} us")
        check_key(name, keys, parsed_drawings)


if __name__ == "__main__":
    main()
