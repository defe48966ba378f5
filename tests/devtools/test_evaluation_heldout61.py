"""The sixty-first held-out set (devtools/data/evaluation_heldout61.csv): its theme and how it says what was composed.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies; thirty-seventh session). Theme: precursors, designer precursors and drugs as
business-to-business marketplace and supplier listings title them (purity and a CAS number in the title, selling words,
nicknames such as "PMK oil" and "4-AP", Chinese beside English), with the legitimate look-alikes such listings carry. It
follows the shared conventions of the later sets (tests/devtools/test_evaluation_heldout.py checks them by its file
name); this module checks its theme. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows

HELDOUT61 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout61.csv"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_sixty_first_heldout_titles_goods_as_listings_do():
    rows = load_rows(HELDOUT61)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h61\d{3}", row.id) for row in rows)
    assert all(re.match(r"[A-Z]{2}; ", row.note) for row in rows)  # each note opens with the row's language
    titles = [row.value for row in rows if row.kind == "name"]
    # a purity and a CAS number inside the title, selling words, and Chinese beside English
    assert sum(1 for title in titles if re.search(r"\d\s*%", title)) >= 20
    assert sum(1 for title in titles if re.search(r"\b\d{2,7}-\d\d-\d\b", title)) >= 10
    assert sum(1 for title in titles if re.search(r"supply|factory|hot sale|in stock|delivery|purity", title, re.I)) >= 10
    assert sum(1 for row in rows if CJK.search(row.value)) >= 3


def test_sixty_first_heldout_says_which_wording_it_composed_and_what_it_knew_without_a_page():
    rows = load_rows(HELDOUT61)
    # the corpus held few real listing titles: the marketplace wording a writer composed is said in the note, and a
    # schedule or Chinese wording from the writer's knowledge is said so; every row still cites where its names were read
    assert sum(1 for row in rows if "listing wording composed" in row.note) >= 5
    assert all("http" in row.note or "shared/reference" in row.note or "own" in row.note for row in rows)
    zh = [row for row in rows if row.note.startswith("ZH; ")]
    assert zh and all("own knowledge" in row.note for row in zh)
