"""The twenty-first held-out set (devtools/data/evaluation_heldout21.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/ or
the other sets' bodies). Theme: preparations, mixtures and medicinal products as they cross the border. Category 4
medicines (ephedrine and pseudoephedrine medicinal products, Reg. 111/2005 Annex as amended, CN 3003 41 00/42 00 and
3004 41 00/42 00) named by brand and by INN in several EU languages, most of them combinations whose description lists
another active substance first (WICK MediNait, Gripex, Modafen, Rhinadvil Rhume, Virlix Plus, Codinex ...); bulk active
substances declared under a chapter 30 heading to pass as Category 4 ("pseudoephedrine HCl 99 % 25 kg drum" under
3003 42 00), which are the substance itself and Category 1; SDS-style compositions of solvent blends, acids and kits
holding Category 2 and 3 substances; preparations under 3824, 3814, 3808 and 3402 with a stated content ("Gehalt
35 %", "teneur 99 %", "purity 0.98", "990 g/kg"); controlled medicines as tablets (oxycodone, methylphenidate,
alprazolam ...). The legitimate side is the same trade without scheduled content: paracetamol, ibuprofen, cetirizine
and loratadine alone, phenylephrine combinations (not Category 4), xylometazoline, the Italian Vicks Medinait (no
ephedrine, unlike the German WICK MediNait), acetate thinners, alcohol hand rubs, sodium permanganate and cleaning
acids. Compositions of eleven brands are the evaluator's knowledge and say so in their notes; the others were read in
the source their note names. Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_declared_forms_of_a_later_set,
    assert_formulas,
    assert_group_sizes,
)

HELDOUT21 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout21.csv"
CATEGORY_4_CODES = {"3003 41 00", "3003 42 00", "3004 41 00", "3004 42 00"}
STATED_CONTENT = re.compile(r"(Gehalt|teneur|purity|g/kg|\d\s?%)", re.IGNORECASE)


def test_twenty_first_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT21)
    assert_declared_forms_of_a_later_set(rows, 60)
    assert_group_sizes(rows, 5, 5, 20, 45)


def test_twenty_first_heldout_tells_medicines_from_bulk_substances_under_the_same_codes():
    """Category 4 medicines expected `info`, bulk substances under the same chapter 30 codes expected `high`: the
    CN code alone cannot tell them apart, and medicines that are not Category 4 stand on the legitimate side."""
    rows = load_rows(HELDOUT21)
    medicines = [row for row in rows if row.cn_code in CATEGORY_4_CODES and row.expect == "info"]
    disguised = [row for row in rows if row.cn_code.startswith("300") and row.positive and row.expect == "high"]
    legitimate_medicines = [row for row in rows if not row.positive and row.cn_code.startswith("300")]
    assert len(medicines) >= 25
    assert len(disguised) >= 12
    assert len(legitimate_medicines) >= 20
    assert all("Category 4" in row.note for row in medicines)
    assert all("not a medicinal product" in row.note for row in disguised if row.group == "scheduled substances")
    phenylephrine = [row for row in rows if "phenylephrin" in row.value.lower() or "fenilefr" in row.value.lower()]
    assert phenylephrine and all(not row.positive and row.expect == "none" for row in phenylephrine)


def test_twenty_first_heldout_states_contents_on_both_sides():
    rows = load_rows(HELDOUT21)
    for side in ([row for row in rows if row.positive], [row for row in rows if not row.positive]):
        assert sum(1 for row in side if STATED_CONTENT.search(f"{row.value} {row.description}")) >= 15


def test_twenty_first_heldout_structures_match_the_names_in_their_notes():
    rows = load_rows(HELDOUT21)
    by_id = {row.id: row for row in rows}
    assert "pseudoephedrine hydrochloride" in by_id["pch21040"].note
    assert "O-acetylpseudoephedrine" in by_id["pmh21001"].note
    assert_formulas(
        rows,
        {
            "pch21040": "C10H16ClNO",  # pseudoephedrine hydrochloride
            "pch21042": "C20H32N2O6S",  # ephedrine sulfate (2:1)
            "pch21043": "C9H14ClNO",  # norephedrine hydrochloride
            "pch21045": "C10H15NO",  # pseudoephedrine (InChI)
            "pdh21022": "C18H22ClNO4",  # oxycodone hydrochloride
            "pmh21001": "C12H17NO2",  # O-acetylpseudoephedrine
            "pmh21004": "C9H11NaO4S",  # BMK bisulfite adduct (C9H10O + NaHSO3)
            "nlh21007": "C9H14ClNO2",  # phenylephrine hydrochloride
        },
    )
