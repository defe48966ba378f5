"""The sixty-sixth held-out set (devtools/data/evaluation_heldout66.csv): API exporters' catalogues from India and China.

Written blind like the earlier sets (by an evaluator who had not read the detection code, its name tables or the other
sets' bodies; thirty-ninth session). Theme: how active pharmaceutical ingredients are listed and shipped by exporters in
India and China: INN and salt names with pharmacopoeia grades (IP, BP, USP, EP, ChP), "DMF available", batch numbers,
HSN codes, Chinese-English names and pinyin, typos; the scheduled precursors and controlled drugs traded so, masked
forms, pre-precursors, and the legitimate APIs of similar names. It follows the shared conventions of the later sets
(tests/devtools/test_evaluation_heldout.py checks them by its file name); this module checks its theme. Its recall is
a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows

HELDOUT66 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout66.csv"


def test_sixty_sixth_heldout_lists_apis_as_exporters_do():
    rows = load_rows(HELDOUT66)
    assert all(re.fullmatch(r"(p[cdmp]|nl)h66\d{3}", row.id) for row in rows)
    # Chinese names or pinyin, as bilingual catalogues write them
    assert sum(1 for row in rows if row.note.startswith("ZH; ")) >= 10
    # pharmacopoeia grades in the declared text
    text = " ".join(f"{row.value} {row.description}" for row in rows)
    assert len(re.findall(r"\b(?:IP|BP|USP|EP|Ph\.?\s?Eur|ChP)\b", text)) >= 10
