"""Survey of the foreign-spelling reading on the sourced names (docs/identification.md, "Systematic names in
another language's spelling").

    python -m devtools.foreign_nomenclature

Every non-English row of chemistry/data/names_eu.csv respelt (chemistry/foreign_nomenclature.py, then the
Czech and Slovak acid order) and parsed by OPSIN, without the lexicon that lists these rows: how many are
respelt, how many OPSIN parses, how many to their entry's structure, and each one to another structure
(which the reading must never produce from a legitimate name). Needs Java and the `py2opsin` package.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from chemistry.foreign_nomenclature import respell_czech_acid_name, respell_systematic_name
from chemistry.molecules import standardise_smiles
from chemistry.opsin import OpsinParser, clean_name, find_opsin
from chemistry.watchlist import load_watchlist

NAMES = Path(__file__).resolve().parent.parent / "chemistry" / "data" / "names_eu.csv"


def main() -> int:
    install, why = find_opsin()
    if install is None:
        print(f"OPSIN is not available: {why}", file=sys.stderr)
        return 1
    watchlist = load_watchlist()
    parser = OpsinParser(install)
    counts: Counter[str] = Counter()
    try:
        with NAMES.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["language"] == "en":
                    continue
                cleaned = clean_name(row["name"])
                respelt = respell_systematic_name(cleaned) or respell_czech_acid_name(cleaned)
                if respelt is None:
                    continue
                counts["respelt"] += 1
                smiles = parser.parse_systematic_name(respelt).smiles
                if smiles is None or "." in smiles:  # the reading turns several substances down
                    continue
                counts["parsed to one substance"] += 1
                std, _ = standardise_smiles(smiles)
                entry = watchlist.by_id.get(row["entry_id"])
                if std is not None and entry is not None and std.key == entry.std.key:
                    counts["to the entry's structure"] += 1
                else:
                    counts["to another structure"] += 1
                    print(f"  other structure: {row['language']} {row['name']!r} -> {respelt!r} -> {smiles}".encode(
                        "ascii", "backslashreplace").decode())
    finally:
        parser.close()
    print(", ".join(f"{label}: {n}" for label, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
