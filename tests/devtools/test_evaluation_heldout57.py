"""The fifty-seventh held-out set (devtools/data/evaluation_heldout57.csv): every row is well-formed and says its source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies; thirty-fourth session). Theme: declarations from the Union's candidate and
neighbour countries at its external borders: Turkish, Ukrainian, Serbian (Cyrillic and Latin), Bosnian and
Montenegrin, Albanian, Macedonian, Moldovan Romanian and Georgian, with English rows for balance. Where the writer read
no name in a language, the row declares the English or IUPAC name with a description in the language and says so; its
mask and pre-precursor rows name no page. Its shape differs from the shared conventions (tests/devtools/
test_evaluation_heldout.py SETS_OF_ANOTHER_SHAPE). Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from collections import Counter
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_scheduled_rows_follow_the_category_in_their_note,
    assert_well_formed,
)

HELDOUT57 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout57.csv"
LANGUAGE_MARK = re.compile(r"^(TR|UK|SR|BS|SQ|MK|RO-MD|KA|EN);")


def test_fifty_seventh_heldout_is_well_formed():
    rows = load_rows(HELDOUT57)
    assert 150 <= len(rows) <= 200
    assert_well_formed(rows)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h57\d{3}", row.id) for row in rows)
    assert {row.group for row in rows} == {"scheduled substances", "drugs", "masks", "pre-precursors", "legitimate look-alikes"}


def test_fifty_seventh_heldout_spans_the_neighbours_languages():
    languages = Counter(LANGUAGE_MARK.match(row.note)[1] for row in load_rows(HELDOUT57))
    assert {"TR", "UK", "SR", "BS", "SQ", "MK", "RO-MD"} <= set(languages)
    assert sum(n for language, n in languages.items() if language != "EN") >= 120


def test_fifty_seventh_heldout_expectations_follow_the_categories():
    rows = load_rows(HELDOUT57)
    assert_scheduled_rows_follow_the_category_in_their_note(rows, r"Cat(?:egory)?\.?\s*(\d)")
    assert all(row.expect == "high" for row in rows if row.group in {"drugs", "masks"})
    assert all(row.expect == "low" for row in rows if row.group == "pre-precursors")
    assert all(row.expect == "none" for row in rows if not row.positive)
