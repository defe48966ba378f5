"""The twenty-fifth held-out set (devtools/data/evaluation_heldout25.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: declarations from the EU's smaller-language Member States and their
neighbours: names of scheduled substances, controlled drugs, masks and pre-precursors as Lithuanian, Swedish, Ukrainian,
Portuguese, Romanian, Hungarian, Czech, Slovak, Slovenian, Estonian, Finnish, Greek, Croatian, Serbian and Turkish
lists, laws, leaflets and pharmacopoeias write them (salts in the language's words, decimal commas, CAS and CN codes
beside them), and legitimate look-alikes in the same languages. Its recall is a measurement (docs/evaluation.md) and
not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT25 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout25.csv"

LANGUAGES = (
    "Lithuanian",
    "Swedish",
    "Ukrainian",
    "Portuguese",
    "Romanian",
    "Hungarian",
    "Czech",
    "Slovenian",
    "Slovak",
    "Estonian",
    "Turkish",
    "Finnish",
    "Greek",
    "Croatian",
    "Serbian",
    "Latvian",
    "Danish",
    "Bulgarian",
    "Maltese",
)
SALT_WORDS = ("clorhidrat", "cloridrato", "hidroklorid", "hydrochlorid", "vesinikkloriid", "klorid", "chlorati", "HCl")


def test_twenty_fifth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT25)
    assert 170 <= len(rows) <= 230
    assert_declared_forms_of_a_later_set(rows, 70)
    assert_group_sizes(rows, 20, 12, 20, 50)


def test_twenty_fifth_heldout_writes_names_in_the_smaller_languages():
    rows = load_rows(HELDOUT25)
    notes = " ".join(row.note for row in rows)
    assert all(language in notes for language in LANGUAGES)
    names = [row for row in rows if row.kind == "name"]
    assert sum(1 for row in names if not row.value.isascii()) >= 45  # diacritics, Cyrillic, Greek
    assert sum(1 for row in names if re.search(r"[\u0400-\u04ff]", row.value)) >= 10  # Ukrainian
    assert sum(1 for row in names if re.search(r"[\u0370-\u03ff]", row.value)) >= 3  # Greek
    assert sum(1 for row in rows if re.search(r"\d,\d", row.description)) >= 8  # decimal commas
    salts = [row for row in rows if any(word in row.value or word in row.description for word in SALT_WORDS)]
    assert len(salts) >= 10


def test_twenty_fifth_heldout_names_cite_the_page_they_were_read_on():
    for row in load_rows(HELDOUT25):
        if row.kind == "name":
            assert "http" in row.note, row.id


def test_twenty_fifth_heldout_category_4_medicines_are_information_only():
    rows = load_rows(HELDOUT25)
    medicines = [row for row in rows if row.cn_code in {"3004 41 00", "3004 42 00"}]
    assert len(medicines) >= 6
    assert all(row.expect == "info" and "Category 4" in row.note for row in medicines)


def test_twenty_fifth_heldout_look_alikes_are_bounded_and_sourced():
    look_alikes = [row for row in load_rows(HELDOUT25) if not row.positive]
    assert all(row.expect in {"none", "info", "low"} for row in look_alikes)
    assert all("http" in row.note or "chemicals package database" in row.note for row in look_alikes)


def test_twenty_fifth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT25),
        {
            "pch25084": "C10H16ClNO",  # ephedrine hydrochloride
            "pch25086": "KMnO4",  # potassium permanganate ion pair
            "pch25088": "C11H11NaO3",  # MAPA sodium enolate
            "pch25089": "C10H15NO",  # ephedrine InChI
            "pmh25001": "C11H14O2",  # BMK ethylene ketal
            "pmh25011": "C17H18N2O2",  # methyl lysergate
            "pph25004": "C9H9NO2",  # P2NP
            "pdh25026": "C22H28ClFN2O",  # para-fluorofentanyl hydrochloride
        },
    )
