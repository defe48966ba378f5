"""The twenty-ninth held-out set (devtools/data/evaluation_heldout29.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: ERP and EDI master data as chemical distributors' and manufacturers'
business systems export it: SAP-style material short texts (40 characters at most, so long systematic names are cut
mid-word, upper case, trade abbreviations such as TECH, HCL, SOLN, ANHYD, PCT, IBC, DR 200L), umlauts and accents
transliterated as EDIFACT/ASCII systems do (PHENYLESSIGSAEURE, ANHYDRIDE ACETIQUE), German, French, Spanish, Italian,
Dutch and Polish short texts, material numbers beside the name, EDIFACT and XML goods lines with the CAS number in a
separate segment or field, and CN/TARIC codes written with spaces, dots, eight or ten digits. Its recall is a
measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT29 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout29.csv"

SHORT_TEXT_LENGTH = 40  # SAP MAKTX / TEXT40
TRADE_ABBREVIATIONS = ("TECH", "HCL", "SOLN", "ANHYD", "PCT", "IBC", "DR 200L", "SOD.", "POT.", "MIN.")
LANGUAGES = ("German", "French", "Spanish", "Italian", "Dutch", "Polish")
MATERIAL_NUMBER = re.compile(r"\b\d{18}\b|Indeks \d|Artikelnr\. \d|cod\. art\. \d|LIN\+\d+\+\+\d")


def test_twenty_ninth_heldout_names_are_erp_short_texts():
    rows = load_rows(HELDOUT29)
    names = [row for row in rows if row.kind == "name"]
    assert all(len(row.value) <= SHORT_TEXT_LENGTH for row in names)
    assert all(row.value == row.value.upper() for row in names)
    # ASCII systems: no umlaut or accent survives in a short text or a goods line
    assert all((row.value + row.description).isascii() for row in rows)
    cut = [row for row in names if "cut at 40 characters" in row.note]
    assert len(cut) >= 5 and all(len(row.value) == SHORT_TEXT_LENGTH for row in cut)
    assert sum(1 for row in names if "SAEURE" in row.value) >= 5  # ä written AE
    # material numbers or raw-material codes keyed into the short text itself
    assert sum(1 for row in names if re.search(r"\b(?:RM-)?\d{4,8}\b", row.value) and "placeholder" in row.note) >= 3
    assert sum(1 for row in rows if "transliterated" in row.note) >= 5
    texts = " ".join(row.value + " " + row.description for row in rows)
    assert all(abbreviation in texts for abbreviation in TRADE_ABBREVIATIONS)
    notes = " ".join(row.note for row in rows)
    assert all(language in notes for language in LANGUAGES)


def test_twenty_ninth_heldout_goods_lines_are_erp_and_edi_exports():
    rows = load_rows(HELDOUT29)
    descriptions = [row.description for row in rows]
    assert sum(1 for text in descriptions if "LIN+" in text) >= 8  # EDIFACT goods item segments
    assert sum(1 for text in descriptions if "<GoodsItem>" in text) >= 3  # XML goods lines
    # the CAS number in a field of its own beside the short text
    assert sum(1 for text in descriptions if "FTX+AAA+++CAS" in text or "<CAS>" in text) >= 4
    numbered = [row for row in rows if MATERIAL_NUMBER.search(row.description)]
    assert len(numbered) >= 80
    assert all("placeholder" in row.note for row in numbered)
    codes = {row.cn_code for row in rows if row.cn_code}
    assert any(re.fullmatch(r"\d{8}", code) for code in codes)  # eight digits, no spaces
    assert any(re.fullmatch(r"\d{10}", code) for code in codes)  # TARIC
    assert any(re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", code) for code in codes)  # dotted
    assert any(re.fullmatch(r"\d{4} \d{2} \d{2}", code) for code in codes)


def test_twenty_ninth_heldout_category_4_medicines_are_information_only():
    rows = load_rows(HELDOUT29)
    medicines = [row for row in rows if row.cn_code in {"3004 41 00", "3004 42 00"}]
    assert len(medicines) >= 2
    assert all(row.expect == "info" and "Category 4" in row.note for row in medicines)


def test_twenty_ninth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT29),
        {
            "pch29025": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch29034": "C15H14O7",  # IMDPAM
            "pch29036": "C10H15Cl2N",  # (1R,2R)-chloropseudoephedrine hydrochloride
            "pch29045": "C10H15NO",  # ephedrine InChI
            "pch29046": "C20H32N2O6S",  # ephedrine sulfate 2:1
            "pdh29019": "C24H30N2O3",  # carfentanil
            "pmh29003": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh29013": "C16H23NO4",  # N-t-BOC-MDMA
            "pmh29020": "C19H28N2O3",  # Boc-norfentanyl
            "pph29004": "C10H9NO4",  # MDP-2-nitropropene
        },
    )
