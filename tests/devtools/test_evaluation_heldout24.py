"""The twenty-fourth held-out set (devtools/data/evaluation_heldout24.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: identifiers as other software and other people's systems write them:
SMILES exported by other chemistry tools (explicit hydrogens, Kekulé rings, ion pairs with their counter-ions as
separate fragments, hydrates as separate water fragments, isotope labels, stereo given or absent), standard InChI
(also stored without its 'InChI=' prefix) and an InChIKey in the name field, ERP material-master texts cut at 40
characters, SDS section 1/3 identifiers, CAS numbers as typed or OCR'd, and catalogue names with grades and pack
sizes; across every EU category, controlled drugs, masks, pre-precursors and legitimate look-alikes of each. Its
recall is a measurement (docs/evaluation.md) and not a gate.
"""

from pathlib import Path

from rdkit import Chem

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT24 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout24.csv"


def test_twenty_fourth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT24)
    assert 170 <= len(rows) <= 230
    assert_declared_forms_of_a_later_set(rows, 70)
    assert_group_sizes(rows, 20, 12, 20, 50)


def test_twenty_fourth_heldout_writes_structures_as_other_tools_export_them():
    rows = load_rows(HELDOUT24)
    smiles = [row.value for row in rows if row.kind == "smiles"]
    assert sum(1 for value in smiles if "[H]" in value) >= 3  # explicit hydrogens
    assert sum(1 for value in smiles if "[2H]" in value or "[13C]" in value) >= 3  # isotope labels
    assert sum(1 for value in smiles if "+]" in value and "-]" in value) >= 15  # ion pairs
    assert sum(1 for value in smiles if ".O." in value or value.endswith(".O")) >= 5  # hydrates as water fragments
    kekule = [value for value in smiles if "=C" in value and not any(c in value for c in "cn")]
    assert len(kekule) >= 8  # rings written in Kekulé form, no aromatic atoms
    names = [row.value for row in rows if row.kind == "name"]
    assert any(value.startswith("1S/") and Chem.MolFromInchi("InChI=" + value) for value in names)
    assert any(len(value) == 27 and value.count("-") == 2 and value.isupper() for value in names)  # an InChIKey
    inchis = [row.value for row in rows if row.kind == "inchi"]
    assert any("/p+1" in value for value in inchis) and any(
        ";" in value.split("/")[1] or "." in value.split("/")[1] for value in inchis
    )


def test_twenty_fourth_heldout_truncated_erp_texts_are_forty_characters():
    truncated = [row for row in load_rows(HELDOUT24) if "40-character" in row.note]
    assert len(truncated) >= 5
    assert all(len(row.value) == 40 for row in truncated)


def test_twenty_fourth_heldout_look_alikes_are_bounded_and_sourced():
    look_alikes = [row for row in load_rows(HELDOUT24) if not row.positive]
    assert all(row.expect in {"none", "info", "low"} for row in look_alikes)
    assert all("chemicals package database" in row.note or "shared/reference" in row.note for row in look_alikes)


def test_twenty_fourth_heldout_structures_match_the_names_in_their_notes():
    rows = load_rows(HELDOUT24)
    by_id = {row.id: row for row in rows}
    assert by_id["pch24014"].note.startswith("(-)-ephedrine hydrochloride")
    assert Chem.MolToInchiKey(Chem.MolFromSmiles(by_id["pch24014"].value.split(".")[0].replace("[NH2+]", "N"))) == (
        "KWGRBVOPPLSCSI-WPRPVWTQSA-N"  # (-)-ephedrine, the reference's key
    )
    assert_formulas(
        rows,
        {
            "pch24001": "C9H10O",  # BMK, explicit hydrogens
            "pch24002": "C10H10O3",  # PMK, Kekulé
            "pch24015": "C20H32N2O6S",  # pseudoephedrine sulphate (2:1) as ions
            "pch24032": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch24040": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate as gem-diol
            "pch24067": "KMnO4",  # potassium permanganate ion pair
            "pdh24013": "C34H50N2O15S",  # morphine sulphate pentahydrate
            "pmh24001": "C11H14O2",  # BMK ethylene ketal
            "pph24001": "C9H9NO2",  # P2NP (InChI)
            "nlh24032": "H20Na2O14S",  # sodium sulphate decahydrate
        },
    )
