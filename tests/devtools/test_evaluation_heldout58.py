"""The fifty-eighth held-out set (devtools/data/evaluation_heldout58.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables, docs or the other sets' bodies; thirty-fourth session). Theme: drug-class analogues as research-chemical
vendors and couriers declare them (cathinones, phenethylamines, fentanyl analogues, nitazenes, tryptamines,
arylcyclohexylamines, benzodiazepine-type substances; listed ones and unlisted close analogues the writer drew) and the
medicines and chemicals that look like them. Mostly structures (SMILES, InChI). Its shape differs from the shared
conventions (few scheduled rows, no Category 4 medicine: tests/devtools/test_evaluation_heldout.py
SETS_OF_ANOTHER_SHAPE). Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_look_alikes_bounded_and_sourced, assert_set_conventions

HELDOUT58 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout58.csv"


def test_fifty_eighth_heldout_follows_the_sets_conventions():
    rows = load_rows(HELDOUT58)
    assert 150 <= len(rows) <= 200
    assert_set_conventions(rows, "h58")
    assert_look_alikes_bounded_and_sourced(rows)
    assert all(re.match(r"[A-Z]{2}; ", row.note) for row in rows)  # each note opens with the row's language
    assert all("http" in row.note for row in rows)


def test_fifty_eighth_heldout_is_mostly_drugs_and_their_look_alikes():
    rows = load_rows(HELDOUT58)
    drugs = [row for row in rows if row.group == "drugs"]
    assert len(drugs) >= 80 and sum(1 for row in rows if row.group == "legitimate look-alikes") >= 40
    analogues = [row for row in drugs if "no source of its own" in row.note]
    assert len(analogues) >= 25 and all(row.expect == "medium" for row in analogues)
    assert all(row.expect == "high" for row in drugs if row not in analogues)
    assert all(row.expect == "high" for row in rows if row.group == "masks")
    assert all(row.expect == "low" for row in rows if row.group == "pre-precursors")
