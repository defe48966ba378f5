"""The sixty-second held-out set (devtools/data/evaluation_heldout62.csv): its theme and how it says what was composed.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies; thirty-eighth session). Theme: the designer precursors and masks scheduled or
reported in 2023-2026 (the delegated regulations' additions, the masks of the forensic literature such as t-BOC-MDMA,
N-MOC-MDMA and p-tosyl methylamphetamine, the nitazenes and cathinones they lead to), declared as the literature names
them, with the flavour, fragrance and pharmaceutical look-alikes of the same shapes. It follows the shared conventions
of the later sets (tests/devtools/test_evaluation_heldout.py checks them by its file name); this module checks its
theme. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    LATER_DELEGATED_REGULATIONS,
    assert_category_4_medicines_cite_regulation_111_2005,
    assert_declared_forms_of_a_later_set,
    assert_expectations_follow_the_categories,
    assert_group_sizes,
    assert_look_alikes_bounded_and_sourced,
    assert_set_conventions,
)

HELDOUT62 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout62.csv"


def test_sixty_second_heldout_draws_its_masks_as_structures_and_cites_the_literature():
    rows = load_rows(HELDOUT62)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h62\d{3}", row.id) for row in rows)
    assert all(re.match(r"[A-Z]{2}; ", row.note) for row in rows)  # each note opens with the row's language
    masks = [row for row in rows if row.group == "masks"]
    assert len(masks) >= 25 and sum(1 for row in masks if row.kind == "smiles") >= 20
    # the masks the literature reports beside the ones the writer composed, each saying which it is
    literature = [row for row in masks if "no source of its own" not in row.note]
    assert len(literature) >= 10 and all("http" in row.note for row in literature)
    assert any("tosyl" in row.note.lower() for row in literature)


def test_sixty_second_heldout_follows_the_shared_conventions_but_the_number_of_drugs():
    # its brief asked for 20 drugs and 25 masks, the shared conventions' numbers swapped: it has 22 drugs and 27 masks
    rows = load_rows(HELDOUT62)
    assert 150 <= len(rows) <= 200
    assert_set_conventions(rows, "h62")
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, masks=25, pre_precursors=12, drugs=22, legitimate=45)
    assert_look_alikes_bounded_and_sourced(rows)
    assert_expectations_follow_the_categories(rows, LATER_DELEGATED_REGULATIONS)
    assert_category_4_medicines_cite_regulation_111_2005(rows)
