"""The third held-out set (devtools/data/evaluation_heldout3.csv): every row is well-formed and cites a source.

Like the first two sets, its recall is a measurement (docs/evaluation.md, "Third held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas, assert_set_conventions

HELDOUT3 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout3.csv"


def test_third_heldout_rows_are_well_formed_and_follow_the_sets_conventions():
    rows = load_rows(HELDOUT3)
    assert len(rows) >= 80
    assert_set_conventions(rows, "h3")


def test_third_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT3),
        {
            "pmh3027": "C17H18N2O2",  # methyl lysergate
            "pmh3018": "C15H21NO2",  # NPP ethylene ketal
            "pdh3003": "C23H30N4O3",  # isotonitazene
            "pdh3006": "C23H28N2O",  # cyclopropylfentanyl
            "nlh3024": "C19H20FNO3",  # paroxetine
            "pch3018": "C11H12O3",  # MAPA, as an InChI
            "pch3019": "C14H20N2O",  # norfentanyl, as an InChI
        },
    )
