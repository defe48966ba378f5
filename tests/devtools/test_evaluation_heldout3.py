"""The third held-out set (devtools/data/evaluation_heldout3.csv): every row is well-formed and cites a source.

Like the first two sets, its recall is a measurement (docs/evaluation.md, "Third held-out set") and not a gate.
"""

import re
from pathlib import Path

from rdkit import Chem
from rdkit.Chem.rdMolDescriptors import CalcMolFormula

from devtools.evaluation import GROUPS, load_rows
from tests.devtools.test_evaluation_heldout import assert_well_formed

HELDOUT3 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout3.csv"


def test_third_heldout_rows_are_well_formed():
    rows = load_rows(HELDOUT3)
    assert len(rows) >= 80
    assert_well_formed(rows)
    for row in rows:
        # group letters first (devtools/evaluation.py reads group and sign from them), then the set's mark
        assert re.fullmatch(r"(p[cdmp]|nl)h3\d{3}", row.id), row.id


def test_third_heldout_rows_without_a_source_of_their_own_say_so_and_stay_a_minority():
    rows = load_rows(HELDOUT3)
    analogues = [row for row in rows if "no source of its own" in row.note]
    assert analogues
    assert len(analogues) < sum(1 for row in rows if row.positive) / 2


def test_third_heldout_structures_match_the_names_in_their_notes():
    """Spot checks of structures drawn from systematic names: the formula RDKit computes is the substance's."""
    by_id = {row.id: row for row in load_rows(HELDOUT3)}
    expected = {
        "pmh3027": "C17H18N2O2",  # methyl lysergate
        "pmh3018": "C15H21NO2",  # NPP ethylene ketal
        "pdh3003": "C23H30N4O3",  # isotonitazene
        "pdh3006": "C23H28N2O",  # cyclopropylfentanyl
        "nlh3024": "C19H20FNO3",  # paroxetine
    }
    for row_id, formula in expected.items():
        assert CalcMolFormula(Chem.MolFromSmiles(by_id[row_id].value)) == formula, row_id
    # the InChI rows are MAPA and norfentanyl
    assert CalcMolFormula(Chem.MolFromInchi(by_id["pch3018"].value)) == "C11H12O3"
    assert CalcMolFormula(Chem.MolFromInchi(by_id["pch3019"].value)) == "C14H20N2O"


def test_third_heldout_set_covers_every_group():
    rows = load_rows(HELDOUT3)
    assert {row.group for row in rows} == set(GROUPS.values())
