"""The fifteenth held-out set (devtools/data/evaluation_heldout15.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read chemistry/, pipeline/, cli/
or the other sets' bodies), on one theme: the pharmaceutical and fine-chemical trade, with the stereo, salt and
standard nomenclature that pharma wholesalers, API makers, CROs and reference-standard suppliers write. Stereodescriptors
in every style ((1R,2S)-, (-)-, (+)-, l-, d-, D-, L-, DL-, rac-, "1S,2S"), salts with pharma counter-ions
(hydrochloride, sulfate/sulphate, tartrate, maleate, mesilate, citrate, phosphate) and hydrate degrees (hemihydrate,
monohydrate, pentahydrate), pharmacopoeia monograph titles (Ph. Eur./BP/USP, Latin titles such as Ephedrini
hydrochloridum, Pseudoephedrini hydrochloridum, Ergometrini maleas), INN/USAN names, certified reference materials and
isotope-labelled standards (ephedrine-D3 in methanol, fentanyl-D5, caffeine-13C3), API grades and CoA wording,
medicines under their brand names with CN headings 3003/3004 and ATC codes. Positives are the scheduled precursors as
pharma trades them (ephedrine, pseudoephedrine, norephedrine, ergot alkaloids, fentanyl-route piperidines, Categories 2
to 4), masks that are real chiral auxiliaries and protected building blocks (ephedrine and norephedrine oxazolidinones,
Myers pseudoephedrine amides, Cbz/Boc/ketal piperidines), pre-precursors (ring-substituted propiophenones, L-PAC) and
controlled APIs; the legitimate side is the same trade's ordinary substances of similar names or shapes (vasopressors,
beta-agonists, antihistamines, local anaesthetics, amino acids, chiral auxiliaries and resolving agents, unscheduled
ergot and opioid-receptor medicines, isotope-labelled standards), so that a screener cannot score the pharma wording
instead of the chemistry. Its recall is a measurement (docs/evaluation.md) and not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_cas_typed_every_way,
    assert_formulas,
    assert_group_sizes,
    scheduled_rows_in_messy_forms,
)

HELDOUT15 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout15.csv"
PHARMACOPOEIA = re.compile(r"Ph\. ?Eur\.|\bUSP\b|\bBP\b|\bCRM\b|reference (standard|material)|\bAPI\b")
SALTS = re.compile(r"hydrochloride|\bHCl\b|sulfate|sulphate|tartrate|maleate|mesilate|citrate|phosphate", re.IGNORECASE)
STEREO = re.compile(r"\((?:1[RS],2[RS]|[RS],[RS]|4[RS],5[RS]|[RS]|[+-])\)|\b(?:[ldDL]|DL|dl|rac)-|\b1[RS],2[RS]\b")


def test_fifteenth_heldout_covers_every_category_and_its_declared_forms():
    rows = load_rows(HELDOUT15)
    scheduled, cas_values = scheduled_rows_in_messy_forms(rows, 45)
    assert_cas_typed_every_way(cas_values)
    smiles = [row.value for row in scheduled if row.kind == "smiles"]
    assert sum(1 for value in smiles if "." in value) >= 4  # salts
    assert any("[2H]" in value for value in smiles)  # an isotope-labelled standard
    inchis = [row.value for row in scheduled if row.kind == "inchi"]
    assert sum(1 for value in inchis if "/t" in value and "/m" in value) >= 2  # stereo layers
    assert {row.cn_code for row in scheduled if row.cn_code} >= {"3004 41 00", "3004 42 00", "3003 42 00"}  # Category 4
    assert_group_sizes(rows, 20, 10, 25, 35)


def test_fifteenth_heldout_reads_like_the_pharma_trade_on_both_sides():
    """The theme: pharmacopoeia and reference-standard wording, pharma salts and stereodescriptors appear on positives
    and on legitimate items alike, so that a screener cannot score the wording instead of the chemistry."""
    rows = load_rows(HELDOUT15)

    def text(row):
        return f"{row.value} {row.description}" if row.kind in {"name", "cas"} else row.description

    for side in (True, False):
        group = [row for row in rows if row.positive is side]
        assert sum(1 for row in group if PHARMACOPOEIA.search(text(row))) >= 20
        assert sum(1 for row in group if SALTS.search(text(row))) >= 15
        assert sum(1 for row in group if STEREO.search(text(row))) >= 5
    legitimate = [row for row in rows if not row.positive]
    assert {row.expect for row in legitimate} <= {"none", "low"}
    assert sum(1 for row in legitimate if row.expect == "none") >= 20


def test_fifteenth_heldout_structures_match_the_names_in_their_notes():
    assert_formulas(
        load_rows(HELDOUT15),
        {
            "pch15009": "C20H32N2O6S",  # ephedrine sulfate (2:1)
            "pch15016": "C10H15NO",  # pseudoephedrine (InChI)
            "pch15026": "C23H27N3O6",  # ergometrine maleate (CAS 129-51-1's formula)
            "pch15036": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate as the gem-diol
            "pmh15001": "C11H13NO2",  # ephedrine oxazolidinone
            "pmh15005": "C12H18N2O2",  # pseudoephedrine glycinamide
            "pmh15015": "C15H21NO2",  # NPP ethylene ketal
            "pph15008": "C9H10O2",  # L-PAC
            "pdh15024": "C9H14ClNO",  # cathine hydrochloride
            "pdh15028": "C21H26N4O3",  # metonitazene
            "nlh15006": "C13H19NO8",  # metaraminol tartrate
            "nlh15029": "C15H17NO",  # pseudoephenamine
        },
    )
