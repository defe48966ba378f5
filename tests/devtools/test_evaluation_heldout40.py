"""The fortieth held-out set (devtools/data/evaluation_heldout40.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: declarations at the Union's eastern and south-eastern land borders.
Goods arriving by road and rail from Türkiye, Serbia, North Macedonia, Albania, Bosnia and Herzegovina, Montenegro,
Moldova, Ukraine and Georgia, described in CMR consignment notes, TIR carnets and CIM/SMGS rail waybills (plates,
numbers, crossings and parties are placeholders), with English trade words and the EU-side broker's own words
(Bulgarian, Romanian, Greek, Hungarian, Croatian, Slovak, Polish). Substance names in those countries' languages are
written as their official lists write them where such a list could be read: the Ukrainian Ministry of Health
precursor table (zakon.rada.gov.ua), the Moldovan Ministry of Health table of narcotic substances (lex.justice.md),
the Polish sanitary inspectorate's precursor list (wsse.gda.pl) and the Croatian drug list in Narodne novine; no
Turkish, Serbian, Macedonian, Albanian, Bosnian, Montenegrin or Georgian list page could be read, so none of those
languages' names is used. About fifty legitimate look-alikes are industrial and agricultural chemicals moved on the
same routes. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT40 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout40.csv"

LAND_DOCUMENTS = ("cmr", "tir carnet", "cim rail waybill", "smgs rail waybill")
THEME_COUNTRIES = (
    "Türkiye",
    "Serbia",
    "North Macedonia",
    "Albania",
    "Bosnia and Herzegovina",
    "Montenegro",
    "Moldova",
    "Ukraine",
    "Georgia",
)
NATIONAL_LISTS = {
    "Ukraine": "zakon.rada.gov.ua",
    "Moldova": "lex.justice.md",
    "Poland (broker side)": "wsse.gda.pl",
    "Croatia (broker side)": "narodne-novine.nn.hr",
}


def test_fortieth_heldout_reads_like_land_border_declarations():
    rows = load_rows(HELDOUT40)
    descriptions = [row.description for row in rows]
    with_documents = [row for row in rows if any(word in row.description.lower() for word in LAND_DOCUMENTS)]
    assert len(with_documents) >= 150
    # every country of the theme sends goods in the set
    assert all(any(country in text for text in descriptions) for country in THEME_COUNTRIES)
    # rail waybills (CIM and SMGS) beside the road documents
    assert sum(1 for text in descriptions if "rail waybill" in text) >= 10
    # crossings, plates and document numbers have no real source: each row stating them admits it
    assert all("placeholder" in row.note for row in with_documents), [
        row.id for row in with_documents if "placeholder" not in row.note
    ]


def test_fortieth_heldout_foreign_names_cite_a_national_list():
    rows = load_rows(HELDOUT40)
    notes = " ".join(row.note for row in rows)
    assert all(marker in notes for marker in NATIONAL_LISTS.values())
    foreign = re.compile(
        r"[\u0400-\u04FFăîșțąćęłńóśźż]|metil"
        r"|\b(Morfină|Heroina|Codeina|Fentanil|Cocaina|Efedron|kwas|aceton|toluen|piperydyna|eter|bezwodnik)\b"
    )
    foreign_names = [row for row in rows if row.kind == "name" and row.positive and foreign.search(row.value)]
    assert len(foreign_names) >= 25
    for row in foreign_names:
        assert any(marker in row.note for marker in NATIONAL_LISTS.values()), row.id
    # Cyrillic names are the Ukrainian list's and are read there
    cyrillic = [row for row in rows if re.search(r"[\u0400-\u04FF]", row.value)]
    assert len(cyrillic) >= 10 and all("zakon.rada.gov.ua" in row.note for row in cyrillic)


def test_fortieth_heldout_look_alikes_are_bounded_and_sourced():
    rows = load_rows(HELDOUT40)
    # sodium permanganate, the unscheduled permanganate, expects nothing
    sodium_permanganate = [row for row in rows if row.cn_code == "2841 69 00"]
    assert sodium_permanganate and all(row.expect == "none" for row in sodium_permanganate)


def test_fortieth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT40),
        {
            "pch40010": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch40023": "C11H9KO5",  # PMK glycidic acid potassium salt
            "pch40030": "C10H15NO",  # ephedrine InChI
            "pch40033": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch40042": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pmh40001": "C11H14O2",  # BMK ethylene ketal
            "pmh40004": "C12H14O4",  # PMK ethylene ketal
            "pmh40006": "C12H16O4",  # piperonal diethyl acetal
            "pmh40021": "C17H18N2O2",  # methyl lysergate
            "pph40002": "C9H9NO2",  # P2NP
            "pph40003": "C10H9NO4",  # MDP2NP
            "pdh40015": "C20H27N3O3",  # MDMB-4en-PINACA
            "pdh40016": "C20H27FN2O3",  # 4F-MDMB-BICA
            "pdh40017": "C24H32N2",  # MT-45
            "pdh40018": "C11H14N2O",  # 4,4'-DMAR
            "pdh40019": "C18H22INO3",  # 25I-NBOMe
            "pdh40020": "C16H22Cl2N2O",  # AH-7921
            "pdh40021": "C16H21NO3",  # MDPV
            "pdh40023": "C15H21NO2",  # methoxetamine
            "pdh40025": "C11H14N2",  # 5-(2-aminopropyl)indole
        },
    )
