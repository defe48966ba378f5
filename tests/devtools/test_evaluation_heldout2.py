"""The second held-out set (devtools/data/evaluation_heldout2.csv): every row is well-formed and cites a source.

Like the first set, its recall is a measurement (docs/evaluation.md, "Second held-out set") and not a gate.
"""

import re
from pathlib import Path

from rdkit import Chem
from rdkit.Chem.rdMolDescriptors import CalcMolFormula

from devtools.evaluation import GROUPS, evaluate_rows, load_rows
from tests.devtools.test_evaluation_heldout import assert_well_formed
from tests.factories import make_screener

HELDOUT2 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout2.csv"


def test_second_heldout_rows_are_well_formed():
    rows = load_rows(HELDOUT2)
    assert len(rows) >= 150
    assert_well_formed(rows)
    for row in rows:
        # group letters first (devtools/evaluation.py reads group and sign from them), then the set's mark
        assert re.fullmatch(r"(p[cdmp]|nl)h2\d{3}", row.id), row.id


def test_second_heldout_rows_without_a_source_of_their_own_say_so():
    rows = load_rows(HELDOUT2)
    analogues = [row for row in rows if "no source of its own" in row.note]
    # analogues are allowed, but only where the note admits it, and they must stay a minority of the positives
    assert analogues
    assert len(analogues) < sum(1 for row in rows if row.positive) / 2


def test_second_heldout_structures_match_the_names_in_their_notes():
    """Spot checks of structures drawn from systematic names: the formula RDKit computes is the substance's."""
    by_id = {row.id: row for row in load_rows(HELDOUT2)}
    expected = {
        "pch2020": "C13H14O5",  # PMK ethyl glycidate
        "pch2021": "C11H12O3",  # BMK methyl glycidate
        "pmh2025": "C16H23NO4",  # t-BOC-MDMA
        "pdh2004": "C24H32N4O3",  # butonitazene
        "pdh2009": "C22H27FN2O2",  # ocfentanil
        "nlh2028": "C19H20ClN3",  # clemizole
    }
    for row_id, formula in expected.items():
        assert CalcMolFormula(Chem.MolFromSmiles(by_id[row_id].value)) == formula, row_id


def test_second_heldout_set_covers_every_group():
    rows = load_rows(HELDOUT2)
    assert {row.group for row in rows} == set(GROUPS.values())


def test_second_heldout_legitimate_items_stay_within_the_low_noise_aim():
    report = evaluate_rows(make_screener(), load_rows(HELDOUT2))
    negatives = report["negatives"]
    assert negatives >= 40
    # issue 11's aim for legitimate items at low or above (<= 15 %). With some forty legitimate items one row is
    # already more than the medium-or-above aim (<= 2 %), so that aim is reported in docs/evaluation.md, not held.
    assert report["negatives_low_or_above"] / negatives <= 0.15
