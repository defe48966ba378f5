"""CAS numbers of chemistry/data/watchlist.csv: every number has a valid check digit and, where the
identifier database knows it, names the row's structure; the numbers only the database supports
(chemistry/data/cas_sources.csv) are checked again against the installed `chemicals` package and
say where they come from when a declaration is resolved by one."""

import csv
import io

import pytest
from rdkit import Chem

from chemistry.identifier_db import open_identifier_database
from chemistry.identifiers import validate_cas
from chemistry.resolve import StructureCache, resolve_item
from chemistry.watchlist import CAS_SOURCES_CSV, DATA_DIR, WATCHLIST_CSV, build_watchlist
from cli.commands import describe_watchlist
from tests.factories import bundled_watchlist

WL = bundled_watchlist()
ROWS = list(csv.DictReader(WATCHLIST_CSV.open(encoding="utf-8")))
CAS_ROWS = [r for r in ROWS if r["cas"]]
SOURCE_ROWS = list(csv.DictReader(CAS_SOURCES_CSV.open(encoding="utf-8")))
COLUMNS = ["entry_id", "cas", "source", "pubchem_cid", "record_name", "database"]


def _database():
    database, why = open_identifier_database("auto")
    assert database is not None, why
    return database


def _inchikey(smiles: str) -> str:
    return Chem.MolToInchiKey(Chem.MolFromSmiles(smiles))


@pytest.mark.parametrize("row", CAS_ROWS, ids=[r["id"] for r in CAS_ROWS])
def test_every_cas_number_has_a_valid_check_digit_and_names_the_rows_structure(row):
    assert validate_cas(row["cas"])[1] == ""
    answer = _database().lookup_cas(row["cas"])
    if answer is None:  # not every listed substance is in the database (the 2024/1331 esters...)
        return
    skeletons = {record.inchikey[:14] for record in answer.records}
    assert _inchikey(row["smiles"])[:14] in skeletons, (row["cas"], [r.name for r in answer.records])


def test_no_cas_number_is_given_to_two_entries():
    numbers = [r["cas"] for r in CAS_ROWS]
    assert len(numbers) == len(set(numbers))


def test_the_provenance_file_has_its_columns_and_rows():
    with CAS_SOURCES_CSV.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS
    assert len(SOURCE_ROWS) >= 10


@pytest.mark.parametrize("row", SOURCE_ROWS, ids=[r["entry_id"] for r in SOURCE_ROWS])
def test_each_database_only_number_is_the_records_own_and_the_entry_has_it(row):
    entry = next(r for r in ROWS if r["id"] == row["entry_id"])
    assert entry["cas"] == row["cas"] and row["source"] == "identifier-db"
    assert "identifier database only" in entry["notes"]  # the row says so where a reader looks
    answer = _database().lookup_cas(row["cas"])
    assert answer is not None and answer.how == "CAS"  # the record's own number, not a synonym's
    (record,) = answer.records
    assert record.cid == int(row["pubchem_cid"]) and record.name == row["record_name"]
    assert record.inchikey == _inchikey(entry["smiles"])  # full key: the same stereo layer too
    assert row["database"].startswith("chemicals 1.") and "PubChem" in row["database"]


def test_rows_without_a_number_do_not_claim_one_from_the_database():
    marked = {r["entry_id"] for r in SOURCE_ROWS}
    for r in ROWS:
        if r["id"] not in marked:
            assert "identifier database only" not in r["notes"], r["id"]


def test_a_number_only_the_database_supports_resolves_to_its_entry_and_says_so():
    r = resolve_item(WL, StructureCache(), cas="459-02-9")
    assert r.std.key == WL.by_id["DRUG-4-FA"].std.key
    assert "identifier database only" in r.source and "not verified" in r.source
    sourced = resolve_item(WL, StructureCache(), cas="103-79-7")  # read in the annex (refs)
    assert sourced.source == "watchlist"


def test_the_mark_applies_only_to_the_number_the_file_names():
    """A watchlist whose row has another number (read in a source since) is not marked."""
    text = WATCHLIST_CSV.read_text(encoding="utf-8")
    header, *lines = text.splitlines(keepends=True)
    row = next(line for line in lines if line.startswith("DRUG-4-FA,"))
    changed = row.replace("459-02-9", "")
    wl = build_watchlist(header + changed, as_of="x")
    assert wl.cas_from_database == {}
    wl = build_watchlist(header + row, as_of="x")
    assert set(wl.cas_from_database) == {"DRUG-4-FA"}


def test_watchlist_check_counts_the_numbers_only_the_database_supports():
    assert f"{len(SOURCE_ROWS)} entries whose CAS number only the identifier database supports" in (
        describe_watchlist(WL)
    )


def test_sources_md_describes_the_file():
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "## CAS numbers from the identifier database (`cas_sources.csv`)" in text
    assert next(csv.reader(io.StringIO(CAS_SOURCES_CSV.read_text(encoding="utf-8")))) == COLUMNS
