"""The forty-third held-out set (devtools/data/evaluation_heldout43.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the trade, common and historical names of the scheduled commodities.
The Category 2 and 3 chemicals (hydrochloric and sulphuric acid, potassium permanganate, acetone, MEK, toluene, ethyl
ether, acetic anhydride, piperidine, phenylacetic and anthranilic acid, red phosphorus) and some Category 1
substances as hardware shops, old pharmacopoeias, safety data sheets and industry name them in the EU's languages
("muriatic acid", "spirit of salt", "oil of vitriol", "battery acid", "Salzsäure", "Übermangansaures Kali",
"Schwefeläther", "salfumán", "Heliotropin"); salts, blends and the later delegated regulations' additions; and the
legitimate goods of confusable names (acetic acid and ether, MEK peroxide, sodium permanganate, the vitriols that are
sulphates, piperine, hyacinthin). Its recall is a measurement (docs/evaluation.md), not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT43 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout43.csv"

# everyday and historical names of the theme and the level their category sets
EVERYDAY_NAMES = {
    "Muriatic acid": "info",
    "Spirit of salt": "info",
    "Oil of vitriol": "info",
    "Battery acid": "info",
    "Salzsäure 30-33%": "info",
    "Condy's crystals": "low",
    "Übermangansaures Kali": "low",
    "Kaliumpermanganat": "low",
    "MEK": "info",
    "Butanon": "info",
    "Toluol": "info",
    "Schwefeläther": "info",
    "Acetanhydrid": "low",
    "Heliotropin": "high",
}
# legitimate goods whose names look like the scheduled ones
CONFUSABLE_LOOK_ALIKES = (
    "Glacial acetic acid",
    "acetic ether",
    "methyl ethyl ketone peroxide",
    "MEKP",
    "sodium permanganate",
    "sulfurous acid",
    "blue vitriol",
    "white vitriol",
    "vitriol vert",
    "piperine",
    "hyacinthin",
)


def test_forty_third_heldout_everyday_names_are_at_their_categorys_level():
    by_value = {row.value: row for row in load_rows(HELDOUT43)}
    for name, expect in EVERYDAY_NAMES.items():
        row = by_value[name]
        assert row.group == "scheduled substances" and row.expect == expect, name


def test_forty_third_heldout_reads_like_trade_names_in_the_eus_languages():
    rows = load_rows(HELDOUT43)
    named = [row for row in rows if row.group == "scheduled substances" and row.kind == "name"]
    assert len(named) >= 50
    foreign = [row for row in named if any(lang in row.note for lang in ("German", "French", "Spanish", "Latin", "Portuguese"))]
    assert len(foreign) >= 25
    # a name read in a national list, data sheet or dictionary cites the page
    assert all("http" in row.note for row in foreign), [row.id for row in foreign if "http" not in row.note]
    # the Category 2 and 3 commodities of the theme each appear under at least one such name
    codes = {row.cn_code for row in foreign}
    assert {"2806 10 00", "2807 00 10", "2841 61 00", "2914 11 00", "2914 12 00", "2902 30 00", "2909 11 00"} <= codes
    assert {"2915 24 00", "2933 32 00", "2916 34 00", "2922 43 00", "2804 70 00"} <= codes


def test_forty_third_heldout_confusable_look_alikes_stay_unflagged():
    by_value = {row.value: row for row in load_rows(HELDOUT43)}
    for name in CONFUSABLE_LOOK_ALIKES:
        row = by_value[name]
        assert not row.positive and row.expect == "none", name


def test_forty_third_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT43),
        {
            "pch43066": "C10H15NO",  # ephedrine InChI
            "pch43067": "C10H16ClNO",  # ephedrine hydrochloride
            "pch43068": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch43073": "C5H10ClNO",  # 4-piperidone hydrochloride
            "pmh43001": "C11H14O2",  # BMK ethylene ketal
            "pmh43005": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh43009": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh43010": "C15H23NO3",  # N-Boc-ephedrine
            "pmh43013": "C11H11NO4",  # PMK glycidamide
            "pmh43022": "C14H16O6",  # 2-methoxyethyl PMK glycidate
            "pph43004": "C10H9NO4",  # MDP2NP
            "pph43009": "C10H11BrO",  # 2-bromo-4'-methylpropiophenone
            "pdh43025": "C23H30N2O",  # fentanyl analogue
            "pdh43027": "C17H16N2O",  # methaqualone analogue
        },
    )
