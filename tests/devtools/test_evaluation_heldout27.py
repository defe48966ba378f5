"""The twenty-seventh held-out set (devtools/data/evaluation_heldout27.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: real cases — how seized or stopped precursors, designer precursors and
drugs had been declared, as customs, police and prosecutors' releases tell it (PMK under 'polyester powder coating'
at Malpensa, PMK glycidate under 'pigments and waxes' in Spain, MAPA under surfactant names in the Czech Republic,
ephedrine in chess boards at Frankfurt, 1-boc-4-piperidone as 'dog food' in the Amarvel case, potassium permanganate
in a Genoa pellet mixture), with the cover in the description and the substance as the source names it; plus the
2024-2025 additions, drugs, masks, pre-precursors and the real products the covers imitate. Its recall is a
measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
    assert_set_conventions,
)

HELDOUT27 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout27.csv"


def test_twenty_seventh_heldout_follows_the_conventions_and_covers_every_group():
    rows = load_rows(HELDOUT27)
    assert 180 <= len(rows) <= 210
    assert_set_conventions(rows, "h27")
    assert_declared_forms_of_a_later_set(rows, 70)
    assert_group_sizes(rows, 20, 12, 20, 55)


def test_twenty_seventh_heldout_real_cases_cite_their_release_and_keep_the_cover():
    cases = [row for row in load_rows(HELDOUT27) if row.note.startswith("case:")]
    assert len(cases) >= 30
    assert all("http" in row.note and row.description for row in cases)
    hosts = {host for row in cases for host in re.findall(r"https?://([^/]+)/", row.note)}
    assert len(hosts) >= 15


def test_twenty_seventh_heldout_has_the_2024_and_2025_additions():
    rows = load_rows(HELDOUT27)
    notes = " ".join(row.note for row in rows if row.group == "scheduled substances")
    assert notes.count("2024/1331") >= 12  # C3-C4 glycidate esters of BMK and PMK, IMDPAM
    assert notes.count("2025/1475") >= 5  # 4-piperidone, 1-boc-4-piperidone


def test_twenty_seventh_heldout_expectations_follow_the_categories():
    for row in load_rows(HELDOUT27):
        if "Category 4" in row.note or row.cn_code in {"3004 41 00", "3004 42 00"}:
            assert row.expect == "info", row.id
        elif row.group == "scheduled substances" and "Category 1" in row.note:
            assert row.expect == "high", row.id
        elif row.group == "scheduled substances" and re.search(r"Category 2[AB]", row.note):
            assert row.expect == "low", row.id
        elif row.group == "scheduled substances" and "Category 3" in row.note:
            assert row.expect == "info", row.id


def test_twenty_seventh_heldout_look_alikes_are_bounded_and_sourced():
    look_alikes = [row for row in load_rows(HELDOUT27) if not row.positive]
    assert all(row.expect in {"none", "info", "low"} for row in look_alikes)
    assert all("chemicals package database" in row.note for row in look_alikes)
    borderline = [row for row in look_alikes if row.expect != "none"]
    assert all("borderline" in row.note or "at most" in row.note for row in borderline)


def test_twenty_seventh_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT27),
        {
            "pch27033": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch27050": "C15H13NaO7",  # IMDPAM sodium enolate
            "pch27060": "C10H15NO",  # ephedrine InChI
            "pch27062": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pdh27001": "C24H32N4O3",  # butonitazene
            "pmh27021": "C16H23NO4",  # t-Boc-MDMA
            "pph27002": "C9H8BrClO",  # 2-bromo-4'-chloropropiophenone
        },
    )
