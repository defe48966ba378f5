"""The sixty-fifth held-out set (devtools/data/evaluation_heldout65.csv): postal, express and e-commerce consignments.

Written blind like the earlier sets (by an evaluator who had not read the detection code, its name tables or the other
sets' bodies; thirty-ninth session). Theme: small parcels and courier shipments as senders declare them, with vague or
consumer-style descriptions ("research sample, not for human consumption", "plant food", "blotters", "gummies"),
marketplace titles and quantities in grams, tablets or vials; the drugs, new psychoactive substances and precursors
sent this way, and legitimate e-commerce goods of similar description. It has no drug analogue of the writer's own;
every other shared convention is checked here. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    LATER_DELEGATED_REGULATIONS,
    assert_category_4_medicines_cite_regulation_111_2005,
    assert_declared_forms_of_a_later_set,
    assert_group_sizes,
    assert_look_alikes_bounded_and_sourced,
    assert_scheduled_rows_follow_their_category,
    assert_set_conventions,
)

HELDOUT65 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout65.csv"


def test_sixty_fifth_heldout_follows_the_shared_conventions_but_has_no_drug_analogue_of_its_own():
    rows = load_rows(HELDOUT65)
    assert 150 <= len(rows) <= 200
    assert_set_conventions(rows, "h65")
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, masks=25, pre_precursors=12, drugs=20, legitimate=45)
    assert_look_alikes_bounded_and_sourced(rows)
    assert_category_4_medicines_cite_regulation_111_2005(rows)
    notes = " ".join(row.note for row in rows)
    assert all(regulation in notes for regulation in LATER_DELEGATED_REGULATIONS)
    assert_scheduled_rows_follow_their_category(rows)
    assert all(row.expect == "high" for row in rows if row.group in ("masks", "drugs"))
    assert all(row.expect == "low" for row in rows if row.group == "pre-precursors")
    assert not [row for row in rows if row.group == "drugs" and "no source of its own" in row.note]


def test_sixty_fifth_heldout_declares_goods_as_parcels_are_declared():
    rows = load_rows(HELDOUT65)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h65\d{3}", row.id) for row in rows)
    # quantities in grams, milligrams, tablets or vials, as small consignments give them
    text = " ".join(f"{row.value} {row.description}" for row in rows)
    assert len(re.findall(r"\b\d+(?:[.,]\d+)?\s?(?:g|mg|ml|tablets?|vials?|pcs)\b", text, re.IGNORECASE)) >= 30
