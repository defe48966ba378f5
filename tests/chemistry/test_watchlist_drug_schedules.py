"""Drug-tier entries added from the comparison with the UN schedules (CND decisions 2015-2025) and the
EU control measures (chemistry/data/SOURCES.md, "Comparison with the UN schedules and EU control
measures"): each is a flag in itself, `high` or above, whether declared by its name or by its structure,
and it is found as itself (an exact match to its own entry), not only through a drug class."""

from __future__ import annotations

from tests.factories import bundled_watchlist

ADDED_FROM_THE_SCHEDULES = [
    # synthetic cathinones, 1971 Convention Schedule II
    "DRUG-ETHYLONE",
    "DRUG-4-MEC",
    "DRUG-PENTEDRONE",
    "DRUG-EUTYLONE",
    "DRUG-ALPHA-PIHP",
    "DRUG-DIPENTYLONE",
    # ring-substituted phenethylamines, 1971 Convention Schedule I
    "DRUG-PMMA",
    "DRUG-25B-NBOME",
    "DRUG-25C-NBOME",
    # fentanyl analogues, 1961 Convention Schedule I
    "DRUG-BUTYRFENTANYL",
    # nitazenes, 1961 Convention Schedule I
    "DRUG-BUTONITAZENE",
    "DRUG-PROTONITAZEPYNE",
    "DRUG-METONITAZEPYNE",
    "DRUG-ETONITAZEPIPNE",
    # an amphetamine controlled EU-wide by a Council control measure
    "DRUG-4-MA",
    # opioids of other classes, 1961 Convention Schedule I (fifteenth session)
    "DRUG-2-METHYL-AP-237",
    "DRUG-BRORPHINE",
    "DRUG-U-47700",
]


def _entry(entry_id: str):
    return bundled_watchlist().by_id[entry_id].entry


def test_a_cas_number_of_a_drug_added_from_the_schedules_cites_the_record_it_was_read_in():
    # The schedules give no CAS numbers: one was added later from a registry record the entry cites (the
    # eighteenth session's ethylone, FDA GSRS), one from the identifier database's record found under the
    # entry's name whose own number gives the same InChIKey (the nineteenth session's 25C-NBOMe, marked
    # "identifier database only" and listed in cas_sources.csv). (That every drug is found by name and structure
    # and cites its sources: test_watchlist_drug_tier.py.)
    with_cas = [e for e in ADDED_FROM_THE_SCHEDULES if _entry(e).cas]
    assert with_cas == ["DRUG-ETHYLONE", "DRUG-25C-NBOME"]
    assert "[FDA-GSRS]" in _entry("DRUG-ETHYLONE").refs
    assert "identifier database only" in _entry("DRUG-25C-NBOME").notes
