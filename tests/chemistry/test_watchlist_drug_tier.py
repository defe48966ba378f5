"""Every entry of the drug tier, whenever it was added: a flag in itself, `high` or above, whether declared by
its name, its structure or its CAS number, found as itself (an exact match to its own entry, not only through a
drug class), and citing a convention or EU measure with sources SOURCES.md defines. The modules beside this one
test what is particular to each batch of entries (look-alikes, names in other languages, stereochemistry)."""

from __future__ import annotations

import pytest

from tests.factories import assert_high_as_itself, bundled_watchlist, screen_one

# How SOURCES.md defines a source key: a list item, a table row or the abbreviation line of its head.
_DEFINED = ("- {k} —", "- {k} ", "| `{k}` |", "· {k} ")
DRUG_ENTRIES = sorted(e.entry.id for e in bundled_watchlist().by_id.values() if e.entry.tier == "drug")


def _entry(entry_id: str):
    return bundled_watchlist().by_id[entry_id].entry


def test_the_drug_tier_is_all_here():
    assert len(DRUG_ENTRIES) >= 100


@pytest.mark.parametrize("entry_id", DRUG_ENTRIES)
def test_a_drug_declared_by_name_is_high_as_itself(entry_id):
    assert_high_as_itself(screen_one({"name": _entry(entry_id).name, "description": "chemical"}), entry_id)


@pytest.mark.parametrize("entry_id", DRUG_ENTRIES)
def test_a_drug_declared_by_structure_is_high_as_itself(entry_id):
    assert_high_as_itself(screen_one({"smiles": _entry(entry_id).smiles, "description": "chemical"}), entry_id)


@pytest.mark.parametrize("entry_id", [e for e in DRUG_ENTRIES if _entry(e).cas])
def test_a_drug_declared_by_its_cas_number_is_high_as_itself(entry_id):
    assert_high_as_itself(screen_one({"cas": _entry(entry_id).cas, "description": "chemical"}), entry_id)


@pytest.mark.parametrize("entry_id", DRUG_ENTRIES)
def test_a_drug_cites_a_convention_or_eu_measure_and_sources_that_are_defined(entry_id):
    from chemistry.watchlist import WATCHLIST_CSV

    sources = (WATCHLIST_CSV.parent / "SOURCES.md").read_text(encoding="utf-8")
    entry = _entry(entry_id)
    assert entry.category in {"1961-I", "1961-II", "1971-I", "1971-II", "1971-III", "1971-IV", "EU-NPS"}
    assert ("Convention" if entry.category != "EU-NPS" else "Council") in entry.legal_source
    keys = [k.strip("[]") for k in entry.refs.replace("][", "] [").split()]
    assert keys, entry_id
    assert all(k in {"UN61", "UN71", "ECDD"} or any(form.format(k=k) in sources for form in _DEFINED) for k in keys), (
        keys
    )


# Schedules read in the Finnish decree 244/2024, whose Liitteet I and II reproduce the lists of the 1961 and 1971
# Conventions under their own headings (SOURCES.md, FI-FINLEX-244-2024): the name the decree prints is quoted in
# the row, and the mark "[unverified]" that stood for the unread schedule is gone.
_READ_IN_FI_244_2024 = [
    ("DRUG-CODEINE", "1961-II", "'Kodeiini (3-metyylimorfiini)'"),
    ("DRUG-THEBAINE", "1961-I", "'Tebaiini'"),
    ("DRUG-PETHIDINE", "1961-I", "'Petidiini (1-metyyli-4-fenyylipiperidiini-4-karboksyylihapon etyyliesteri)'"),
    ("DRUG-BUTONITAZENE", "1961-I", "'Butonitatseeni ("),
    ("DRUG-PMMA", "1971-I", "'para-Metoksimetyyliamfetamiini (PMMA)"),
]


@pytest.mark.parametrize(("entry_id", "category", "printed_name"), _READ_IN_FI_244_2024)
def test_a_schedule_read_in_the_finnish_decree_of_2024_cites_it_and_is_no_longer_marked(
    entry_id, category, printed_name
):
    entry = _entry(entry_id)
    assert entry.category == category
    assert "[FI-FINLEX-244-2024]" in entry.refs
    assert printed_name in entry.legal_source
    assert "[unverified]" not in entry.legal_source
