"""The forty-seventh held-out set (devtools/data/evaluation_heldout47.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the flavour, fragrance, cosmetics and essential-oil trade. Declarations
as perfumery and aroma-chemical houses, essential-oil distillers, soap and cosmetic makers and their brokers write
them: aroma-chemical trade names (heliotropin for piperonal), FEMA, JECFA and CoE numbers read on the pages the notes
cite, INCI names, essential oils and natural isolates (sassafras, Ocotea and brown camphor oils as the "safrole-rich
oils" they are), chapter 33 and heading 2912/2932 codes, "natural"/"nature-identical"/FCC grade words, drums and IBCs;
the scheduled substances as this trade declares them (piperonal, safrole, isosafrole, PMK and its glycidates, the
solvents and process chemicals, potassium permanganate, phenylacetic acid as a honey note, anthranilic acid as the
parent of the grape-note esters); and the trade's legitimate look-alikes (vanillin, anethole, eugenol, myristicin,
helional, methyl anthranilate, the phenylacetate esters, strawberry aldehyde ...), borderline ones saying why.
Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT47 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout47.csv"

TRADE_WORDS = (
    "heliotrop",
    "aroma",
    "fragrance",
    "perfum",
    "flavour",
    "flavor",
    "essential oil",
    " oil",
    "soap",
    "cosmetic",
    "fema",
    "jecfa",
    "inci",
    "drum",
    "ibc",
    "natural",
    "nature-identical",
    "fcc",
    "note",
)
INDUSTRY_NUMBER = re.compile(r"\b(FEMA|JECFA|CoE)\b")
PACKAGING = re.compile(r"\b(drums?|IBC|kg|L)\b")


def _text(row) -> str:
    return row.value + " | " + row.description


def test_forty_seventh_heldout_reads_like_the_flavour_and_fragrance_trade():
    rows = load_rows(HELDOUT47)
    assert sum(1 for row in rows if any(word in _text(row).lower() for word in TRADE_WORDS)) >= 120
    # FEMA / JECFA / CoE numbers stated in a declaration were read on a page the note cites
    numbered = [row for row in rows if INDUSTRY_NUMBER.search(_text(row))]
    assert len(numbered) >= 8
    assert all("http" in row.note for row in numbered), [row.id for row in numbered if "http" not in row.note]
    # drum, IBC and quantity wording has no source: each row that states it admits it
    packed = [row for row in rows if PACKAGING.search(row.description)]
    assert all("placeholder" in row.note for row in packed), [row.id for row in packed if "placeholder" not in row.note]


def test_forty_seventh_heldout_safrole_rich_oils_are_category_1_and_safrole_free_ones_are_not():
    rows = load_rows(HELDOUT47)
    oils = [row for row in rows if row.group == "scheduled substances" and row.cn_code == "3301 29"]
    assert len(oils) >= 4
    assert all(row.expect == "high" and "safrole" in row.note.lower() for row in oils)
    cleaned = [row for row in rows if "safrole-free" in _text(row).lower() or row.value == "White camphor oil"]
    assert len(cleaned) >= 2 and all(row.expect in {"none", "info"} for row in cleaned)


def test_forty_seventh_heldout_heliotropin_is_declared_many_ways_and_always_category_1():
    rows = load_rows(HELDOUT47)
    piperonal = [
        row
        for row in rows
        if row.group == "scheduled substances"
        and (row.cn_code == "2932 93 00" or "heliotrop" in _text(row).lower() or "piperonal" in _text(row).lower())
    ]
    assert len(piperonal) >= 8
    assert {row.kind for row in piperonal} >= {"cas", "name", "smiles", "inchi"}
    assert all(row.expect == "high" for row in piperonal)
    # the trade's own aroma chemicals of near structure stay look-alikes, never above low
    for row in rows:
        if row.group == "legitimate look-alikes":
            assert row.expect in {"none", "info", "low"}, row.id


def test_forty_seventh_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT47),
        {
            "pch47028": "C10H10O3",  # PMK InChI
            "pch47031": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch47033": "C12H12O5",  # PMK methyl glycidate, one stereoisomer
            "pch47038": "C15H13NaO7",  # IMDPAM sodium salt
            "pch47047": "C10H15NO",  # ephedrine InChI
            "pmh47002": "C12H16O4",  # piperonal diethyl acetal
            "pmh47010": "C10H11NaO6S",  # PMK bisulfite adduct
            "pmh47012": "C16H20O5",  # PMK glycidic acid pentyl ester
            "pph47006": "C10H9NO4",  # MDP2NP
            "pdh47001": "C11H15NO2",  # MDMA
            "pdh47007": "C11H15NO3",  # MMDA
            "pdh47008": "C12H19NO3",  # TMA
            "pdh47019": "C14H19NO3",  # N-ethylnorpentylone
            "pdh47024": "C12H17NO4",  # DMMDA
        },
    )
