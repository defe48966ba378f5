"""The fifty-fifth held-out set (devtools/data/evaluation_heldout55.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies; thirty-third session). Theme: the EU's less-resourced official languages in
customs declarations (Portuguese, Swedish, Lithuanian, Croatian, Greek, Hungarian, Danish, Romanian, Slovenian,
Slovak, Bulgarian, Latvian): the scheduled substances and controlled drugs by the names national lists, government
pages and encyclopaedias print in those languages, with descriptions in the language, and look-alikes. Its shape
differs from the shared conventions (tests/devtools/test_evaluation_heldout.py SETS_OF_ANOTHER_SHAPE). Its recall is a
measurement (docs/evaluation.md), not a gate.
"""

import re
from collections import Counter
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_names_cite_their_source, assert_well_formed

HELDOUT55 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout55.csv"
# Each note opens with the language of the row: "PT; ...", "HR description; ..." (the value is then a CAS number or
# a structure and only the description is in the language)
LANGUAGE_MARK = re.compile(r"^(PT|SV|LT|HR|EL|HU|DA|RO|SL|SK|BG|LV)\b")


def test_fifty_fifth_heldout_is_well_formed_and_cites_its_sources():
    rows = load_rows(HELDOUT55)
    assert len(rows) >= 120
    assert_well_formed(rows)
    assert_names_cite_their_source(rows)
    assert all(row.id[2:5] == "h55" for row in rows)


def test_fifty_fifth_heldout_spans_the_less_resourced_languages():
    rows = load_rows(HELDOUT55)
    languages = Counter(LANGUAGE_MARK.match(row.note)[1] for row in rows if LANGUAGE_MARK.match(row.note))
    assert len(languages) >= 10
    assert sum(languages.values()) >= 110


def test_fifty_fifth_heldout_expectations():
    rows = load_rows(HELDOUT55)
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    # not every note names the category (some name the substance and its list only); those that do follow it
    assert all(row.expect == "high" for row in scheduled if "Category 1" in row.note)
    assert all(row.expect == "low" for row in scheduled if re.search(r"Category 2[AB]?\b", row.note))
    assert all(row.expect in {"high", "low", "info"} for row in scheduled)
    assert all(row.expect == "high" for row in rows if row.group == "drugs")
    assert all(row.expect == "none" for row in rows if not row.positive)
    assert "placeholder" in " ".join(row.note for row in rows)
