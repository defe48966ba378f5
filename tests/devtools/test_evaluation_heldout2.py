"""The second held-out set (devtools/data/evaluation_heldout2.csv): every row is well-formed and cites a source.

Like the first set, its recall is a measurement (docs/evaluation.md, "Second held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import evaluate_rows, load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas, assert_set_conventions
from tests.factories import make_screener

HELDOUT2 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout2.csv"


def test_second_heldout_rows_are_well_formed_and_follow_the_sets_conventions():
    rows = load_rows(HELDOUT2)
    assert len(rows) >= 150
    assert_set_conventions(rows, "h2")


def test_second_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT2),
        {
            "pch2020": "C13H14O5",  # PMK ethyl glycidate
            "pch2021": "C11H12O3",  # BMK methyl glycidate
            "pmh2025": "C16H23NO4",  # t-BOC-MDMA
            "pdh2004": "C24H32N4O3",  # butonitazene
            "pdh2009": "C22H27FN2O2",  # ocfentanil
            "nlh2028": "C19H20ClN3",  # clemizole
        },
    )


def test_second_heldout_legitimate_items_stay_within_the_low_noise_aim():
    report = evaluate_rows(make_screener(), load_rows(HELDOUT2))
    negatives = report["negatives"]
    assert negatives >= 40
    # issue 11's aim for legitimate items at low or above (<= 15 %). With some forty legitimate items one row is
    # already more than the medium-or-above aim (<= 2 %), so that aim is reported in docs/evaluation.md, not held.
    assert report["negatives_low_or_above"] / negatives <= 0.15
