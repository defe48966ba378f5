"""The forty-second held-out set (devtools/data/evaluation_heldout42.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: the synthetic-opioid precursor supply chain, 2023-2026. Fentanyl- and
nitazene-type precursors as vendors' catalogue listings, seizure notices and enforcement alerts describe them (INCB
alerts and statements, US DEA Federal Register rules on 4-piperidone, 1-boc-4-piperidone, 1-boc-4-AP, benzylfentanyl
and the halides of 4-AP, EU Delegated Regulations 2023/196 and 2025/1475, EMCDDA/EUDA reports): 4-AP, 1-boc-4-AP,
norfentanyl, 4-piperidone and its hydrochloride monohydrate, 1-boc-4-piperidone, NPP, ANPP, their salts, protected,
masked and halogenated forms, the NPP and nitazene pre-precursors, the fentanyl and nitazene drugs themselves, and the
legitimate piperidine building blocks, antihistamines and other 4-substituted piperidine medicines that look like
them. Its recall is a measurement (docs/evaluation.md), not a gate.
"""

import re
from pathlib import Path

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
)

HELDOUT42 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout42.csv"

# The seven EU Category 1 fentanyl precursors, as the notes of the scheduled rows name them first.
FENTANYL_PRECURSORS = ("NPP", "ANPP", "4-AP", "1-boc-4-AP", "norfentanyl", "4-piperidone", "1-boc-4-piperidone")
ENFORCEMENT_SOURCES = {
    "US Federal Register (DEA)": ("federal.elaws.us", "govinfo.gov", "regulations.justia.com", "frtracker.app"),
    "INCB": ("incb.org",),
    "EU delegated regulations": ("switec.info", "europalov.no"),
    "EMCDDA/EUDA and WHO ECDD": ("EMCDDA", "ecddrepository.org"),
}
SETTINGS = ("catalogue listing", "seizure notice", "alert", "courier parcel", "air waybill", "export declaration")
QUANTITY = re.compile(r"\b\d+(\.\d+)?\s?(kg|g|t|L|units|cartons)\b")


def test_forty_second_heldout_covers_every_fentanyl_precursor_in_several_forms():
    rows = load_rows(HELDOUT42)
    scheduled = [row for row in rows if row.group == "scheduled substances"]
    for short in FENTANYL_PRECURSORS:
        theirs = [row for row in scheduled if row.note.startswith(short + ":")]
        assert len(theirs) >= 4, short
        assert len({row.kind for row in theirs}) >= 2, short
        assert all(row.expect == "high" for row in theirs), short
    # the fentanyl precursors are most of the scheduled rows, the other categories the rest
    fentanyl_rows = [row for row in scheduled if row.note.split(":")[0] in FENTANYL_PRECURSORS]
    assert len(fentanyl_rows) >= 40


def test_forty_second_heldout_reads_like_the_opioid_precursor_trade():
    rows = load_rows(HELDOUT42)
    descriptions = [row.description.lower() for row in rows]
    assert sum(1 for text in descriptions if any(word in text for word in SETTINGS)) >= 150
    notes = " ".join(row.note for row in rows)
    for source, markers in ENFORCEMENT_SOURCES.items():
        assert any(marker in notes for marker in markers), source
    # quantities and packaging have no real source: each row that states them admits it
    with_quantities = [row for row in rows if QUANTITY.search(row.description)]
    assert len(with_quantities) >= 100
    assert all("placeholder" in row.note for row in with_quantities), [
        row.id for row in with_quantities if "placeholder" not in row.note
    ]


def test_forty_second_heldout_drugs_are_fentanyls_and_nitazenes():
    drugs = [row for row in load_rows(HELDOUT42) if row.group == "drugs"]
    nitazenes = [row for row in drugs if "nitazen" in (row.value + row.description + row.note).lower()]
    fentanyls = [row for row in drugs if "fentanil" in (row.value + row.description).lower()
                 or "fentanyl" in (row.value + row.description).lower()]
    assert len(nitazenes) >= 10
    assert len(fentanyls) >= 12
    assert all(row.expect in {"high", "medium"} for row in drugs)


def test_forty_second_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT42),
        {
            "pch42006": "C13H18ClNO",  # NPP hydrochloride
            "pch42013": "C19H26Cl2N2",  # ANPP dihydrochloride
            "pch42019": "C11H18Cl2N2",  # 4-AP dihydrochloride
            "pch42034": "C5H12ClNO2",  # 4-piperidone hydrochloride monohydrate
            "pch42048": "C10H15NO",  # ephedrine InChI
            "pmh42012": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh42018": "C11H15FN2",  # 4-fluoro-4-AP
            "pph42009": "C15H19NO3",  # NPP Dieckmann beta-keto ester
            "pdh42003": "C24H30N2O3",  # carfentanil
            "pdh42007": "C22H27FN2O2",  # ocfentanil
            "pdh42016": "C23H30N4O3",  # isotonitazene
            "pdh42018": "C21H26N4O3",  # metonitazene
        },
    )
