"""Drug-tier entries added in the sixteenth session (chemistry/data/SOURCES.md, "Opiates, cocaine and
arylcyclohexylamines"): the drugs the scheduled precursors are bought for beyond the synthetic classes —
heroin (acetic anhydride), morphine, codeine and thebaine (the opiate raw materials; thebaine -> oxycodone),
cocaine (potassium permanganate), and the arylcyclohexylamines methoxetamine and phencyclidine. Each is a
flag in itself, `high`, by name, structure and (where one is recorded) CAS number; the opioid medicines of
similar shape that no list we read controls (naloxone, naltrexone, dextromethorphan, apomorphine) and
ketamine stay unflagged."""

from __future__ import annotations

import pytest

from tests.factories import assert_high_as_itself, screen_one

ADDED = [
    "DRUG-HEROIN",
    "DRUG-MORPHINE",
    "DRUG-CODEINE",
    "DRUG-THEBAINE",
    "DRUG-COCAINE",
    "DRUG-METHOXETAMINE",
    "DRUG-PHENCYCLIDINE",
]
OPIATE_ENTRIES = {"DRUG-HEROIN", "DRUG-MORPHINE", "DRUG-CODEINE", "DRUG-THEBAINE"}


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Heroin"},
        {"name": "diacetylmorphine hydrochloride"},
        {"name": "Diamorphine"},
        {"cas": "561-27-3"},
        {"cas": "CAS 561 27 3"},
        {"cas": "1502-95-0"},  # heroin hydrochloride (salt_forms.csv, from the identifier database)
        # drawn from the ring side, as another system writes it (no shared spelling with the entry)
        {"smiles": "CN1CC[C@]23[C@@H]4[C@H]1CC5=C2C(=C(C=C5)OC(C)=O)O[C@H]3[C@H](C=C4)OC(C)=O"},
    ],
)
def test_heroin_in_the_forms_a_declaration_gives_it_is_high(item):
    verdict = screen_one({**item, "description": "white powder"})
    assert_high_as_itself(verdict, "DRUG-HEROIN")


def test_the_natural_alkaloids_drawn_with_their_stereochemistry_match_the_entries_that_give_none():
    """Codeine and cocaine are entered without stereochemistry (the schedules cover the isomers; the
    identifier database's records, whose CAS numbers they carry, give none): the natural (-)-isomers match."""
    codeine = "CN1CC[C@]23[C@@H]4[C@H]1CC5=C2C(=C(C=C5)OC)O[C@H]3[C@H](C=C4)O"
    cocaine = "CN1[C@H]2CC[C@@H]1[C@H]([C@H](C2)OC(=O)C3=CC=CC=C3)C(=O)OC"
    for smiles, entry_id in ((codeine, "DRUG-CODEINE"), (cocaine, "DRUG-COCAINE")):
        verdict = screen_one({"smiles": smiles, "description": "chemical"})
        assert_high_as_itself(verdict, entry_id)


# Legitimate look-alikes (structures as the identifier database's PubChem records give them): opioid
# antagonists and medicines built on the morphinan or aporphine skeleton that no schedule we read controls.
# None is an ester or carbamate of a listed opiate, so no unmasking rule reaches one, and none is
# Tanimoto-similar enough to be reported; ketamine (a medicine; no UN schedule or EU-wide measure) is
# methoxetamine's and phencyclidine's look-alike.
LOOK_ALIKES = {
    "naloxone": "C=CCN1CC[C@]23[C@@H]4C(=O)CC[C@]2([C@H]1CC5=C3C(=C(C=C5)O)O4)O",
    "naltrexone": "C1CC1CN2CC[C@]34[C@@H]5C(=O)CC[C@]3([C@H]2CC6=C4C(=C(C=C6)O)O5)O",
    "dextromethorphan": "CN1CC[C@@]23CCCC[C@@H]2[C@@H]1CC4=C3C=C(C=C4)OC",
    "apomorphine": "CN1CCC2=CC=CC3=C2[C@H]1CC4=C3C(=C(C=C4)O)O",
    "ketamine": "CNC1(CCCCC1=O)C2=CC=CC=C2Cl",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_legitimate_look_alike_is_not_flagged(name):
    for item in ({"smiles": LOOK_ALIKES[name]}, {"name": name}):
        verdict = screen_one({**item, "description": "pharmaceutical raw material"})
        assert verdict.severity is None, (name, item, verdict.severity)


def test_pholcodine_is_a_controlled_medicine_of_its_own():
    """Pholcodine (morphine's 3-O-morpholinoethyl ether, a cough medicine) was reported here only as similar to
    codeine; it is in list II of the 1961 Convention (Finnish decree 543/2008 Liite I: 'Folkodiini'), an entry
    since the eighteenth session: `high` as itself, not as codeine."""
    verdict = screen_one({"name": "pholcodine", "description": "pharmaceutical raw material"})
    assert_high_as_itself(verdict, "DRUG-PHOLCODINE")
    assert "DRUG-CODEINE" not in {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "exact"}


def test_heroin_unmasks_to_morphine_and_no_look_alike_unmasks_to_an_opiate():
    verdict = screen_one({"name": "heroin", "description": "chemical"})
    assert "DRUG-MORPHINE" in {f.entry.id for f in verdict.findings if f.method == "unmasking" and f.entry}
    for smiles in LOOK_ALIKES.values():
        verdict = screen_one({"smiles": smiles, "description": "chemical"})
        assert not {f.entry.id for f in verdict.findings if f.entry is not None} & OPIATE_ENTRIES


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("ΗΡΩΪΝΗ (Διακετυλομορφίνη)", "DRUG-HEROIN"),  # Greek Law 3459/2006 Table A, as the seventh set declares it
        ("Diamorphin", "DRUG-HEROIN"),  # BtMG Anlage I
        ("metoksetamin", "DRUG-METHOXETAMINE"),  # Croatian drug list NN 10/2016
        ("metoksetamiini", "DRUG-METHOXETAMINE"),  # Finnish version of Decision (EU) 2015/1875
        ("Cocain", "DRUG-COCAINE"),  # BtMG Anlage III
        ("Thebain", "DRUG-THEBAINE"),  # BtMG Anlage II
    ],
)
def test_an_added_drug_declared_by_a_name_read_in_another_language_is_high(name, entry_id):
    verdict = screen_one({"name": name, "description": "chemical"})
    assert_high_as_itself(verdict, entry_id)
