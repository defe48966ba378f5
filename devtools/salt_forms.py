"""Salt and hydrate forms of the watchlist entries, with their CAS numbers, taken from the identifier
database (the `chemicals` package, PubChem-derived): `python -m devtools.salt_forms` rewrites
chemistry/data/salt_forms.csv and prints the entries none was found for (SOURCES.md lists them).

No CAS number is made up here: a row is written only for a chemical the database holds under its
own CAS number with a structure of several components (a salt, a hydrate, a solvate), and only when
every check holds:
- the CAS number's check digit;
- the database's InChIKey is the one RDKit computes from the database's SMILES (the record is
  self-consistent);
- every component but the entry's is a common counter-ion, acid, base or water (COUNTER_PARTS):
  complexes, organometallics and mixtures that merely contain the entry's structure are not its
  salt forms, and the entry's component carries no charge but on nitrogen or oxygen (no carbanions);
- the structure without its counter-ions and water (standardise_smiles) is the entry's structure,
  with the same stereochemistry or none declared (a racemic salt is recorded against each listed
  stereoisomer of that constitution, and says so); inorganic entries have no salt forms of their own;
- the number is not the watchlist's or the common-chemicals dictionary's number of something else,
  and not in the package's table of made-up numbers ("Fake CAS Registry.tsv").
tests/chemistry/test_salt_forms.py checks the file against the installed package.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import sys
from pathlib import Path

from rdkit import Chem
from rdkit.Chem.MolStandardize import rdMolStandardize

from chemistry.identifier_db import IdentifierDatabase, find_data_dir, open_identifier_database
from chemistry.identifiers import validate_cas
from chemistry.molecules import compute_inchikey, parse_smiles, standardise_smiles
from chemistry.watchlist import SALT_FORMS_CSV, Watchlist, load_watchlist

COLUMNS = ["entry_id", "cas", "name", "smiles", "stereo", "pubchem_cid", "source"]
# What a salt or hydrate of a listed substance is made with, as neutral canonical SMILES: water, the
# mineral and common organic acids of pharmaceutical salts, and the alkali/alkaline-earth cations and
# ammonium of the salts of acids.
COUNTER_PARTS = frozenset(
    Chem.MolToSmiles(Chem.MolFromSmiles(smiles), isomericSmiles=False)
    for smiles in (
        "O",
        "Cl",
        "Br",
        "I",
        "F",
        "OS(=O)(=O)O",
        "OP(=O)(O)O",
        "O=[N+]([O-])O",
        "OCl(=O)(=O)=O",
        "CS(=O)(=O)O",
        "O=S(=O)(O)c1ccccc1",
        "Cc1ccc(S(=O)(=O)O)cc1",
        "O=C(O)CC(O)(CC(=O)O)C(=O)O",
        "O=C(O)C(O)C(O)C(=O)O",
        "O=C(O)/C=C\\C(=O)O",
        "O=C(O)/C=C/C(=O)O",
        "O=C(O)C(=O)O",
        "CC(=O)O",
        "O=C(O)CCC(=O)O",
        "[Na+]",
        "[K+]",
        "[Li+]",
        "[Ca+2]",
        "[Mg+2]",
        "[NH4+]",
        "N",
        "[Na]",
        "[K]",
    )
)
_UNCHARGER = rdMolStandardize.Uncharger()
# An amine (not an amide, nitrile or nitro nitrogen) or an acid: what salts are made of.
_SALT_FORMING = Chem.MolFromSmarts("[$([NX3;!$(N-C=[O,S,N]);!$(N-S(=O)=O)]),$([NX4+]),$(C(=O)[OH1,O-])]")


def fake_cas_numbers() -> set[str]:
    """The package's own made-up numbers for chemicals without a CAS number."""
    data_dir = find_data_dir()
    path = data_dir / "Fake CAS Registry.tsv" if data_dir else None
    if path is None or not path.exists():
        return set()
    return {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line}


def find_salt_forms(watchlist: Watchlist, database: IdentifierDatabase) -> list[dict[str, str]]:
    """Every checked salt or hydrate form of a watchlist entry in the database, one row per
    (entry, CAS number), in watchlist order."""
    version = importlib.metadata.version("chemicals")
    fake = fake_cas_numbers()
    listed_keys = {c.std.key for c in watchlist.entries if not c.cn_scope and c.std.organic}
    own_numbers = {c.entry.cas for c in watchlist.entries if c.entry.cas}
    rows = []
    for record in database.iter_records():
        if "." not in record.smiles:
            continue
        std, _ = standardise_smiles(record.smiles)
        if std is None or std.key not in listed_keys:
            continue
        full, _ = parse_smiles(record.smiles)
        if full is None or compute_inchikey(full) != record.inchikey or not is_salt_form(full, std.key):
            continue
        if validate_cas(record.cas)[1] or record.cas in fake or record.cas in own_numbers:
            continue
        known = watchlist.by_cas.get(record.cas)
        if known is not None and known.key != std.key:
            continue
        for entry in watchlist.by_key[std.key]:
            if entry.cn_scope:
                continue
            if std.iso_key == entry.std.iso_key:
                stereo = "as the entry"
            elif std.iso_key == std.key:
                stereo = "not given (racemate or unspecified)"
            else:
                continue  # another stereoisomer's salt
            rows.append(
                {
                    "entry_id": entry.id,
                    "cas": record.cas,
                    "name": record.name,
                    "smiles": record.smiles,
                    "stereo": stereo,
                    "pubchem_cid": str(record.cid or ""),
                    "source": f"chemicals {version} (ChEDL), PubChem-derived identifier tables",
                }
            )
    order = {c.id: i for i, c in enumerate(watchlist.entries)}
    rows.sort(key=lambda row: (order[row["entry_id"]], row["cas"]))
    return rows


def is_salt_form(mol: Chem.Mol, parent_key: str) -> bool:
    """Whether a multi-component structure is its parent with counter-ions, acids or water only: a
    salt needs a parent that forms salts (an amine or an acid); anything else may be a hydrate."""
    parts = Chem.GetMolFrags(mol, asMols=True)
    parent = max(parts, key=lambda part: part.GetNumHeavyAtoms())
    parent_smiles = _plain_smiles(parent)
    if any(a.GetFormalCharge() and a.GetAtomicNum() not in (7, 8) for a in parent.GetAtoms()):
        return False
    others = [_plain_smiles(_UNCHARGER.uncharge(part)) for part in parts if _plain_smiles(part) != parent_smiles]
    if not all(smiles in COUNTER_PARTS for smiles in others):
        return False
    forms_salts = parent.HasSubstructMatch(_SALT_FORMING)
    return forms_salts or all(smiles == "O" for smiles in others)


def _plain_smiles(mol: Chem.Mol) -> str:
    return Chem.MolToSmiles(mol, isomericSmiles=False)


def write_rows(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def entries_without_salt_forms(watchlist: Watchlist, rows: list[dict[str, str]]) -> list[str]:
    found = {row["entry_id"] for row in rows}
    return [c.id for c in watchlist.entries if not c.cn_scope and c.id not in found]


def main() -> int:
    database, why = open_identifier_database("auto")
    if database is None:
        print(why, file=sys.stderr)
        return 1
    # Read without the current salt forms, so that a number is checked against the watchlist alone.
    watchlist = load_watchlist(salt_forms_path=None)
    rows = find_salt_forms(watchlist, database)
    Path(SALT_FORMS_CSV).write_text(write_rows(rows), encoding="utf-8")
    missing = entries_without_salt_forms(watchlist, rows)
    print(f"{len(rows)} salt forms of {len({r['entry_id'] for r in rows})} entries; none found for {len(missing)}:")
    print(", ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
