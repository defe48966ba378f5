"""The evaluation set is a test: recall and noise must hold their documented levels."""

from devtools.evaluation import evaluate_rows, load_rows
from tests.factories import make_screener


def test_evaluation_set_recall_and_false_positives():
    report = evaluate_rows(make_screener(), load_rows())
    misses = [(r.id, s) for r, s in report["results"] if r.positive and s == "none"]
    assert report["recall"] == 1.0, misses
    assert report["negatives_within_expectation"] == 1.0
    assert report["negatives_above_low"] == 0
    assert report["negatives_flagged"] / report["negatives"] <= 0.1
