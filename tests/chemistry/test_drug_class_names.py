"""Integrity of chemistry/data/drug_class_names.csv (names of unlisted drug-class members that national
narcotics laws give) and how such a name resolves."""

import csv
import re

import pytest
from rdkit import Chem

from chemistry.families import compile_families
from chemistry.identifiers import normalise_name
from chemistry.molecules import standardise_smiles
from chemistry.watchlist import DATA_DIR, DRUG_CLASS_NAMES_CSV, read_drug_class_names
from tests.chemistry.test_names_eu import EU_LANGUAGES
from tests.factories import bundled_watchlist, screen_one

SECTION = "## Names of unlisted drug-class members (drug_class_names.csv)"
FAMILIES = {c.spec.id: c for c in compile_families()}
ROWS = read_drug_class_names()


@pytest.fixture(scope="module")
def watchlist():
    return bundled_watchlist()


def _source_keys() -> set[str]:
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert SECTION in text
    section = text.split(SECTION, 1)[1]
    nxt = re.search(r"^## ", section, flags=re.MULTILINE)
    section = section[: nxt.start()] if nxt else section
    return set(re.findall(r"^\|\s*`([A-Za-z0-9][A-Za-z0-9_.-]*)`\s*\|", section, flags=re.MULTILINE))


def test_header_and_rows():
    with DRUG_CLASS_NAMES_CSV.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == ["name", "language", "smiles", "family_id", "source", "notes"]
    assert ROWS
    for row in ROWS:
        assert all(row[c] and row[c] == row[c].strip() for c in ("name", "language", "smiles", "family_id", "source"))
        assert row["language"] in EU_LANGUAGES


def test_every_source_key_is_defined_in_sources_md():
    assert {row["source"] for row in ROWS} <= _source_keys()


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_each_structure_is_a_member_of_its_drug_class_and_not_a_watchlist_entry(row, watchlist):
    family = FAMILIES[row["family_id"]]
    assert family.spec.drug_class
    assert family.matches(Chem.MolFromSmiles(row["smiles"]))
    std, _ = standardise_smiles(row["smiles"])
    # A listed drug's names in other languages belong in names_eu.csv, under its entry.
    assert std.key not in watchlist.by_key


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_each_name_resolves_to_its_structure(row, watchlist):
    std, _ = standardise_smiles(row["smiles"])
    assert watchlist.by_name[normalise_name(row["name"])].key == std.key


def test_butylone_is_the_cathinone_and_the_database_reading_is_reported():
    # "butylone" is also a PubChem synonym of pentobarbital sodium (sodital, CID 11514319): the
    # controlled drug's name wins and the flag says what the database would have given.
    verdict = screen_one({"line": 1, "name": "Butylone"})
    assert verdict.severity in ("medium", "high", "critical")
    assert any(f.family is not None and f.family.spec.id == "FAM-DRUG-CATHINONE" for f in verdict.findings)
    butylone, _ = standardise_smiles("CCC(NC)C(=O)c1ccc2c(c1)OCO2")
    assert verdict.resolution.std.key == butylone.key
    notes = verdict.resolution.source_notes
    if any("sodital" in n for n in notes):  # only with the identifier database installed
        assert any("national narcotics list" in n and "decides" in n for n in notes)


@pytest.mark.parametrize("name", ["Butylon", "N-etylkatinon"])
def test_swedish_names_of_unlisted_cathinones_reach_the_class(name):
    verdict = screen_one({"line": 1, "name": name})
    assert verdict.severity in ("medium", "high", "critical")
    assert any(f.family is not None and f.family.spec.id == "FAM-DRUG-CATHINONE" for f in verdict.findings)
