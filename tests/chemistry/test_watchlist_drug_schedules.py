"""Drug-tier entries added from the comparison with the UN schedules (CND decisions 2015-2025) and the
EU control measures (chemistry/data/SOURCES.md, "Comparison with the UN schedules and EU control
measures"): each is a flag in itself, `high` or above, whether declared by its name or by its structure,
and it is found as itself (an exact match to its own entry), not only through a drug class."""

from __future__ import annotations

import pytest

from pipeline.scoring import SEVERITY_RANK
from tests.factories import bundled_watchlist, screen_one

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


@pytest.mark.parametrize("entry_id", ADDED_FROM_THE_SCHEDULES)
def test_an_added_drug_declared_by_name_is_high(entry_id):
    verdict = screen_one({"name": _entry(entry_id).name, "description": "chemical"})
    assert verdict.severity is not None and SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK["high"], verdict.severity
    assert entry_id in {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "exact"}


@pytest.mark.parametrize("entry_id", ADDED_FROM_THE_SCHEDULES)
def test_an_added_drug_declared_by_structure_is_high(entry_id):
    verdict = screen_one({"smiles": _entry(entry_id).smiles, "description": "chemical"})
    assert verdict.severity is not None and SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK["high"], verdict.severity
    assert entry_id in {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "exact"}


@pytest.mark.parametrize("entry_id", ADDED_FROM_THE_SCHEDULES)
def test_an_added_drug_cites_a_convention_or_eu_measure_and_a_defined_source(entry_id):
    from chemistry.watchlist import WATCHLIST_CSV

    sources = (WATCHLIST_CSV.parent / "SOURCES.md").read_text(encoding="utf-8")
    entry = _entry(entry_id)
    assert entry.tier == "drug" and entry.category in {"1961-I", "1971-I", "1971-II", "EU-NPS"}
    assert ("Convention" if entry.category != "EU-NPS" else "Council") in entry.legal_source
    assert not entry.cas  # no number was read in a source for these
    keys = [k.strip("[]") for k in entry.refs.replace("][", "] [").split()]
    assert keys and all(f"- {k} —" in sources or f"- {k} " in sources or k in {"UN61", "UN71"} for k in keys), keys
