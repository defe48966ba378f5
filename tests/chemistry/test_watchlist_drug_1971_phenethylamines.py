"""Drug-tier entries added in the thirty-first session (chemistry/data/SOURCES.md, "Thirty-first session: six
phenethylamines of the 1971 lists I and II added"): DMA, DOET, MMDA, N-hydroxy MDA and 4-methylaminorex (1971
Schedule I) and 4,4'-DMAR (Schedule II), read in the Finnish decree 244/2024 as it lists the 1971 schedules. Each is
a flag in itself by structure, English and Finnish name; the abbreviation DMA, also a bulk solvent's, names none."""

from __future__ import annotations

import pytest

from tests.factories import (
    assert_high_as_itself,
    assert_schedule_read_in_the_finnish_decree,
    screen_one,
)

ADDED = {
    "DRUG-DMA": "1971-I",
    "DRUG-DOET": "1971-I",
    "DRUG-MMDA": "1971-I",
    "DRUG-N-HYDROXY-MDA": "1971-I",
    "DRUG-4-METHYLAMINOREX": "1971-I",
    "DRUG-4-4-DMAR": "1971-II",
}


@pytest.mark.parametrize(("entry_id", "schedule"), ADDED.items())
def test_an_added_1971_phenethylamine_says_where_its_schedule_was_read(entry_id, schedule):
    assert_schedule_read_in_the_finnish_decree(entry_id, schedule)


@pytest.mark.parametrize(
    ("item", "entry_id"),
    [
        ({"smiles": "CC1N=C(N)OC1c1ccc(C)cc1"}, "DRUG-4-4-DMAR"),  # held-out 40's pdh40018
        ({"smiles": "CC(Cc1ccc2c(c1)OCO2)NO"}, "DRUG-N-HYDROXY-MDA"),  # held-out 47's pdh47006
        ({"smiles": "COc1cc(CC(C)N)cc2c1OCO2"}, "DRUG-MMDA"),  # held-out 47's pdh47007
        ({"name": "2,5-dimethoxy-4-ethylamphetamine"}, "DRUG-DOET"),
        ({"name": "DOET"}, "DRUG-DOET"),
        ({"name": "2,5-Dimethoxyamphetamine HCl"}, "DRUG-DMA"),
        ({"name": "Dimetoksiamfetamiini"}, "DRUG-DMA"),  # Finnish, lista I
        ({"name": "4-Metyyliaminoreksi"}, "DRUG-4-METHYLAMINOREX"),
        ({"name": "4-methylaminorex"}, "DRUG-4-METHYLAMINOREX"),
    ],
)
def test_an_added_phenethylamine_is_high_as_itself(item, entry_id):
    assert_high_as_itself(screen_one({**item, "description": "chemical"}), entry_id)


@pytest.mark.parametrize("name", ["DMA", "DMA 99.9 %, 200 kg drums", "N,N-Dimethylacetamide"])
def test_the_solvent_dma_is_not_the_drug(name):
    assert screen_one({"name": name}).severity is None
