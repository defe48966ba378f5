"""Designer-tier entry taken from the US List I of 21 CFR 1310.02 (chemistry/data/SOURCES.md, `US-CFR-1310-02`):
hydriodic acid, level `pre` (a specialty reagent: `low` on its own), cited through a key SOURCES.md defines with
the list's line quoted there; iodides, iodine and the other hydrogen halides are other substances and are not
reported as it."""

from __future__ import annotations

import pytest

from chemistry.watchlist import WATCHLIST_CSV
from tests.factories import bundled_watchlist, screen_one

SOURCES = (WATCHLIST_CSV.parent / "SOURCES.md").read_text(encoding="utf-8")
ENTRY_ID = "DES-HYDRIODIC-ACID"


def _reported(verdict) -> set[str]:
    return {f.entry.id for f in verdict.findings if f.entry is not None}


def test_the_entry_cites_the_us_list_and_the_line_naming_it_is_quoted():
    compiled = bundled_watchlist().by_id[ENTRY_ID]
    entry = compiled.entry
    assert "[US-CFR-1310-02]" in entry.refs
    assert "21 CFR 1310.02(a)(22)" in entry.legal_source
    assert "- US-CFR-1310-02 —" in SOURCES
    flat = " ".join(SOURCES.split())  # the key's text is wrapped
    assert 'List I items (1)-(37)' in flat and '"(22) Hydriodic Acid"' in flat


def test_the_entry_is_an_unscheduled_pre_precursor_without_an_unread_cn_code():
    compiled = bundled_watchlist().by_id[ENTRY_ID]
    assert compiled.entry.tier == "designer" and compiled.entry.category == "unscheduled"
    assert compiled.level == "pre"
    assert not compiled.entry.cn_codes and not compiled.entry.cn_codes_inferred  # none was read


@pytest.mark.parametrize(
    "item",
    [
        {"name": "UN1787 HYDRIODIC ACID, 8, II", "description": "57 %, 50 x 2.5 l"},  # the twenty-third set's pph23009
        {"name": "Hydriodic acid 57%", "description": "chemical"},
        {"name": "hydrogen iodide", "description": "chemical"},
        {"smiles": "I", "description": "chemical"},
        {"cas": "10034-85-2", "description": "chemical"},
    ],
)
def test_hydriodic_acid_declared_alone_is_low(item):
    verdict = screen_one(item)
    assert ENTRY_ID in _reported(verdict)
    assert verdict.severity == "low", verdict.severity


@pytest.mark.parametrize(
    "item",
    [
        {"smiles": "[Na+].[I-]"},  # sodium iodide: a salt, not the acid
        {"smiles": "[K+].[I-]"},  # potassium iodide: iodised salt, radiation protection
        {"name": "potassium iodide"},
        {"smiles": "[NH4+].[I-]"},  # ammonium iodide
        {"smiles": "II"},  # iodine (US List I too, but not an entry)
        {"name": "iodine"},
        {"name": "hydrobromic acid"},  # another hydrogen halide
        {"smiles": "Br"},
    ],
)
def test_a_legitimate_neighbour_is_not_reported_as_hydriodic_acid(item):
    verdict = screen_one({**item, "description": "chemical"})
    assert ENTRY_ID not in _reported(verdict)
    assert verdict.severity is None, verdict.severity


def test_an_iodide_salt_of_a_listed_base_is_that_base_not_hydriodic_acid():
    verdict = screen_one({"smiles": "C[NH3+].[I-]", "description": "chemical"})  # methylammonium iodide
    reported = _reported(verdict)
    assert "DES-METHYLAMINE" in reported and ENTRY_ID not in reported
