"""The sixty-third held-out set (devtools/data/evaluation_heldout63.csv): its theme, the lawful trade that must be reported.

Written blind like the earlier sets (by an evaluator who had not read the detection code, its name tables or the other
sets' bodies; thirty-eighth session, landed in the thirty-ninth). Theme: the scheduled substances and drugs as lawful
trade declares them, which customs must still check for a licence or authorisation: pharmacopoeial titles (Latin Ph.
Eur. names, USP salts and hydrates), active substances for medicines, Category 4 medicinal products under their CN
codes, the additions of the recent delegated regulations, and the flavour and pharmaceutical look-alikes of the same
trade. It follows the shared conventions of the later sets (tests/devtools/test_evaluation_heldout.py checks them by its
file name); this module checks its theme. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows

HELDOUT63 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout63.csv"
CATEGORY_4_MEDICINES_CN = {"3004 41 00", "3004 42 00"}


def test_sixty_third_heldout_declares_lawful_trade_by_its_pharmacopoeial_titles():
    rows = load_rows(HELDOUT63)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h63\d{3}", row.id) for row in rows)
    languages = [row.note[:2] for row in rows]
    assert languages.count("LA") >= 5  # the Ph. Eur.'s Latin titles ("Ephedrini hydrochloridum")
    assert len(set(languages)) >= 6
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_MEDICINES_CN]
    assert len(medicines) >= 5 and all(row.expect == "info" and "Category 4" in row.note for row in medicines)
    # lawful scheduled trade is reported at the obligation's level: Category 3 and 4 at `info`, 2A and 2B at `low`
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    assert sum(1 for row in scheduled if row.expect == "info") >= 10
    assert sum(1 for row in scheduled if row.expect == "low") >= 5


def test_sixty_third_heldout_names_the_recent_delegated_regulations():
    notes = " ".join(row.note for row in load_rows(HELDOUT63))
    for regulation in ("2022/1518", "2023/196", "2024/1331", "2025/1475"):
        assert regulation in notes
