"""Drug-tier entries added after the twelfth held-out set (chemistry/data/SOURCES.md, "The Finnish decree on
narcotics as enacted, and the 1971 Schedule II/IV amphetamines"): etilamfetamine, benzfetamine, fenproporex
and mefenorex (1971 Schedule IV) and fenetylline (Schedule II), read in the Finnish decree 543/2008 as it lists
the 1971 schedules. Each is a flag in itself by its names in Finnish and Swedish (that each is also found by its
English name, structure and CAS number: test_watchlist_drug_tier.py); the medicines and reagents of the same
skeletons (mephentermine, selegiline, fenfluramine, the xanthines, propylhexedrine) stay unflagged."""

from __future__ import annotations

import pytest

from tests.factories import assert_high_as_itself, bundled_watchlist, screen_one

ADDED = [
    "DRUG-ETILAMFETAMINE",
    "DRUG-FENETYLLINE",
    "DRUG-BENZPHETAMINE",
    "DRUG-FENPROPOREX",
    "DRUG-MEFENOREX",
]


def _entry(entry_id: str):
    return bundled_watchlist().by_id[entry_id].entry


@pytest.mark.parametrize("entry_id", ADDED)
def test_an_added_1971_drug_says_where_its_schedule_was_read(entry_id):
    # the UN list itself was not read: the schedule is the one the Finnish decree lists it under
    entry = _entry(entry_id)
    assert "as listed in Finnish decree 543/2008" in entry.legal_source
    assert entry.category in {"1971-II", "1971-IV"}
    assert "FI-FINLEX-543-2008-ALKUP" in entry.refs


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("etylamfetamin", "DRUG-ETILAMFETAMINE"),  # Swedish Bilaga 1, SFS 2021:301 (held-out 12 pdh12005)
        ("Etilamfetamiini", "DRUG-ETILAMFETAMINE"),  # Finnish decree 543/2008, list IV
        ("ETYYLIAMFETAMIINI", "DRUG-ETILAMFETAMINE"),  # same line, upper case as declared
        ("fenetyllin", "DRUG-FENETYLLINE"),  # Swedish Bilaga 1
        ("Fenetylliini", "DRUG-FENETYLLINE"),  # Finnish, list II
        ("Bentsfetamiini", "DRUG-BENZPHETAMINE"),  # Finnish, list IV
        ("Fenproporeksi", "DRUG-FENPROPOREX"),
        ("Mefenoreksi", "DRUG-MEFENOREX"),
    ],
)
def test_an_added_drug_declared_by_a_name_read_in_another_language_is_high(name, entry_id):
    assert_high_as_itself(screen_one({"name": name, "description": "chemical"}), entry_id)


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("METKATINONI", "DRUG-METHCATHINONE"),  # held-out 12 pdh12007
        ("Metyleenidioksimetamfetamiini", "DRUG-MDMA"),  # held-out 12 pdh12006
        ("Tenamfetamiini", "DRUG-MDA"),
        ("Heroiini", "DRUG-HEROIN"),
        ("Kokaiini", "DRUG-COCAINE"),
        ("Fentanyyli", "DRUG-FENTANYL"),
        ("Levometamfetamiini", "DRUG-METHAMPHETAMINE"),  # an enantiomer row, given to the unstereo entry
    ],
)
def test_a_drug_declared_by_its_name_in_the_finnish_decree_is_high(name, entry_id):
    assert_high_as_itself(screen_one({"name": name, "description": "chemical"}), entry_id)


def test_a_salt_of_an_added_drug_declared_by_its_cas_number_reaches_the_entry():
    # fenetylline hydrochloride: the identifier database's record (salt_forms.csv), the base has no number here
    assert_high_as_itself(screen_one({"cas": "1892-80-4", "description": "chemical"}), "DRUG-FENETYLLINE")


# Legitimate look-alikes (medicines, a natural stimulant and reagents of the same skeletons): none is the
# structure, an ester or a salt of an added entry, and none is similar enough to be reported.
LOOK_ALIKES = {
    "mephentermine": "CNC(C)(C)Cc1ccccc1",  # N-methylphentermine, a vasopressor in no 1971 list read
    "selegiline": "C#CCN(C)[C@H](C)Cc1ccccc1",
    "fenfluramine": "CCNC(C)Cc1cccc(C(F)(F)F)c1",  # N-ethyl like etilamfetamine, CF3 on the ring
    "propylhexedrine": "CNC(C)CC1CCCCC1",  # no aromatic ring
    "theophylline": "Cn1c(=O)c2[nH]cnc2n(C)c1=O",
    "etofylline": "Cn1c(=O)c2n(CCO)cnc2n(C)c1=O",  # 7-substituted theophylline, like fenetylline
    "caffeine": "Cn1cnc2c1c(=O)n(C)c(=O)n2C",
    "3-(benzylamino)propionitrile": "N#CCCNCc1ccccc1",  # fenproporex's side chain on a benzylamine
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_a_legitimate_look_alike_is_not_flagged(name):
    verdict = screen_one({"smiles": LOOK_ALIKES[name], "description": "pharmaceutical raw material"})
    assert verdict.severity is None, (name, verdict.severity)
