"""Chinese names (seventeenth session): the PRC precursor list's names in names_eu.csv (language "zh",
source `CN-GWY-445-2005-REPRO`) resolve to their entries, and Chinese look-alikes that merely contain
one of those names (a salt of a medicine, a longer compound name) do not."""

import csv

import pytest

from chemistry.resolve import StructureCache, resolve_item
from chemistry.watchlist import DATA_DIR
from tests.factories import bundled_watchlist

_WL = bundled_watchlist()


def _hit(name):
    return resolve_item(_WL, StructureCache(), name=name)


def _chinese_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "names_eu.csv").open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row["language"] == "zh"]


@pytest.mark.parametrize(
    ("declared", "entry_id"),
    [
        ("黄樟素", "EU1-SAFROLE"),
        ("黄樟素 99%", "EU1-SAFROLE"),
        ("异黄樟素", "EU1-ISOSAFROLE"),
        ("1-苯基-2-丙酮", "EU1-BMK"),
        ("3,4-亚甲基二氧苯基-2-丙酮", "EU1-PMK"),
        ("胡椒醛", "EU1-PIPERONAL"),
        ("麻黄素", "EU1-EPHEDRINE"),
        ("伪麻黄素", "EU1-PSEUDOEPHEDRINE"),
        ("去甲麻黄素", "EU1-NOREPHEDRINE"),
        ("N-乙酰邻氨基苯酸", "EU1-N-ACETYLANTHRANILIC-ACID"),
        ("醋酸酐", "EU2A-ACETIC-ANHYDRIDE"),
        ("高锰酸钾", "EU2B-POTASSIUM-PERMANGANATE"),
        # the 2019 announcement of the fentanyl class (CN-MPS-2019-FENTANYL-CLASS, thirty-third session)
        ("芬太尼", "DRUG-FENTANYL"),
        ("N-[1-(2-苯乙基)-4-哌啶基]-N-苯基丙酰胺", "DRUG-FENTANYL"),
    ],
)
def test_chinese_name_resolves_to_entry(declared, entry_id):
    res = _hit(declared)
    assert res.resolved_by == "name", declared
    assert res.std.key == _WL.by_id[entry_id].std.key, declared


@pytest.mark.parametrize(
    "declared",
    [
        "丙酮酸",  # pyruvic acid: contains 丙酮 (acetone)
        "硫酸钠",  # sodium sulphate: contains 硫酸 (sulphuric acid)
        "甲苯磺酸",  # toluenesulphonic acid: contains 甲苯 (toluene)
        "苯乙酸乙酯",  # ethyl phenylacetate: contains 苯乙酸 (phenylacetic acid)
        "盐酸二甲双胍",  # metformin hydrochloride: starts with 盐酸 (hydrochloric acid)
        "阿芬太尼",  # alfentanil: contains 芬太尼 (fentanyl), another substance
        "舒芬太尼",  # sufentanil
    ],
)
def test_chinese_look_alike_does_not_resolve(declared):
    assert _hit(declared).resolved_by == "unresolved", declared


def test_every_chinese_row_resolves_to_its_entry():
    rows = _chinese_rows()
    assert rows, "no zh rows in names_eu.csv"
    wrong = {}
    for row in rows:
        res = _hit(row["name"])
        if res.resolved_by != "name" or res.std.key != _WL.by_id[row["entry_id"]].std.key:
            wrong[row["name"]] = row["entry_id"]
    assert not wrong
