"""The thirty-first held-out set (devtools/data/evaluation_heldout31.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: names in non-Latin scripts and their transliterations. Precursor and
drug names as China's precursor list, the Russian and Ukrainian control lists, Japanese, Korean, Greek, Serbian and
Arabic pages write them (Chinese, Cyrillic, katakana, Hangul, Greek and Arabic script); the Latin transliterations
traders and systems produce from them (Hanyu Pinyin, BGN/PCGN, ISO 9, Ukrainian KMU 2010, ELOT 743, Revised
Romanization), each made by the evaluator from a sourced spelling and naming its standard; a Cyrillic word typed with
Latin look-alike letters; mixed-script lines (a Cyrillic or Chinese name with a CAS number); and CAS, SMILES and
InChI rows whose descriptions are in those scripts. Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT31 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout31.csv"

SCRIPTS = {
    "Cyrillic": re.compile(r"[\u0400-\u04FF]"),
    "Greek": re.compile(r"[\u0370-\u03FF]"),
    "Han": re.compile(r"[\u4E00-\u9FFF]"),
    "Kana": re.compile(r"[\u30A0-\u30FF]"),
    "Hangul": re.compile(r"[\uAC00-\uD7AF]"),
    "Arabic": re.compile(r"[\u0600-\u06FF]"),
}
NON_LATIN = re.compile("|".join(pattern.pattern for pattern in SCRIPTS.values()))
STANDARDS = ("Hanyu Pinyin", "BGN/PCGN", "ISO 9", "KMU 2010", "ELOT 743", "Revised Romanization")
CATEGORY_4_CODES = {"3004 41 00", "3004 42 00"}


def test_thirty_first_heldout_writes_names_in_many_scripts():
    rows = load_rows(HELDOUT31)
    names = [row for row in rows if row.kind == "name"]
    # every script of the theme names at least one substance in the value field
    for script, pattern in SCRIPTS.items():
        assert any(pattern.search(row.value) for row in names), script
    assert sum(1 for row in names if NON_LATIN.search(row.value)) >= 40
    # and the identifier rows are described in those scripts too
    identifiers = [row for row in rows if row.kind != "name"]
    assert sum(1 for row in identifiers if NON_LATIN.search(row.description)) >= 30


def test_thirty_first_heldout_transliterations_name_their_standard_and_source():
    rows = load_rows(HELDOUT31)
    transliterated = [row for row in rows if row.kind == "name" and "applied by the evaluator" in row.note]
    assert len(transliterated) >= 10
    for row in transliterated:
        assert re.search(r"[a-z]{4,}", row.value), row.id  # the transliteration itself is in Latin letters
        assert any(standard in row.note for standard in STANDARDS), row.id
        assert "http" in row.note, row.id
    assert len({standard for row in transliterated for standard in STANDARDS if standard in row.note}) >= 5


def test_thirty_first_heldout_has_look_alike_letters_and_mixed_script_lines():
    rows = load_rows(HELDOUT31)
    cyrillic, latin = SCRIPTS["Cyrillic"], re.compile(r"[A-Za-z]")
    # a single Cyrillic word with Latin letters typed inside it
    assert any(
        any(cyrillic.search(word) and latin.search(word) for word in row.value.split())
        for row in rows
        if row.kind == "name"
    )
    # a non-Latin name carrying a CAS number, and a CAS field commented in Cyrillic
    assert any(row.kind == "name" and NON_LATIN.search(row.value) and re.search(r"\d+-\d\d-\d", row.value) for row in rows)
    assert any(row.kind == "cas" and cyrillic.search(row.value) for row in rows)
    # wording the evaluator wrote without a page to read it on is admitted to be a placeholder in the note
    assert sum(1 for row in rows if "placeholder" in row.note) >= 10
    assert not any("placeholder" in row.description for row in rows)


def test_thirty_first_heldout_category_4_medicines_are_information_only():
    rows = load_rows(HELDOUT31)
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_CODES]
    assert len(medicines) >= 5
    assert all(row.expect == "info" and "Category 4" in row.note and "http" in row.note for row in medicines)
    # medicines named in Greek, Serbian Cyrillic and Arabic among them
    values = " ".join(row.value for row in medicines)
    assert all(SCRIPTS[script].search(values) for script in ("Greek", "Cyrillic", "Arabic"))


def test_thirty_first_heldout_look_alikes_are_bounded_and_sourced():
    rows = load_rows(HELDOUT31)
    look_alikes = [row for row in rows if not row.positive]
    # foreign control lists name some of them: they stay look-alikes for an EU screener
    assert sum(1 for row in look_alikes if row.kind == "name" and NON_LATIN.search(row.value)) >= 10


def test_thirty_first_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT31),
        {
            "pch31058": "C10H16ClNO",  # ephedrine hydrochloride
            "pch31060": "C9H14ClNO",  # norephedrine hydrochloride
            "pch31061": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pch31064": "C15H14O7",  # IMDPAM
            "pch31066": "C10H15NO",  # ephedrine InChI
            "pch31069": "C13H18ClNO",  # NPP hydrochloride
            "pch31070": "C11H9KO5",  # PMK glycidic acid potassium salt
            "pdh31024": "C22H27FN2O",  # ortho-fluorofentanyl
            "pmh31001": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh31012": "C15H21NO2",  # NPP ethylene ketal
            "pph31012": "C10H9NO4",  # MDP2NP
        },
    )
