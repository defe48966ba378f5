"""The thirty-third held-out set (devtools/data/evaluation_heldout33.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: deliberate concealment by traffickers. Cover loads and misdescription
(a scheduled substance declared under an innocent commodity name, the real identity only in the description, a
product code or a structure on the data sheet; the "colour pigments and waxes" and "polyester powder coating"
covers of the Spain 2017 and Milan-Malpensa seizures), deliberately garbled names (spaced or dotted letters
"P.M.K.", "B M K", hyphens and underscores inside words, digits for letters "PMK-g1ycidate", Cyrillic homoglyphs in
a Latin word, misspellings), invented trade names with the identity in brackets or after a slash, salts named
unusually, the designer precursors and their unlisted masked forms, and the legitimate goods these covers imitate
(industrial cleaners, food additives, cosmetics, agrochemicals). A cover load whose declaration never names or
identifies the substance is kept among the look-alikes with expectation none: a screener of declarations cannot
honestly say more. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT33 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout33.csv"

CATEGORY_4_CODES = {"3004 41 00", "3004 42 00"}
# the garbling methods: spaced, dotted or hyphenated single letters, a digit standing for a letter inside a
# word, an underscore inside a word, and a non-ASCII letter (homoglyph) in a Latin word
SPACED_LETTERS = re.compile(r"\b[A-Z][ .-][A-Z][ .-][A-Z]\b")
DIGIT_FOR_LETTER = re.compile(r"[A-Za-z][01][A-Za-z]|[a-z]{2}0\b")
UNDERSCORE_IN_WORD = re.compile(r"[a-z]_[a-z]")
HOMOGLYPH = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


def is_garbled(value: str) -> bool:
    return any(pattern.search(value) for pattern in (SPACED_LETTERS, DIGIT_FOR_LETTER, UNDERSCORE_IN_WORD, HOMOGLYPH))


def test_garbling_patterns_tell_garbled_from_plain_names():
    assert is_garbled("P.M.K.") and is_garbled("B M K (benzyl methyl ketone)") and is_garbled("PMK-g1ycidate")
    assert is_garbled("PMK ethyl glycid\u0430te") and is_garbled("methyl_glycidate")
    assert not is_garbled("PMK ethyl glycidate") and not is_garbled("4-AP / 4-anilinopiperidine")
    assert not is_garbled("Pseudoephedrine HCl 60 mg tablets")


def test_thirty_third_heldout_reads_like_concealed_declarations():
    rows = load_rows(HELDOUT33)
    positives = [row for row in rows if row.positive]
    garbled = [row for row in positives if row.kind == "name" and is_garbled(row.value)]
    assert len(garbled) >= 15
    # a garbled spelling is the brief's method, not a quotation: each one admits it is a placeholder
    assert all("placeholder" in row.note for row in garbled), [row.id for row in garbled if "placeholder" not in row.note]
    assert sum(1 for row in rows if HOMOGLYPH.search(row.value)) >= 2
    # cover descriptions: the seizure covers with their source, and invented ones admitted as placeholders
    covers = [row for row in positives if re.search(r"\bcover\b", row.note)]
    assert len(covers) >= 40
    assert all("placeholder" in row.note or "seizure" in row.note for row in covers)
    seizure_covers = [row for row in rows if "Spain 2017" in row.note or "Milan-Malpensa" in row.note]
    assert len(seizure_covers) >= 6
    assert all("shared/reference" in row.note for row in seizure_covers)
    # trade names that hide the identity in brackets or after a slash
    assert sum(1 for row in positives if row.kind == "name" and re.search(r" / |\(|\[", row.value)) >= 8


def test_thirty_third_heldout_undetectable_cover_loads_are_honestly_labelled():
    rows = load_rows(HELDOUT33)
    undetectable = [row for row in rows if "undetectable cover load" in row.note]
    assert len(undetectable) >= 3
    assert all(not row.positive and row.expect == "none" for row in undetectable)


def test_thirty_third_heldout_expectations_follow_the_categories():
    rows = load_rows(HELDOUT33)
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_CODES]
    assert medicines and all(row.expect == "info" and "Category 4" in row.note for row in medicines)


def test_thirty_third_heldout_structures_have_the_formulas_of_their_notes():
    rows = load_rows(HELDOUT33)
    by_value = {row.value: row.id for row in rows}
    assert_formulas(
        rows,
        {
            by_value["CC(=O)Cc1ccccc1"]: "C9H10O",  # BMK
            by_value["InChI=1S/C10H10O3/c1-7(11)4-8-2-3-9-10(5-8)13-6-12-9/h2-3,5H,4,6H2,1H3"]: "C10H10O3",  # PMK
            by_value["COC(=O)C1(C)OC1c1ccc2c(c1)OCO2"]: "C12H12O5",  # PMK methyl glycidate
            by_value["CC1(C(=O)[O-])OC1c1ccccc1.[Na+]"]: "C10H9NaO3",  # BMK glycidic acid sodium salt
            by_value["CC1(C)OC(=O)[C-](C(=O)Cc2ccc3c(c2)OCO3)C(=O)O1.[Na+]"]: "C15H13NaO7",  # IMDPAM sodium salt
            by_value["CC(=O)[C@H](O)c1ccccc1"]: "C9H10O2",  # L-PAC
            by_value["CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"]: "C22H28N2O",  # fentanyl
            by_value["CC1(Cc2ccccc2)OCCO1"]: "C11H14O2",  # BMK ethylene glycol ketal
            by_value["CCOC(=O)C1OC1(C)c1ccccc1"]: "C12H14O3",  # strawberry aldehyde
        },
    )
