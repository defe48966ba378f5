"""Integrity of chemistry/data/natural_products.csv: names of natural products (essential oils) that a
cited source controls as a scheduled entry's substance ("sassafras oil" as safrole)."""

import csv
import re

import pytest

from chemistry.identifiers import normalise_name
from chemistry.molecules import standardise_smiles
from chemistry.resolve import StructureCache, resolve_item
from chemistry.watchlist import DATA_DIR, NATURAL_PRODUCTS_CSV, WATCHLIST_CSV, read_natural_product_names
from tests.factories import bundled_watchlist

COLUMNS = ["entry_id", "language", "name", "form", "source", "notes", "cas", "cas_source", "cn_heading"]
WL = bundled_watchlist()


def _entries() -> dict[str, dict[str, str]]:
    with WATCHLIST_CSV.open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def test_header_is_as_documented():
    with NATURAL_PRODUCTS_CSV.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == COLUMNS


def test_every_row_names_a_scheduled_entry_and_has_every_value():
    entries = _entries()
    rows = read_natural_product_names()
    assert rows
    for r in rows:
        assert None not in r and all(r[c] and r[c] == r[c].strip() for c in COLUMNS[:5]), r
        # a natural product is controlled as a precursor (Reg. 273/2004 Art. 2(a)), or is itself a narcotic drug of the
        # 1961 Convention's Schedule I (opium, coca leaf, cannabis resin: thirty-eighth session)
        assert entries[r["entry_id"]]["tier"] in {"scheduled", "drug"}, r
        if entries[r["entry_id"]]["tier"] == "drug":
            assert "Schedule I of the Single Convention 1961" in r["form"], r


def test_every_source_key_is_defined_in_sources_md():
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\|\s*`([A-Za-z0-9][A-Za-z0-9_.-]*)`\s*\|", text, flags=re.MULTILINE))
    used = {r["source"] for r in read_natural_product_names()} | {
        r["cas_source"] for r in read_natural_product_names() if r["cas_source"]
    }
    assert used <= defined, f"source keys not defined in SOURCES.md: {sorted(used - defined)}"


def test_no_natural_product_name_is_an_entrys_own_name():
    # an entry's own names rank first: a product name that is also one would never be read as the product
    own = {normalise_name(n) for r in _entries().values() for n in [r["name"], *r["synonyms"].split(";")] if n.strip()}
    assert not {normalise_name(r["name"]) for r in read_natural_product_names()} & own


@pytest.mark.parametrize("row", read_natural_product_names(), ids=lambda r: r["name"])
def test_every_name_is_identified_as_its_entry_and_says_it_was_read_as_the_product(row):
    resolution = resolve_item(WL, StructureCache(), name=row["name"])
    entry = WL.by_id[row["entry_id"]]
    assert resolution.std is not None and resolution.std.key == standardise_smiles(entry.entry.smiles)[0].key
    assert resolution.source.startswith(f"natural product: '{row['name']}' ({row['form']})")
    if entry.entry.tier == "drug":
        # the source lists the product itself, which no structure is: the flag says what it is screened as
        said = f"({row['source']} names the product itself; it is screened as {entry.entry.name}, the controlled "
        assert said in resolution.source
    else:
        assert f"({row['source']} counts it as {entry.entry.name})" in resolution.source


def test_a_products_cas_number_has_its_source_holds_its_check_digit_and_is_identified_as_the_product():
    with_cas = [r for r in read_natural_product_names() if r["cas"]]
    assert with_cas
    for row in with_cas:
        assert row["cas_source"], row
        digits = row["cas"].replace("-", "")
        assert re.fullmatch(r"\d{2,7}-\d\d-\d", row["cas"])
        check = sum(int(d) * i for i, d in enumerate(reversed(digits[:-1]), start=1)) % 10
        assert check == int(digits[-1]), row["cas"]
        resolution = resolve_item(WL, StructureCache(), cas=f"{row['cas']} (essential oil)")
        entry = WL.by_id[row["entry_id"]]
        assert resolution.std.key == standardise_smiles(entry.entry.smiles)[0].key
        assert resolution.source.startswith(f"natural product: '{row['name']}'")


def test_a_products_cas_number_is_no_entrys_own():
    own = {r["cas"] for r in _entries().values() if r["cas"]}
    assert not {r["cas"] for r in read_natural_product_names() if r["cas"]} & own
