"""EC numbers and CLP index numbers (chemistry/regulatory_numbers.py) and their look-up in the screening."""

import pytest

from chemistry.regulatory_numbers import (
    ec_check_digit_holds,
    read_ec_number,
    read_index_number,
    read_regulatory_numbers,
)
from chemistry.resolve import Resolution, StructureCache, resolve_item, resolve_regulatory_number
from tests.factories import bundled_watchlist, screen_one

WL = bundled_watchlist()


@pytest.mark.parametrize(
    ("field", "number"),
    [
        ("EC 200-662-2", "200-662-2"),
        ("EINECS 204-409-7", "204-409-7"),
        ("EC No.: 203-564-8", "203-564-8"),
        ("N° CE 200-662-2", "200-662-2"),
        ("EG-Nr. 200-662-2", "200-662-2"),
        ("Nr WE 200-662-2", "200-662-2"),
        (" 200-662-2 ", "200-662-2"),
    ],
)
def test_an_ec_number_is_read_with_the_labels_safety_data_sheets_print(field, number):
    assert read_ec_number(field) == number


@pytest.mark.parametrize("field", ["EC 200-662-3", "103-79-7", "200-662-22", "acetone 200-662-2", "EC 100-662-2"])
def test_what_is_no_ec_number_is_not_read_as_one(field):
    assert read_ec_number(field) is None


def test_the_ec_check_digit():
    assert ec_check_digit_holds("200-662-2") and ec_check_digit_holds("231-639-5")
    assert not ec_check_digit_holds("200-662-3") and not ec_check_digit_holds("200-662")


def test_an_index_number_is_read_with_its_label():
    assert read_index_number("Index No. 607-008-00-9") == "607-008-00-9"
    assert read_index_number("N° index 607-008-00-9") == "607-008-00-9"
    assert read_index_number("607-008-00") is None


@pytest.mark.parametrize(
    ("field", "entry"),
    [
        ("EC 200-662-2", "EU3-ACETONE"),  # the thirty-seventh held-out set's pch37061
        ("EC 203-564-8", "EU2A-ACETIC-ANHYDRIDE"),  # pch37046
        ("Index No. 607-008-00-9", "EU2A-ACETIC-ANHYDRIDE"),  # pch37047
        ("EINECS 231-639-5", "EU3-SULPHURIC-ACID"),
    ],
)
def test_a_name_field_that_is_a_listed_entrys_number_is_that_entry_and_says_where_the_number_was_read(field, entry):
    found = resolve_regulatory_number(WL, StructureCache(), field, Resolution("unresolved", None))
    assert found.std.key == WL.by_id[entry].std.key
    assert "ILO-ICSC" in found.source and any("ICSC" in note for note in found.source_notes)


@pytest.mark.parametrize(
    ("field", "entry", "source"),
    [
        ("EC 202-345-4", "EU1-SAFROLE", "UHH-CLAKS"),  # the thirty-seventh held-out set's pch37010
        ("EINECS 203-148-6", "EU2B-PHENYLACETIC-ACID", "ECHA-REG"),  # pch37051
        ("Index No. 025-002-00-9", "EU2B-POTASSIUM-PERMANGANATE", "DE-GESTIS"),  # pch37057
        ("EC 231-760-3", "EU2B-POTASSIUM-PERMANGANATE", "ILO-ICSC"),
    ],
)
def test_the_numbers_read_in_the_twenty_sixth_session_name_their_entry_and_page(field, entry, source):
    found = resolve_regulatory_number(WL, StructureCache(), field, Resolution("unresolved", None))
    assert found.std.key == WL.by_id[entry].std.key
    assert source in found.source and any("http" in note for note in found.source_notes)


def test_an_ec_number_of_no_listed_entry_is_left_unresolved():
    # isopropanol's EC number (200-661-7), next to acetone's: no row of regulatory_numbers.csv
    assert resolve_regulatory_number(WL, StructureCache(), "EC 200-661-7", Resolution("unresolved", None)).std is None


def test_a_listed_entrys_ec_number_in_the_cas_field_is_that_entry_not_an_invalid_cas_number():
    found = resolve_item(WL, StructureCache(), cas="200-662-2")
    assert found.std.key == WL.by_id["EU3-ACETONE"].std.key and not found.invalid


def test_an_item_declared_by_an_ec_number_is_flagged_as_its_substance():
    verdict = screen_one({"name": "EC 203-564-8", "cn_code": "2915 24 00"})
    assert verdict.severity == "low" and verdict.findings[0].entry.id == "EU2A-ACETIC-ANHYDRIDE"


def test_the_numbers_file_is_checked(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text(
        "entry_id,kind,number,source,notes\n"
        "EU3-ACETONE,ec,200-662-3,X,bad check digit\n"
        "NO-SUCH-ENTRY,ec,200-467-2,X,an entry this watchlist does not have: left out\n"
        "EU3-ACETONE,cas,67-64-1,X,unknown kind\n"
        "EU3-ACETONE,ec,200-662-2,X,fine\n"
        "EU3-TOLUENE,ec,200-662-2,X,given twice\n"
    )
    numbers, problems = read_regulatory_numbers(path, {"EU3-ACETONE", "EU3-TOLUENE"})
    assert list(numbers) == ["200-662-2"] and len(problems) == 3


def test_every_row_of_the_bundled_numbers_file_names_a_bundled_entry():
    from chemistry.watchlist import REGULATORY_NUMBERS_CSV

    rows = REGULATORY_NUMBERS_CSV.read_text(encoding="utf-8").splitlines()[1:]
    assert len(WL.regulatory_numbers) == len(rows) > 0
