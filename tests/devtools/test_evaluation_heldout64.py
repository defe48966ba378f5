"""The sixty-fourth held-out set (devtools/data/evaluation_heldout64.csv): words with two meanings, where context decides.

Written blind like the earlier sets (by an evaluator who had not read the detection code, its name tables or the other
sets' bodies; thirty-ninth session). Theme: the same word or abbreviation naming a controlled substance and something
harmless, the description, CN code, quantity or structure telling which: perfume brands named after drugs, place
names, abbreviations a drug or precursor shares with an industrial chemical, teas and foods of controlled plants, the
plant materials of the 1961 Convention, and precursors declared with innocent-looking context. Both directions are
in it: positives whose context says "controlled" and look-alikes whose context says "harmless". Its recall is a
measurement (docs/evaluation.md), not a gate.
"""

import re
from collections import Counter
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    CATEGORY_4_CODES,
    LATER_DELEGATED_REGULATIONS,
    assert_declared_forms_of_a_later_set,
    assert_expectations_follow_the_categories,
    assert_group_sizes,
    assert_look_alikes_bounded_and_sourced,
    assert_set_conventions,
)

HELDOUT64 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout64.csv"


def test_sixty_fourth_heldout_follows_the_shared_conventions_but_the_number_of_category_4_medicines():
    rows = load_rows(HELDOUT64)
    assert 150 <= len(rows) <= 200
    assert_set_conventions(rows, "h64")
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, masks=25, pre_precursors=12, drugs=20, legitimate=45)
    assert_look_alikes_bounded_and_sourced(rows)
    assert_expectations_follow_the_categories(rows, LATER_DELEGATED_REGULATIONS)
    # two Category 4 medicines where the conventions ask for three, each expecting `info` and citing Regulation 111/2005
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_CODES]
    assert len(medicines) == 2 and all(row.expect == "info" and "111/2005" in row.note for row in medicines)


def test_sixty_fourth_heldout_pairs_words_with_two_meanings():
    rows = load_rows(HELDOUT64)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h64\d{3}", row.id) for row in rows)
    # the same declared word on both sides: a positive and a look-alike share it
    words = Counter((row.value.split()[0].strip("(),").lower(), row.positive) for row in rows if row.kind == "name")
    shared = {word for word, positive in words if positive and (word, False) in words}
    assert len(shared) >= 5
    # abbreviations declared alone, in capitals, among the look-alikes
    assert sum(1 for row in rows if not row.positive and re.fullmatch(r"[A-Z0-9-]{2,5}( \d+%)?", row.value)) >= 3
