"""The fourteenth held-out set (devtools/data/evaluation_heldout14.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/, cli/
or the other sets' bodies), on one theme: postal, express and e-commerce consignments. Small parcels declared from
web-shop product titles and "research chemical" vendor listings as INCB (POSTAL meetings with the UPU, Operation
Trance), WHO/CND scheduling decisions, EU control measures and forensic papers describe them: vendor codes and
abbreviations (PMK oil, BMK glycidate, APAAN, 4-ANPP, 1-Boc-4-AP, 3-CMC, 3-MMC, 4-CMC, 2-MMC, NEP, alpha-PiHP, 2-FDCK,
nitazene shorthand such as "N-pyrrolidino etonitazene" and "protonitazepyne"), marketing words and disclaimers
("premium", "lab grade", "for research use only", "not for human consumption"), cover descriptions ("bath salts",
"plant food", "pond cleaner", "photographic chemical"), and ordinary web-shop chemistry of similar names or shapes
(hobby, cosmetics, aquarium and pond care, photography, supplements, e-liquids, essential oils). Scheduled rows come
in the forms issue 11 asks for (CAS typed every way, several CAS in one field, salts as SMILES, InChI with stereo, a
description-only line with its CN code, Category 4 medicines).
Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT14 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout14.csv"
VENDOR_WORDS = ("research", "lab grade", "not for human consumption", "premium")
COVER_WORDS = ("bath salts", "plant food", "pond", "photographic")


def test_fourteenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT14)
    assert_declared_forms_of_a_later_set(rows, 40)
    assert_group_sizes(rows, 20, 10, 25, 30)


def test_fourteenth_heldout_reads_like_web_shop_listings_on_both_sides():
    """The theme: vendor words and cover descriptions appear on positives and on legitimate items alike, so that a
    screener cannot score the wording instead of the chemistry."""
    rows = load_rows(HELDOUT14)

    def text(row):
        return f"{row.value} {row.description}".lower()

    for side in (True, False):
        group = [row for row in rows if row.positive is side]
        assert sum(1 for row in group if any(word in text(row) for word in VENDOR_WORDS)) >= 4
        assert sum(1 for row in group if any(word in text(row) for word in COVER_WORDS)) >= 2


def test_fourteenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT14),
        {
            "pch14017": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch14020": "C10H15NO",  # pseudoephedrine (InChI)
            "pch14033": "C15H13NaO7",  # IMDPAM sodium salt
            "pmh14001": "C11H11NaO3",  # MAPA sodium enolate
            "pmh14005": "C11H13NO2",  # ephedrine oxazolidinone
            "pmh14012": "C13H18N2O2",  # methyl 4-anilinopiperidine-4-carboxylate
            "pdh14016": "C21H24N4O3",  # metonitazepyne
            "pdh14018": "C21H26N4O3",  # N-desethyl isotonitazene
            "pdh14019": "C23H30N4O3",  # protonitazene (InChI)
            "pph14013": "C12H12ClNO3",  # 2-(2-chlorophenyl)-2-nitrocyclohexanone
            "nlh14033": "C11H12O3",  # helional
        },
    )
