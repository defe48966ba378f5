"""Drug-tier entries added after the eighth held-out set (chemistry/data/SOURCES.md, "Fentanyls of 1988,
desomorphine, tryptamines, 5-IT and arylcyclohexylamines"): the 1961 Schedule I fentanyls of the 1980s,
desomorphine, the 1971 Schedule I tryptamines and arylcyclohexylamines, 5-IT (EU control measure) and
2-FDCK (1971, CND 67). Each is a flag in itself by name, structure and (where one is recorded) CAS number;
the medicines and natural compounds of the same skeletons (triptans, serotonin, melatonin, the
hydrogenated morphinans, ketamine, tiletamine) stay unflagged."""

from __future__ import annotations

import pytest

from pipeline.scoring import SEVERITY_RANK
from tests.factories import assert_high_as_itself, bundled_watchlist, screen_one

ADDED = [
    "DRUG-ACETYL-ALPHA-METHYLFENTANYL",
    "DRUG-ALPHA-METHYLTHIOFENTANYL",
    "DRUG-BETA-HYDROXYFENTANYL",
    "DRUG-BETA-HYDROXY-3-METHYLFENTANYL",
    "DRUG-3-METHYLTHIOFENTANYL",
    "DRUG-PARA-FLUOROFENTANYL",
    "DRUG-DESOMORPHINE",
    "DRUG-DMT",
    "DRUG-DET",
    "DRUG-PSILOCYBINE",
    "DRUG-PSILOCINE",
    "DRUG-5-IT",
    "DRUG-2-FDCK",
    "DRUG-ETICYCLIDINE",
    "DRUG-ROLICYCLIDINE",
    "DRUG-TENOCYCLIDINE",
]


def _entry(entry_id: str):
    return bundled_watchlist().by_id[entry_id].entry


@pytest.mark.parametrize("entry_id", [e for e in ADDED if _entry(e).category.startswith("1971")])
def test_an_added_1971_drug_says_how_its_schedule_was_read(entry_id):
    # no 1971 schedule was read in a UN list here: each says how it was read, or that it was not
    legal_source = _entry(entry_id).legal_source
    assert any(w in legal_source for w in ("[unverified]", "national acts", "as listed in")), entry_id


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("Alfa-metyylitiofentanyyli", "DRUG-ALPHA-METHYLTHIOFENTANYL"),  # Finnish decree 543/2008 (held-out 8 pdh8004)
        ("Asetyyli-alfa-metyylifentanyyli", "DRUG-ACETYL-ALPHA-METHYLFENTANYL"),  # same decree
        ("Acetil-alfa-metilfentanilis", "DRUG-ACETYL-ALPHA-METHYLFENTANYL"),  # Lithuanian order No. 5 of 2000
        ("Desomorphin", "DRUG-DESOMORPHINE"),  # BtMG Anlage I
        ("Dihydrodesoxymorphin", "DRUG-DESOMORPHINE"),  # BtMG Anlage I
        ("N,N-Dimethyltryptamin", "DRUG-DMT"),  # BtMG Anlage I
        ("Dimetyylitryptamiini", "DRUG-DMT"),  # Finnish decision 704/1996
        ("N,N-diethyltryptamin", "DRUG-DET"),  # Czech Act 167/1998 Annex 4
        ("Psilosybin", "DRUG-PSILOCYBINE"),  # Finnish decision 704/1996, Swedish text
        ("1-(1H-Indol-5-yl)propan-2-amin", "DRUG-5-IT"),  # BtMG Anlage I (held-out 8 pdh8011)
        ("5-(2-aminopropüül)indool", "DRUG-5-IT"),  # Decision (EU) 2015/1876, Estonian
        ("2-Fluordeschlorketamin", "DRUG-2-FDCK"),  # BtMG Anlage II
        ("Etisyklidiini", "DRUG-ETICYCLIDINE"),  # Finnish decision 704/1996
    ],
)
def test_an_added_drug_declared_by_a_name_read_in_another_language_is_high(name, entry_id):
    verdict = screen_one({"name": name, "description": "chemical"})
    assert_high_as_itself(verdict, entry_id)


def test_desomorphine_drawn_without_stereochemistry_still_matches():
    # a declaration may give the constitution only; the schedule covers the isomers
    verdict = screen_one({"smiles": "CN1CCC23c4c5ccc(O)c4OC2CCCC3C1C5", "description": "chemical"})
    assert_high_as_itself(verdict, "DRUG-DESOMORPHINE")


# Legitimate look-alikes (medicines, natural compounds and reagents of the same skeletons): none is the
# structure, an ester or a salt of an added entry, and none is similar enough to be reported.
LOOK_ALIKES = {
    "tryptamine": "NCCc1c[nH]c2ccccc12",
    "serotonin": "NCCc1c[nH]c2ccc(O)cc12",
    "melatonin": "CC(=O)NCCc1c[nH]c2ccc(OC)cc12",
    "tryptophan": "N[C@@H](Cc1c[nH]c2ccccc12)C(=O)O",
    "sumatriptan": "CNS(=O)(=O)Cc1ccc2[nH]cc(CCN(C)C)c2c1",
    "rizatriptan": "CN(C)CCc1c[nH]c2ccc(Cn3cncn3)cc12",
    "gramine": "CN(C)Cc1c[nH]c2ccccc12",
    "ketamine": "CNC1(CCCCC1=O)C2=CC=CC=C2Cl",
    "tiletamine": "CCNC1(c2cccs2)CCCCC1=O",
    "tramadol": "CN(C)C[C@H]1CCCC[C@@]1(O)c1cccc(OC)c1",
}
# (pethidine, once here as a look-alike of the arylcyclohexylamines, is a drug entry since the tenth held-out set;
# that the class does not take it is tested in test_families.py; hydromorphone, dihydrocodeine and levorphanol,
# once here as look-alikes of desomorphine, are drug entries since the eighteenth session:
# test_watchlist_drug_controlled_medicines.py)


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_legitimate_look_alike_is_not_flagged(name):
    verdict = screen_one({"smiles": LOOK_ALIKES[name], "description": "pharmaceutical raw material"})
    assert verdict.severity is None, (name, verdict.severity)


@pytest.mark.parametrize(
    "smiles",
    [
        "CNC1(c2ccccc2)CCCCC1=O",  # deschloroketamine (held-out 8 pdh8026)
        "CCNC1(c2cccc(F)c2)CCCCC1=O",  # fluorexetamine
        "COc1cccc(C2(N3CCCCC3)CCCCC2)c1",  # 3-MeO-PCP (BtMG Anlage II)
    ],
)
def test_an_unlisted_arylcyclohexylamine_reaches_medium_through_its_class(smiles):
    verdict = screen_one({"smiles": smiles, "description": "chemical"})
    assert verdict.severity is not None and SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK["medium"]
    assert any(f.family is not None and f.family.spec.id == "FAM-DRUG-ARYLCYCLOHEXYLAMINE" for f in verdict.findings)
