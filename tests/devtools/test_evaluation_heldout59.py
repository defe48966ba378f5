"""The fifty-ninth held-out set (devtools/data/evaluation_heldout59.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies; thirty-fifth session). Theme: goods as customs officers, customs services'
press releases and binding tariff rulings describe them (an official's wording of the goods, a commercial name beside
a chemical description, the concealments seizure reports name), in English and the languages of names_eu.csv's main
rows. Its shape differs from the shared conventions (no analogue without a source, no Category 4 medicine with its CN
code, masks expected at `medium`, Category 2A at `medium`: tests/devtools/test_evaluation_heldout.py
SETS_OF_ANOTHER_SHAPE). Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_well_formed

HELDOUT59 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout59.csv"


def test_fifty_ninth_heldout_is_well_formed_and_cites_the_page_each_row_was_read_on():
    rows = load_rows(HELDOUT59)
    assert 150 <= len(rows) <= 200
    assert_well_formed(rows)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h59\d{3}", row.id) for row in rows)
    assert all(re.match(r"[A-Z]{2}; ", row.note) for row in rows)  # each note opens with the row's language
    assert all("http" in row.note for row in rows)


def test_fifty_ninth_heldout_covers_every_group_and_the_declared_forms():
    rows = load_rows(HELDOUT59)
    groups = {row.group for row in rows}
    assert groups == {"scheduled substances", "drugs", "masks", "pre-precursors", "legitimate look-alikes"}
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    assert len(scheduled) >= 60 and {row.kind for row in scheduled} >= {"name", "cas", "smiles"}
    assert all(row.expect in {"none", "info", "low"} for row in rows if not row.positive)
    assert all(row.expect == "low" for row in rows if row.group == "pre-precursors")
