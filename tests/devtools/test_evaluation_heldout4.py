"""The fourth held-out set (devtools/data/evaluation_heldout4.csv): every row is well-formed and cites a source.

Written blind like the earlier sets, with most rows on scheduled substances in the forms they are declared in
(CAS typed every way, EU-language names, salts by name and CAS, grades and packaging, InChI). Its recall is a
measurement (docs/evaluation.md, "Fourth held-out set") and not a gate.
"""

from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import assert_formulas, assert_set_conventions, cas_numbers

HELDOUT4 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout4.csv"


def test_fourth_heldout_rows_are_well_formed_and_follow_the_sets_conventions():
    rows = load_rows(HELDOUT4)
    assert len(rows) >= 110
    assert_set_conventions(rows, "h4")


def test_fourth_heldout_weights_scheduled_substances_in_messy_forms():
    rows = load_rows(HELDOUT4)
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    assert len(scheduled) >= 40
    kinds = {row.kind for row in scheduled}
    assert {"cas", "name", "inchi", "smiles"} <= kinds
    # several CAS in one field, and CAS typed with spaces, dots, dashes or no separator at all
    assert any(len(cas_numbers(row.value)) > 1 for row in scheduled if row.kind == "cas")
    assert any(" " in row.value or "." in row.value or "\u2013" in row.value for row in scheduled if row.kind == "cas")
    assert any(row.description for row in scheduled)


def test_fourth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT4),
        {
            "pch4060": "C9H13NO",  # norephedrine, as an InChI
            "pch4063": "C13H17NO",  # NPP, as an InChI
            "pch4065": "C20H32N2O6S",  # pseudoephedrine sulfate (2:1)
            "pmh4011": "C11H11NaO3",  # MAPA sodium enolate
            "pmh4012": "C11H13NO2",  # ephedrine oxazolidinone
            "pmh4016": "C7H13NO2",  # 4-piperidone ethylene ketal
            "pdh4001": "C21H26N4O3",  # metonitazene
            "pdh4006": "C22H27FN2O",  # ortho-fluorofentanyl
            "nlh4011": "C28H37N3O3",  # bilastine
            "nlh4018": "C12H14O3",  # ethyl methylphenylglycidate (aldehyde C-16)
        },
    )
