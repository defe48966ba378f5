"""The fifty-sixth held-out set (devtools/data/evaluation_heldout56.csv): every row is well-formed and names its source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies; thirty-fourth session). Theme: the six large EU languages as customs brokers
write them (German, French, Dutch, Italian, Spanish, Polish, and English for balance): compound words, inflections,
salt words before or fused to the base, grades and packaging words in the language, uppercase without accents. Its
shape differs from the shared conventions (tests/devtools/test_evaluation_heldout.py SETS_OF_ANOTHER_SHAPE): plain
legitimate chemicals are marked `nx` (a negative outside the look-alike group), and the notes name the site or
document a name was read in rather than its address. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_scheduled_rows_follow_the_category_in_their_note,
    assert_well_formed,
)

HELDOUT56 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout56.csv"
LANGUAGE_MARK = re.compile(r"^(DE|FR|NL|IT|ES|PL|EN);")


def test_fifty_sixth_heldout_is_well_formed_and_names_its_sources():
    rows = load_rows(HELDOUT56)
    assert 150 <= len(rows) <= 200
    assert all(re.fullmatch(r"(p[cdmp]|nl|nx)h56\d{3}", row.id) for row in rows)
    # every row but the plain negatives belongs to a group; those are checked as the groups' rows are
    assert_well_formed([row for row in rows if not row.id.startswith("nx")])
    assert_well_formed([replace(row, id="nl" + row.id[2:]) for row in rows if row.id.startswith("nx")])
    assert all("name/identifier source:" in row.note for row in rows)


def test_fifty_sixth_heldout_spans_the_six_large_languages():
    languages = Counter(LANGUAGE_MARK.match(row.note)[1] for row in load_rows(HELDOUT56))
    assert set(languages) == {"DE", "FR", "NL", "IT", "ES", "PL", "EN"}
    assert all(languages[language] >= 20 for language in ("DE", "FR", "NL", "IT", "ES", "PL"))


def test_fifty_sixth_heldout_expectations_follow_the_categories():
    rows = load_rows(HELDOUT56)
    # the notes write "Category 2 (subcat. 2A)" where the shared convention writes "Category 2A"
    assert_scheduled_rows_follow_the_category_in_their_note(rows, r"Category (\d)")
    assert all(row.expect == "high" for row in rows if row.group in {"drugs", "masks"})
    assert all(row.expect == "low" for row in rows if row.group == "pre-precursors")
    negatives = [row for row in rows if not row.positive]
    assert all(row.expect in {"none", "low"} for row in negatives)
    assert sum(1 for row in negatives if row.expect == "none") > len(negatives) / 2
