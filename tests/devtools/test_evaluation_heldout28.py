"""The twenty-eighth held-out set (devtools/data/evaluation_heldout28.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the international control system's own texts and the trade records
built on them: names, abbreviations and HS codes as the INCB Red, Yellow and Green Lists, PEN Online pre-export
notifications and national export/import authorisations quote them (quantities in kg and l, mixtures with stated
shares), distributors' invoice lines with grade words and catalogue numbers, the 2022-2025 additions to the EU
annex, UN-scheduled drugs and unlisted analogues, masks, pre-precursors, and legitimate reagents a distributor sells
beside them. Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    assert_scheduled_rows_follow_their_category,
)

HELDOUT28 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout28.csv"

GRADE_WORDS = ("ReagentPlus", "ACS reagent", "puriss. p.a.", "Ph. Eur.", "USP", "FCC")
LATER_ADDITIONS = ("2022/1518", "2023/196", "2024/1331")


def test_twenty_eighth_heldout_quotes_the_control_system_and_trade_records():
    rows = load_rows(HELDOUT28)
    names = [row.value for row in rows if row.kind == "name" and row.positive]
    # Red List style: a name followed by its abbreviation in brackets, e.g. "alpha-phenylacetoacetonitrile (APAAN)"
    assert sum(1 for name in names if re.search(r"\((?:[A-Z0-9-]+|PMK glycidate|PMK glycidic acid)\)$", name)) >= 10
    notes = " ".join(row.note for row in rows)
    assert "Red List" in notes and "Yellow List" in notes and "Green List" in notes and "PEN" in notes
    assert all(addition in notes for addition in LATER_ADDITIONS)
    descriptions = [row.description for row in rows]
    assert sum(1 for text in descriptions if re.search(r"\d\s?(kg|l|g|t)\b", text)) >= 50  # quantities
    assert all(any(word in text for text in descriptions) for word in GRADE_WORDS)
    assert sum(1 for text in descriptions if "cat. no." in text) >= 5
    assert all("placeholder" in row.note for row in rows if "cat. no." in row.description)


def test_twenty_eighth_heldout_expectations_follow_the_categories():
    rows = load_rows(HELDOUT28)
    assert_scheduled_rows_follow_their_category(rows)
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    mixtures = [row for row in scheduled if "threshold" in row.note]
    assert len(mixtures) >= 2  # shares below a national PEN threshold, with the expectation explained


def test_twenty_eighth_heldout_category_4_medicines_are_information_only():
    rows = load_rows(HELDOUT28)
    medicines = [row for row in rows if row.cn_code in {"3004 41 00", "3004 42 00"}]
    assert len(medicines) >= 2
    assert all(row.expect == "info" and "Category 4" in row.note for row in medicines)


def test_twenty_eighth_heldout_look_alikes_are_bounded_and_sourced():
    look_alikes = [row for row in load_rows(HELDOUT28) if not row.positive]
    assert all(row.expect in {"none", "info", "low"} for row in look_alikes)
    assert all("http" in row.note or "chemicals package database" in row.note for row in look_alikes)
    assert all("borderline" in row.note for row in look_alikes if row.expect != "none")


def test_twenty_eighth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT28),
        {
            "pch28007": "C12H12O5",  # PMK methyl glycidate InChI
            "pch28024": "C15H13NaO7",  # IMDPAM sodium salt
            "pch28039": "C10H15NO",  # pseudoephedrine InChI
            "pch28060": "KMnO4",  # covalent permanganate drawing
            "pdh28008": "C24H30N2O3",  # carfentanil
            "pmh28006": "C10H8NNaO",  # APAAN sodium enolate
            "pmh28013": "C5H12ClNO2",  # 4-piperidone gem-diol hydrochloride
            "pmh28016": "C16H23NO4",  # N-Boc-MDMA
            "pph28004": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
        },
    )
