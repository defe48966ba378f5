"""The fifty-first held-out set (devtools/data/evaluation_heldout51.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: declarations in the EU's smaller official languages. Goods as customs
brokers and traders in the smaller member states write them: Czech, Slovak, Swedish, Finnish, Danish, Slovene,
Latvian, Lithuanian, Estonian, Portuguese, Bulgarian (Cyrillic) and Greek (Greek script) names read in national
precursor and drug lists, national news on the delegated regulations and the language versions of the Combined
Nomenclature; with their inflections (Czech genitives, Lithuanian dative and genitive), with diacritics present and
stripped, with CN headings and chapter titles in the language as the name or the description; and the ordinary
chemicals, solvents and medicines of those lists and tariffs as legitimate look-alikes. Hungarian, Romanian, Croatian
and Maltese names could not be read in a source and are absent. Its recall is a measurement (docs/evaluation.md),
not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas

HELDOUT51 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout51.csv"

# The page (or a fragment of its address) each language's names were read on.
LANGUAGE_SOURCES = {
    "Czech": ("codexis.cz", "czso.cz", "docplayer.cz", "novyepis.cz"),
    "Slovak": ("docplayer.gr/108956080",),
    "Swedish": ("finlex.fi/sv", "lagpunkten.se", "fimea.fi/web/sv"),
    "Finnish": ("fimea.fi/-/", "finlex.fi/fi"),
    "Danish": ("conex.net/nc8/2023/da",),
    "Slovene": ("conex.net/nc8/2021/sl",),
    "Latvian": ("farmacija-mic.lv",),
    "Lithuanian": ("ntakd.lt", "e-tar.lt"),
    "Estonian": ("ravimiamet.ee", "karlerss.com"),
    "Portuguese": ("uesb.br",),
    "Bulgarian": ("conex.net/nc8/2020/bg", "conex.net/nc8/2023/bg", "napisajattanacsok.com"),
    "Greek": ("legal-content/EL/", "fskilkis.gr"),
}
ALL_MARKERS = tuple(marker for markers in LANGUAGE_SOURCES.values() for marker in markers)
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
GREEK = re.compile(r"[\u0370-\u03FF]")


def test_fifty_first_heldout_names_come_from_every_language_of_the_theme():
    rows = load_rows(HELDOUT51)
    notes = " ".join(row.note for row in rows)
    for language, markers in LANGUAGE_SOURCES.items():
        assert any(marker in notes for marker in markers), language
    names = [row for row in rows if row.kind == "name"]
    assert len(names) >= 100
    # every name that is not English cites the page it was read on
    for row in names:
        if not row.value.isascii() or row.group in {"scheduled substances", "drugs"}:
            assert any(marker in row.note for marker in ALL_MARKERS), row.id


def test_fifty_first_heldout_writes_names_in_three_scripts_and_without_their_marks():
    rows = load_rows(HELDOUT51)
    values = [row.value for row in rows if row.kind == "name"]
    assert sum(1 for value in values if CYRILLIC.search(value)) >= 8
    assert sum(1 for value in values if GREEK.search(value)) >= 3
    stripped = [row for row in rows if row.kind == "name" and "stripped" in row.note]
    assert len(stripped) >= 8
    assert all(row.value.isascii() for row in stripped)


def test_fifty_first_heldout_keeps_the_inflected_forms_at_their_levels():
    by_value = {row.value: row for row in load_rows(HELDOUT51)}
    # Czech genitives of the CN text and Lithuanian dative and genitive forms are declared as read
    for value in ("safrolu", "piperonalu", "isosafrolu", "1-(1,3-benzodioxol-5-yl)-2-propanonu"):
        assert by_value[value].expect == "high"
    assert by_value["metilo 3-(1,3-benzdioksol-5-il)-2-metiloksiran-2-karboksilatui"].expect == "high"
    assert by_value["raudonojo fosforo"].expect == "low"
    # solvents of Category 3 and the Category 4 medicines stay at info in every script
    for value in ("Aceton", "Toluen", "Толуен", "Ефедрин хидрохлорид капки 2% 10мл"):
        assert by_value[value].expect == "info"
    # the solvents beside toluene in the same CN chapters are not scheduled
    for value in ("Бензен", "Стирен", "Benzen", "cikloheksan"):
        assert by_value[value].expect == "none"


def test_fifty_first_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT51),
        {
            "pch51053": "C15H14O7",  # IMDPAM
            "pch51054": "C10H16ClNO",  # ephedrine hydrochloride
            "pch51055": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch51056": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pch51057": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch51060": "C10H10O3",  # PMK InChI
            "pmh51001": "C11H14O2",  # BMK ethylene ketal
            "pmh51006": "C10H11NaO6S",  # PMK bisulfite adduct
            "pmh51012": "C13H14O5",  # ethyl analogue of MAMDPA
            "pmh51019": "C7H13NO2",  # 4-piperidone ethylene ketal
            "pmh51022": "C19H22N2O2",  # N-Cbz-4-AP
            "pmh51025": "C19H28N2O3",  # N-Boc-norfentanyl
            "pph51002": "C10H9NO4",  # MDP2NP
            "pph51006": "C9H10O2",  # L-PAC
            "pdh51020": "C11H15NO",  # 3-MMC
            "pdh51019": "C22H28N2O",  # fentanyl
        },
    )
