"""The eighth held-out set (devtools/data/evaluation_heldout8.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/
or the other sets' bodies), as a customs officer in several member states would meet the declarations: names from
the Austrian customs list (German KN names), the French ministry's Category 1 table (PMK/BMK glycidic substances,
ANPP), Italian ministry notices (chloroephedrines, hydrochlorides with pharmacopoeia grades, 4-piperidone CN and
CAS), a Czech act's Table II names, Polish, Spanish and Portuguese lists, Finnish and Greek drug lists; CAS numbers
with spaces, en dashes, Unicode hyphens, a misplaced hyphen, leading zeros, prefixes and comments, of the salts, and
several in one field; charged salts, explicit hydrogens, InChI; a Czech customs seizure of MAPA under a cleaning-
chemical description; designer-precursor masks (enolates, ketals, oximes, bisulfite adducts, protected 4-AP and
4-piperidone, t-BOC drugs); and legitimate medicines, flavours and solvents of the same shapes. Its recall is a
measurement (docs/evaluation.md, "Eighth held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    scheduled_rows_in_messy_forms,
)

HELDOUT8 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout8.csv"


def test_eighth_heldout_covers_every_category_and_messy_declared_forms():
    rows = load_rows(HELDOUT8)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 50)
    assert any("\u2013" in value or "\u2010" in value for value in cas_values)  # en dash, Unicode hyphen
    assert any(value.startswith("00") for value in cas_values)  # leading zeros
    assert any(" " in value and "-" not in value for value in cas_values)  # spaces as separators
    names = [row.value for row in scheduled if row.kind == "name"]
    assert any("ý" in name for name in names)  # Czech
    assert any("cloridrato" in name.lower() for name in names)  # Italian salt word
    assert any("é" in name for name in names)  # French
    assert any("Á" in name for name in names)  # Spanish
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert any("[H]" in value for value in smiles)
    assert any("+]" in value and "." in value for value in smiles)  # a charged, disconnected salt
    drugs = [row for row in rows if row.group == "drugs"]
    assert any(row.kind == "name" and any("\u0370" <= ch <= "\u03ff" for ch in row.value) for row in drugs)  # Greek
    assert any(row.kind == "name" and "fentanyyli" in row.value for row in drugs)  # Finnish
    masks = [row for row in rows if row.group == "masks"]
    assert any(row.kind == "name" and row.description for row in masks)  # a mask under a misleading description


def test_eighth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT8),
        {
            "pch8030": "C10H16ClNO",  # ephedrine hydrochloride, charged salt
            "pch8031": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pch8036": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch8037": "C16H16N2O2",  # lysergic acid
            "pmh8006": "C11H11NaO3",  # sodium enolate of MAPA
            "pmh8008": "C10H11NaO6S",  # PMK sodium bisulfite adduct
            "pmh8024": "C11H15NO",  # 3,4-dimethyl-5-phenyloxazolidine
            "pmh8029": "C17H18N2O2",  # methyl lysergate
            "pdh8012": "C21H23NO5",  # heroin
            "pdh8013": "C17H22ClNO4",  # cocaine hydrochloride
            "pdh8017": "C23H30N4O3",  # protonitazene
            "nlh8020": "C28H31FN4O",  # astemizole
            "nlh8036": "C14H10Cl2NNaO2",  # diclofenac sodium
        },
    )
