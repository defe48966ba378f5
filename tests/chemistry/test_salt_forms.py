"""chemistry/data/salt_forms.csv: every salt or hydrate CAS number is the identifier database's own,
checked again here against the installed `chemicals` package; and salts declared by CAS resolve
to their parent entry with the source said."""

import csv
import re

import pytest
from rdkit import Chem

from chemistry.identifier_db import open_identifier_database
from chemistry.identifiers import validate_cas
from chemistry.molecules import standardise_smiles
from chemistry.resolve import StructureCache, resolve_item
from chemistry.watchlist import DATA_DIR, SALT_FORMS_CSV, SALT_FORMS_SOURCED_CSV
from devtools.salt_forms import COLUMNS, is_salt_form
from tests.factories import bundled_watchlist

WL = bundled_watchlist()
ROWS = list(csv.DictReader(SALT_FORMS_CSV.open(encoding="utf-8")))


def test_the_file_has_its_columns_and_rows():
    assert list(ROWS[0]) == COLUMNS
    assert len(ROWS) >= 20


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['entry_id']}:{r['cas']}" for r in ROWS])
def test_each_salt_form_is_the_databases_own_record_of_a_salt_of_its_entry(row):
    database, _ = open_identifier_database("auto")
    assert validate_cas(row["cas"])[1] == ""
    answer = database.lookup_cas(row["cas"])
    assert answer.how == "CAS"  # the number is the record's own, not one of its synonyms
    assert answer.records[0].cid == int(row["pubchem_cid"]) and answer.records[0].smiles == row["smiles"]
    entry = WL.by_id[row["entry_id"]]
    std, _ = standardise_smiles(row["smiles"])
    assert std.key == entry.std.key and std.stripped
    same_stereo = std.iso_key == entry.std.iso_key
    assert row["stereo"] == "as the entry" if same_stereo else row["stereo"].startswith("not given")
    assert row["source"].startswith("chemicals 1.") and "PubChem" in row["source"]


def test_the_sources_list_of_entries_without_salt_forms_agrees_with_the_file():
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    listed = re.search(r"salt-forms-missing:start -->\n(.*?)\n<!--", text, re.S).group(1)
    missing = {entry.strip() for entry in listed.split(",")}
    assert missing and not missing & {row["entry_id"] for row in ROWS}
    assert "EU1-BMK" in missing


@pytest.mark.parametrize(
    ("cas", "entry", "stripped"),
    [
        ("7460-12-0", "Pseudoephedrine", "O=S(=O)(O)O"),  # pseudoephedrine sulfate
        ("2706-50-5", "Amphetamine", "Cl"),  # amphetamine hydrochloride
        ("114-70-5", "Phenylacetic acid", "[Na+]"),  # sodium phenylacetate
    ],
)
def test_a_salt_declared_by_its_cas_number_resolves_to_its_parent(cas, entry, stripped):
    r = resolve_item(WL, StructureCache(), cas=cas)
    assert r.resolved_by == "cas" and r.name.lower() == entry.lower()
    assert r.source.startswith("watchlist salt forms (chemicals (ChEDL/PubChem) CID ")
    assert stripped in r.std.stripped


@pytest.mark.parametrize(
    ("smiles", "parent", "expected"),
    [
        ("CC(N)Cc1ccccc1.CC(N)Cc1ccccc1.OS(=O)(=O)O", "CC(N)Cc1ccccc1", True),  # 2:1 sulfate
        ("O=C([O-])Cc1ccccc1.[Na+]", "O=C(O)Cc1ccccc1", True),
        ("CC(=O)C.O", "CC(C)=O", True),  # a hydrate
        ("CCOCC.[Mg+2].[Br-].[Br-]", "CCOCC", False),  # an etherate is not a salt of the ether
        ("CC(=O)C.[OH-].[OH-].[Ca+2]", "CC(C)=O", False),  # nor a ketone with calcium hydroxide
        ("CC1=CC=[C-]C=C1.[Mg+2].[Cl-]", "Cc1ccccc1", False),  # a Grignard reagent: a carbanion
        ("Cc1ccccc1.[Cr]", "Cc1ccccc1", False),  # a complex
    ],
)
def test_only_counter_ions_acids_and_water_make_a_salt_form(smiles, parent, expected):
    assert is_salt_form(Chem.MolFromSmiles(smiles), parent) is expected


# --- salt_forms_sourced.csv: numbers the database does not hold, read in a source each row cites ----------

SOURCED = list(csv.DictReader(SALT_FORMS_SOURCED_CSV.open(encoding="utf-8")))


@pytest.mark.parametrize("row", SOURCED, ids=[f"{r['entry_id']}:{r['cas']}" for r in SOURCED])
def test_each_sourced_salt_form_cites_its_source_and_is_a_salt_of_its_entry(row):
    assert validate_cas(row["cas"])[1] == ""
    assert len(row["source"]) > 20 and ":" in row["source"]  # where, then what it states
    assert row["cas"] in row["source"]  # the number as the source states it
    std, _ = standardise_smiles(row["smiles"])
    assert std.key == WL.by_id[row["entry_id"]].std.key and std.stripped
    # A number nothing else in our data gives to another substance, and not a database salt row's.
    assert row["cas"] not in {r["cas"] for r in ROWS}
    assert WL.by_cas[row["cas"]].watchlist_id == row["entry_id"]


def test_carfentanil_citrate_declared_by_its_cas_number_resolves_to_carfentanil():
    r = resolve_item(WL, StructureCache(), cas="61380-27-6")
    assert r.resolved_by == "cas" and r.name == "Carfentanil"
    assert r.source.startswith("watchlist salt forms (carfentanil citrate; CAS number from German Wikipedia")
    assert "O=C(O)CC(O)(CC(=O)O)C(=O)O" in r.std.stripped


def test_4_piperidone_hydrochloride_monohydrate_declared_by_its_cas_number_resolves_to_4_piperidone():
    # the form 4-piperidone is traded in (Category 1 since Del. Reg. (EU) 2025/1475); the identifier database
    # lacks the number, so salt_forms_sourced.csv carries it with the vendor page it was read in
    database, _ = open_identifier_database("auto")
    assert database is None or database.lookup_cas("40064-34-4") is None
    r = resolve_item(WL, StructureCache(), cas="40064-34-4 (4,4-piperidinediol hydrochloride)", database=database)
    assert r.resolved_by == "cas" and r.std.key == WL.by_id["EU1-4-PIPERIDONE"].std.key
    assert r.source.startswith(
        "watchlist salt forms (4-piperidone hydrochloride monohydrate; CAS number from BenchChem"
    )
    assert set(r.std.stripped) >= {"Cl", "O"}


def test_a_legitimate_piperidone_by_cas_is_not_read_as_4_piperidone():
    # 1-methyl-4-piperidone, a pharmaceutical building block the family leaves out (nlh4025), keeps its own structure
    database, _ = open_identifier_database("auto")
    r = resolve_item(WL, StructureCache(), cas="1445-73-4", database=database)
    assert r.std is not None and r.std.key != WL.by_id["EU1-4-PIPERIDONE"].std.key
    assert r.std.key == standardise_smiles("CN1CCC(=O)CC1")[0].key
