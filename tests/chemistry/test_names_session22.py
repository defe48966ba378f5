"""Names added in the twenty-second session (chemistry/data/SOURCES.md, "Entries and names of the twenty-second
session"): the German name of anthranilic acid (`DE-ABDA-AMK-2-14`), the Finnish names of anileridine
(`FI-FINLEX-1119-1988`) and the Brazilian Lista I names of Portaria MJSP 204/2022 (`BR-MJSP-204-2022-LISTA-I`),
each resolving to its entry; and look-alikes (esters, isomers, fragments) that must not."""

import csv

import pytest

from chemistry.resolve import StructureCache, resolve_item
from chemistry.watchlist import WATCHLIST_CSV
from tests.factories import bundled_watchlist

_WL = bundled_watchlist()
NAMES_EU = WATCHLIST_CSV.parent / "names_eu.csv"
SOURCES = (WATCHLIST_CSV.parent / "SOURCES.md").read_text(encoding="utf-8")


def _hit(name):
    return resolve_item(_WL, StructureCache(), name=name)


@pytest.mark.parametrize("key", ["DE-ABDA-AMK-2-14", "BR-MJSP-204-2022-LISTA-I", "FI-FINLEX-1119-1988"])
def test_every_row_of_the_new_keys_is_a_sourced_row_with_a_defined_key(key):
    with NAMES_EU.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["source"] == key]
    assert rows and all(r["notes"] for r in rows)
    assert f"| `{key}` |" in SOURCES


@pytest.mark.parametrize(
    ("declared", "entry_id"),
    [
        ("Anthranilsäure", "EU2B-ANTHRANILIC-ACID"),  # the seventeenth held-out set's pch17025
        ("ANTHRANILSÄURE 25 kg", "EU2B-ANTHRANILIC-ACID"),
        ("Anileridiini", "DRUG-ANILERIDINE"),  # the twenty-fifth held-out set's pdh25005
        ("1-p-aminofenetyyli-4-fenyylipiperidiini-4-karboksyylihapon etyyliesteri", "DRUG-ANILERIDINE"),
        ("3,4-MDP-2-P METIL ÁCIDO GLICÍDICO (PMK ÁCIDO GLICÍDICO)", "EU1-PMK-GLYCIDIC-ACID"),  # pch16045
        ("PMK ácido glicídico", "EU1-PMK-GLYCIDIC-ACID"),
        ("3,4-MDP-2-P METIL GLICIDATO", "EU1-PMK-METHYL-GLYCIDATE"),
        ("PMK GLICIDATO", "EU1-PMK-METHYL-GLYCIDATE"),
        ("ALFA-FENILACETOACETONITRILO", "EU1-APAAN"),
        ("Alfa-fenilacetoacetamida", "EU1-APAA"),
        ("1-FENETIL-N-FENILPIPERIDIN-4-AMINA", "EU1-ANPP"),
    ],
)
def test_declared_forms_resolve_to_their_entry(declared, entry_id):
    res = _hit(declared)
    assert res.resolved_by == "name", declared
    assert res.std.key == _WL.by_id[entry_id].std.key, declared


@pytest.mark.parametrize(
    ("declared", "not_entry"),
    [
        ("Anthranilsäuremethylester", "EU2B-ANTHRANILIC-ACID"),  # methyl anthranilate, a flavour
        ("Methylanthranilat", "EU2B-ANTHRANILIC-ACID"),
        ("N-Methylanthranilsäure", "EU2B-ANTHRANILIC-ACID"),
        ("4-Aminobenzoesäure", "EU2B-ANTHRANILIC-ACID"),  # PABA, the para isomer
        ("ÁCIDO GLICÍDICO", "EU1-PMK-GLYCIDIC-ACID"),  # the bare class word
        ("GLICIDATO", "EU1-PMK-METHYL-GLYCIDATE"),
        ("METIL FENIL GLICIDATO DE ETILA", "EU1-PMK-METHYL-GLYCIDATE"),  # strawberry glycidate
        ("Petidiini", "DRUG-ANILERIDINE"),  # another 4-phenylpiperidine of the same list
    ],
)
def test_look_alikes_do_not_resolve_to_the_entry(declared, not_entry):
    res = _hit(declared)
    assert res.std is None or res.std.key != _WL.by_id[not_entry].std.key, declared
