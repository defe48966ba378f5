"""Designer-tier entries taken from the US DEA Special Surveillance List (chemistry/data/SOURCES.md,
"Surveillance lists of non-scheduled chemicals"): each cites the list through a key SOURCES.md defines,
with the DEA release that names it quoted there; the two added are `watch` entries (reagents with a large
legitimate market: `info` alone), phenethyl bromide a `pre` entry (a specialty reagent named for fentanyl
manufacture: `low` alone, since the twenty-second session); and no legitimate neighbour (the acid, its ester or anhydride, another
borohydride) is reported as one of them."""

from __future__ import annotations

import pytest

from chemistry.watchlist import WATCHLIST_CSV
from tests.factories import bundled_watchlist, screen_one

SOURCES = (WATCHLIST_CSV.parent / "SOURCES.md").read_text(encoding="utf-8")
# entry id -> the name under which DEA's release of 30.10.2023 names it
FROM_THE_DEA_LIST = {
    "DES-PROPIONYL-CHLORIDE": "propionyl chloride",
    "DES-SODIUM-BOROHYDRIDE": "sodium borohydride",
    "DES-PHENETHYL-BROMIDE": "phenethyl bromide",
}
ADDED = ["DES-PROPIONYL-CHLORIDE", "DES-SODIUM-BOROHYDRIDE"]


def _entry(entry_id: str):
    return bundled_watchlist().by_id[entry_id]


def _exact_ids(verdict) -> set[str]:
    return {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "exact"}


@pytest.mark.parametrize("entry_id", sorted(FROM_THE_DEA_LIST))
def test_a_dea_listed_entry_cites_the_list_and_the_release_naming_it_is_quoted(entry_id):
    entry = _entry(entry_id).entry
    assert "[DEA-SSL-2023]" in entry.refs
    assert "US DEA Special Surveillance List" in entry.legal_source
    assert "- DEA-SSL-2023 —" in SOURCES
    quoted = SOURCES.split('"The chemicals added to the SSL on October 24, 2023 include', 1)[1].split('"', 1)[0]
    assert FROM_THE_DEA_LIST[entry_id] in quoted


@pytest.mark.parametrize("entry_id", ADDED)
def test_an_added_entry_is_a_watched_unscheduled_designer_entry_without_an_unread_cn_code(entry_id):
    compiled = _entry(entry_id)
    assert compiled.entry.tier == "designer" and compiled.entry.category == "unscheduled"
    assert compiled.level == "watch"
    assert not compiled.entry.cn_codes and not compiled.entry.cn_codes_inferred  # none was read


@pytest.mark.parametrize("entry_id", ADDED)
@pytest.mark.parametrize("declared_by", ["name", "smiles"])
def test_an_added_entry_declared_alone_is_info(entry_id, declared_by):
    entry = _entry(entry_id).entry
    verdict = screen_one({declared_by: getattr(entry, declared_by), "description": "chemical"})
    assert entry_id in _exact_ids(verdict)
    assert verdict.severity == "info", verdict.severity


@pytest.mark.parametrize("declared", [{"smiles": "BrCCc1ccccc1"}, {"cas": "103-63-9"}, {"name": "phenethyl bromide"}])
def test_phenethyl_bromide_declared_alone_is_low(declared):
    # five blind evaluators (held-out sets 11, 15, 17, 19, 20) expected `low` for the NPP alkylating agent
    assert _entry("DES-PHENETHYL-BROMIDE").level == "pre"
    verdict = screen_one({**declared, "description": "chemical"})
    assert "DES-PHENETHYL-BROMIDE" in _exact_ids(verdict)
    assert verdict.severity == "low", verdict.severity


@pytest.mark.parametrize(
    ("smiles", "severities"),
    [
        # phenethyl chloride: the same alkylating agent with another leaving group, low through its family
        # (FAM-PHENETHYL-ALKYLATOR, twenty-fifth session), never as the bromide's entry
        ("ClCCc1ccccc1", ("low",)),
        ("BrCc1ccccc1", (None, "info")),  # benzyl bromide
        ("OCCc1ccccc1", (None, "info")),  # 2-phenylethanol (rose fragrance)
    ],
)
def test_a_neighbour_of_phenethyl_bromide_is_not_reported_as_it(smiles, severities):
    verdict = screen_one({"smiles": smiles, "description": "chemical"})
    assert "DES-PHENETHYL-BROMIDE" not in _exact_ids(verdict)
    assert verdict.severity in severities, verdict.severity


@pytest.mark.parametrize(
    "smiles",
    [
        "CCC(=O)O",  # propionic acid: preservative
        "CCC(=O)OCC",  # ethyl propionate: flavour
        "CCC(=O)OC(=O)CC",  # propionic anhydride
        "CC(=O)Cl",  # acetyl chloride
        "[K+].[BH4-]",  # potassium borohydride: another substance
        "[Na+].N#C[BH3-]",  # sodium cyanoborohydride: another substance
    ],
)
def test_a_legitimate_neighbour_is_not_reported_as_a_dea_listed_entry(smiles):
    verdict = screen_one({"smiles": smiles, "description": "chemical"})
    reported = {f.entry.id for f in verdict.findings if f.entry is not None}
    assert not reported & set(ADDED), reported
    assert verdict.severity is None, verdict.severity
