"""The forty-fifth held-out set (devtools/data/evaluation_heldout45.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: postal and e-commerce consignments. Low-value parcels and marketplace
trade as their declarations describe the goods: CN22/CN23 postal customs declarations with their categories (gift,
sample, other), marketplace listing titles copied into the goods description ("... 99% 100g free shipping"),
couriers' and small senders' wording, the abbreviations sellers use (BMK, PMK, APAAN, 'research chemical', 'not for
human consumption'), grades and pack sizes in the name field, CAS numbers typed by non-specialists, cover
descriptions (something harmless declared, the real substance only in the name or CAS field), and the legitimate
parcels that look like them (lab reagents, cosmetic ingredients, pharmacy medicines, hobby chemicals). Its recall is
a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT45 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout45.csv"

POSTAL_WORDS = ("cn22", "cn23", "parcel", "small packet", "courier", "marketplace", "listing", "e-commerce")
SELLER_CODES = re.compile(
    r"\b(BMK|PMK|APAAN|APAA|MAPA|EAPA|DEPAPD|IMDPAM|NPP|4-ANPP|4-AP|P2NP|4-MMC|3-MMC|3-CMC|4-CMC|MDPV|4-MEC)\b"
    r"|research chemical|not for human consumption"
)
PACK_SIZE = re.compile(r"\b\d+(\.\d+)?\s?(g|kg|ml|L|mg)\b|\d+\s?%")
CN22_CATEGORIES = re.compile(r"\b(gift|sample|other|documents)\b", re.IGNORECASE)
LEGITIMATE_KINDS = ("lab reagent", "cosmetic", "pharmacy medicine", "hobby chemical")


def test_forty_fifth_heldout_reads_like_postal_and_marketplace_consignments():
    rows = load_rows(HELDOUT45)
    texts = [(row.value + " | " + row.description).lower() for row in rows]
    assert all(any(word in text for word in POSTAL_WORDS) for text in texts)
    # CN22/CN23 rows state their category, and their note points to the page describing the forms
    postal = [row for row in rows if re.search(r"\bCN2[23]\b", row.description)]
    assert len(postal) >= 60
    assert all(CN22_CATEGORIES.search(row.description) for row in postal), [
        row.id for row in postal if not CN22_CATEGORIES.search(row.description)
    ]
    # pack sizes and grades have no real source: each row that states them admits it
    sized = [row for row in rows if PACK_SIZE.search(row.value + " | " + row.description)]
    assert len(sized) >= 150
    assert all("placeholder" in row.note for row in sized), [row.id for row in sized if "placeholder" not in row.note]


def test_forty_fifth_heldout_uses_the_sellers_codes_and_marketplace_titles():
    rows = load_rows(HELDOUT45)
    positives = [row for row in rows if row.positive]
    coded = [row for row in positives if SELLER_CODES.search(row.value + " | " + row.description)]
    assert len(coded) >= 25
    listing_titles = [row for row in positives if row.kind == "name" and PACK_SIZE.search(row.value)]
    assert len(listing_titles) >= 12
    # marketplace-style listing titles in the name field are still sourced names


def test_forty_fifth_heldout_hides_substances_behind_cover_descriptions():
    rows = load_rows(HELDOUT45)
    covered = [row for row in rows if row.positive and "cover description" in row.note]
    assert len(covered) >= 15
    assert all(row.kind in {"cas", "smiles", "name"} for row in covered)
    assert {row.group for row in covered} >= {"scheduled substances", "masks", "drugs"}
    # the description-only row goes the other way: a vague name, the substance named in the description
    assert any(row.kind == "name" and row.value == "chemical sample" and row.expect == "high" for row in rows)


def test_forty_fifth_heldout_look_alikes_are_everyday_parcels():
    rows = load_rows(HELDOUT45)
    look_alikes = [row for row in rows if not row.positive]
    for kind in LEGITIMATE_KINDS:
        assert sum(1 for row in look_alikes if kind in row.note) >= 5, kind


def test_forty_fifth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT45),
        {
            "pch45018": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch45026": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch45031": "C15H14O7",  # IMDPAM
            "pch45039": "C10H15NO",  # ephedrine InChI
            "pch45043": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch45055": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pmh45003": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh45009": "C12H21NO4",  # 1-boc-4-piperidone ethylene ketal
            "pmh45011": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh45018": "C14H14O5",  # phenylacetyl Meldrum's acid
            "pph45002": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
            "pph45014": "C11H10Br2O3",  # 3',4'-methylenedioxy-2,2-dibromobutyrophenone
            "pdh45006": "C11H15NO",  # 3-MMC
            "pdh45013": "C14H19NO3",  # N-ethylnorpentylone
            "pdh45021": "C23H30N4O3",  # isotonitazene
        },
    )
