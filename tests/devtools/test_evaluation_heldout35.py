"""The thirty-fifth held-out set (devtools/data/evaluation_heldout35.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: laboratory reference standards, isotope-labelled internal standards and
research-chemical catalogues. Goods as forensic, toxicology and pharma-QC laboratories import them and as catalogue
vendors list them: certified reference materials in solution ("Ephedrine hydrochloride 1.0 mg/mL in methanol, 1 mL
ampoule"), neat standards in milligram quantities, deuterated and 13C-labelled internal standards (with the labelled
SMILES or InChI where a vendor gives it), catalogue and lot numbers beside the name, USP/Ph. Eur./BP reference-standard
wording and pharmacopoeial impurity letters, and research-chemical vendors' listings of designer precursors and masks.
The look-alikes are reference standards of unscheduled medicines, HPLC-grade and deuterated solvents and labelled
standards of unscheduled substances. By this set's convention a standard of a scheduled substance, labelled or not,
keeps its category's level. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT35 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout35.csv"

LABORATORY_WORDING = re.compile(
    r"reference standard|reference material|\bCRM\b|\bCRS\b|\bRS\b|primary standard|analytical standard|internal standard"
    r"|certified|µg/mL|mg/mL|ampoule|\bneat\b|atom % D|HPLC|impurity|research chemical|research compound|vendor listing"
    r"|\bstandard\b",
    re.IGNORECASE,
)
CATALOGUE_OR_LOT = re.compile(r"\b(Cat\. No\.|Product No\.|Lot)\b")
ISOTOPE_LABEL = re.compile(r"\[2H\]|/i\d|-d\d+\b|-D\d+\b|\bd\d+-|13C|atom % D|D2O|-d\d+ ", re.IGNORECASE)
PHARMACOPOEIA = re.compile(r"\bUSP\b|\bEP\b|Ph\. Eur\.|\bBP\b|\bCRS\b|Pharmacopoeia")


def text(row) -> str:
    return row.value + " | " + row.description


def test_thirty_fifth_heldout_reads_like_laboratory_standards_and_catalogues():
    rows = load_rows(HELDOUT35)
    assert sum(1 for row in rows if LABORATORY_WORDING.search(text(row))) >= 120
    with_numbers = [row for row in rows if CATALOGUE_OR_LOT.search(row.description)]
    assert len(with_numbers) >= 30
    # catalogue and lot numbers are invented unless read on a page (only the certificate row's are real)
    for row in with_numbers:
        assert "placeholder" in row.note or "certificate" in row.note, row.id
    pharmacopoeial = [row for row in rows if PHARMACOPOEIA.search(text(row))]
    assert len(pharmacopoeial) >= 10
    assert any("impurity" in text(row).lower() and row.positive for row in rows)


def test_thirty_fifth_heldout_isotope_labelled_standards_keep_their_levels():
    rows = load_rows(HELDOUT35)
    labelled = [row for row in rows if ISOTOPE_LABEL.search(text(row))]
    assert len(labelled) >= 30
    labelled_positives = [row for row in labelled if row.positive]
    assert len(labelled_positives) >= 10
    assert {row.group for row in labelled_positives} >= {"scheduled substances", "drugs", "masks", "pre-precursors"}
    # a labelled standard of a scheduled substance or a listed drug keeps the level of the substance itself
    for row in labelled_positives:
        assert "isotope-labelled standard" in row.note, row.id
    # deuterated solvents whose parents are Category 3 are look-alikes that may reach info at most, and say why
    category_3_isotopologues = [row for row in rows if "isotopologue" in row.note and not row.positive]
    assert len(category_3_isotopologues) >= 3
    assert all(row.expect in {"none", "info"} and "borderline" in row.note for row in category_3_isotopologues)


def test_thirty_fifth_heldout_expectations_follow_the_categories():
    rows = load_rows(HELDOUT35)
    # the set's convention: every reference standard of a Category 1 substance stays high
    category_1 = [row for row in rows if "Category 1," in row.note and row.group == "scheduled substances"]
    assert len(category_1) >= 50 and all(row.expect == "high" for row in category_1)


def test_thirty_fifth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT35),
        {
            "pch35009": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch35012": "C14H18O3",  # BMK tert-butyl glycidate
            "pch35018": "C10H10O3",  # PMK InChI
            "pch35022": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch35025": "C15H14O7",  # IMDPAM
            "pch35029": "C10H15NO",  # ephedrine InChI
            "pch35051": "C19H26Cl2N2",  # 4-ANPP dihydrochloride
            "pmh35002": "C12H17NO2",  # N-acetylpseudoephedrine
            "pmh35007": "C15H20O3",  # BMK pentyl glycidate
            "pmh35016": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh35021": "C11H15NO",  # 3,4-dimethyl-5-phenyloxazolidine
            "pph35001": "C9H10O2",  # L-PAC (racemic ephedrine impurity A)
            "pdh35016": "C11H16ClNO2",  # MDMA-d3 hydrochloride (RDKit counts D as H)
        },
    )
