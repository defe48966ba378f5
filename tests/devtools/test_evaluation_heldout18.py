"""The eighteenth held-out set (devtools/data/evaluation_heldout18.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/, cli/
or the other sets' bodies). Theme: declarations written in the EU's official languages other than English, as customs
brokers in Germany, Austria, France, Italy, Spain, Portugal, Poland, the Netherlands and Belgium, Czechia and Sweden type
them: names of scheduled precursors, controlled drugs and legitimate chemicals in the national language, each read in
a public source named in the row's note (the Austrian BMF list of drug precursors, Polish sanitary inspectorate pages,
the French DGE table of Category 1 precursors, Italian, Spanish-language and Portuguese-language control lists, the
Belgian FAGG notice, a Swedish university's precursor instruction, the Swedish narcotics list SFS 2021:301, the German
BtMG, national occupational exposure limit tables for the legitimate side, package leaflets for salts and medicines),
salts named in the language ("chlorowodorek pseudoefedryny", "pseudoefedrina cloridrato", "Pseudoefedrina
Hidrocloruro", "cloridrato de pseudoefedrina", "Procainhydrochlorid"), national grade and pack words ("techn.", "rein",
"cz.", "czda", "p.a.", "Fass", "beczka", "fusto", "bidón", "bidon", "fût", "tambor", "vat", "fat", "sud") and national CN
code spellings. No Hungarian, Romanian or Greek name could be read in a source in time, so none was used.
Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT18 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout18.csv"
LANGUAGES = ("German", "Polish", "French", "Italian", "Spanish", "Portuguese", "Dutch", "Swedish", "Czech")
TRADE_WORDS = re.compile(
    r"\b(techn\.|rein|cz\.|czda|p\.a\.|fass|kanister|beczka|worek|fusto|sacco|bidón|bidon|fût|sac|tambor|vat|fat|sud)\b",
    re.IGNORECASE,
)


def language_of(row) -> str:
    """The language whose name the row declares, as its note says ('<Language> name as in ...')."""
    found = re.search(
        r"\b(" + "|".join(LANGUAGES) + r") (?:name|IUPAC name|KN-Bezeichnung|synonym|salt name)", row.note
    )
    return found.group(1) if found else ""


def test_eighteenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT18)
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, 15, 10, 20, 45)


def test_eighteenth_heldout_names_come_in_many_national_languages_on_both_sides():
    """The theme: names in at least eight national languages among the positives and five among the legitimate items,
    and national grade and pack words on both sides, so that a screener cannot score the language instead of the
    chemistry."""
    rows = load_rows(HELDOUT18)
    positives = [row for row in rows if row.positive]
    legitimate = [row for row in rows if not row.positive]
    assert len({language_of(row) for row in positives} - {""}) >= 8
    assert len({language_of(row) for row in legitimate} - {""}) >= 5
    assert sum(1 for row in legitimate if row.kind == "name" and language_of(row)) >= 45
    for side in (positives, legitimate):
        assert sum(1 for row in side if TRADE_WORDS.search(f"{row.value} {row.description}")) >= 20


def test_eighteenth_heldout_structures_match_the_names_in_their_notes():
    rows = load_rows(HELDOUT18)
    by_note = {row.id: row.note for row in rows}
    assert "ephedrine hydrochloride" in by_note["pch18090"]
    assert_formulas(
        rows,
        {
            "pch18090": "C10H16ClNO",  # ephedrine hydrochloride
            "pch18091": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pch18093": "C11H9NaO5",  # PMK glycidic acid sodium salt
            "pch18096": "C10H15NO",  # ephedrine (InChI)
            "pmh18001": "C11H14O2",  # BMK ethylene ketal
            "pmh18008": "C15H21NO2",  # NPP ethylene ketal
            "pph18002": "C9H9NO2",  # P2NP
            "pdh18023": "C11H16ClNO",  # mephedrone hydrochloride
        },
    )
