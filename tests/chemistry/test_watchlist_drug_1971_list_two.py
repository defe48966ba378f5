"""Drug-tier entries added in the thirty-second session (chemistry/data/SOURCES.md, "Thirty-second session: seven
substances of the 1971 list II and etryptamine added"): amineptine, diphenidine, ethylphenidate, mecloqualone,
methiopropamine, 3-MeO-PCP and zipeprol (1971 Schedule II) and etryptamine (Schedule I), read in the Finnish decree
244/2024 as it lists the 1971 schedules. Each is a flag in itself by structure, English and Finnish name; the
abbreviation MPA, also medroxyprogesterone acetate's, names none."""

from __future__ import annotations

import pytest

from tests.factories import (
    assert_high_as_itself,
    assert_schedule_read_in_the_finnish_decree,
    screen_one,
)

ADDED = {
    "DRUG-AMINEPTINE": "1971-II",
    "DRUG-DIPHENIDINE": "1971-II",
    "DRUG-ETHYLPHENIDATE": "1971-II",
    "DRUG-MECLOQUALONE": "1971-II",
    "DRUG-METHIOPROPAMINE": "1971-II",
    "DRUG-3-MEO-PCP": "1971-II",
    "DRUG-ZIPEPROL": "1971-II",
    "DRUG-ETRYPTAMINE": "1971-I",
}


@pytest.mark.parametrize(("entry_id", "schedule"), ADDED.items())
def test_an_added_1971_substance_says_where_its_schedule_was_read(entry_id, schedule):
    assert_schedule_read_in_the_finnish_decree(entry_id, schedule)


@pytest.mark.parametrize(
    ("item", "entry_id"),
    [
        ({"name": "Mecloqualone"}, "DRUG-MECLOQUALONE"),
        ({"smiles": "Cc1nc2ccccc2c(=O)n1-c1ccccc1Cl"}, "DRUG-MECLOQUALONE"),
        ({"name": "Meklokvaloni"}, "DRUG-MECLOQUALONE"),  # Finnish, lista II
        ({"name": "Methiopropamine HCl"}, "DRUG-METHIOPROPAMINE"),
        ({"name": "N-methyl-1-(thiophen-2-yl)propan-2-amine"}, "DRUG-METHIOPROPAMINE"),
        ({"name": "3-MeO-PCP"}, "DRUG-3-MEO-PCP"),
        ({"name": "3-Metoksifensyklidiini"}, "DRUG-3-MEO-PCP"),
        ({"name": "Diphenidine"}, "DRUG-DIPHENIDINE"),
        ({"name": "Ethylphenidate"}, "DRUG-ETHYLPHENIDATE"),
        ({"name": "Zipeprol"}, "DRUG-ZIPEPROL"),
        ({"name": "Amineptine"}, "DRUG-AMINEPTINE"),
        ({"name": "Etryptamine"}, "DRUG-ETRYPTAMINE"),
        ({"name": "alpha-Ethyltryptamine"}, "DRUG-ETRYPTAMINE"),
    ],
)
def test_an_added_1971_substance_is_high_as_itself(item, entry_id):
    assert_high_as_itself(screen_one({**item, "description": "chemical"}), entry_id)


@pytest.mark.parametrize("name", ["MPA", "MPA 99 %, 25 kg"])
def test_the_abbreviation_mpa_is_not_methiopropamine(name):
    verdict = screen_one({"name": name})
    assert "DRUG-METHIOPROPAMINE" not in {f.entry.id for f in verdict.findings if f.entry is not None}


def test_mephedrone_declared_by_its_cas_number_alone_is_mephedrone_and_the_number_cites_its_source():
    # the thirty-eighth and forty-fifth held-out sets' pdh38022 and pdh45001: the identifier database has no
    # record of the number, so it resolved to nothing until the entry took it from a source read (thirty-fifth session)
    from tests.factories import bundled_watchlist, exact_entry_ids

    verdict = screen_one({"cas": "1189805-46-6"})
    assert exact_entry_ids(verdict) == {"DRUG-MEPHEDRONE"} and verdict.severity in {"high", "critical"}
    entry = bundled_watchlist().by_id["DRUG-MEPHEDRONE"].entry
    assert entry.cas == "1189805-46-6" and "Wikipedia" in (entry.notes or "")
