"""Names in Arabic script read by their consonants (chemistry/arabic_names.py, chemistry/resolve.py
resolve_arabic_script_name): the fiftieth held-out set's spellings, and what must not be read."""

import pytest

from chemistry.arabic_names import arabic_skeleton, final_vowel, is_arabic_script_name, latin_skeleton, skeleton_keys
from chemistry.resolve import Resolution, StructureCache, resolve_arabic_script_name
from tests.factories import bundled_watchlist

WL = bundled_watchlist()
UNRESOLVED = Resolution("unresolved", None)


def read(name: str) -> Resolution:
    return resolve_arabic_script_name(WL, StructureCache(), name, UNRESOLVED)


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("الإيفيدرين", "Ephedrine"),  # the article before it
        ("افدرین", "Ephedrine"),  # Persian
        ("البسويدو فيدرين", "Pseudoephedrine"),  # two words, the p written as b
        ("متامفتامین", "Methamphetamine"),
        ("برمنغنات البوتاسيوم", "Potassium permanganate"),  # the words in another order
        ("برمنجنات البوتاسيوم", "Potassium permanganate"),  # Egyptian ج for غ
        ("حمض الهيدروكلوريك", "Hydrochloric acid"),  # the Arabic word for acid
    ],
)
def test_an_arabic_loanword_has_the_consonants_of_its_latin_name(arabic, latin):
    assert set(skeleton_keys(arabic_skeleton(arabic))) & set(skeleton_keys(latin_skeleton(latin)))


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("الإيفيدرين", "EU1-EPHEDRINE"),
        ("سودوإفيدرين", "EU1-PSEUDOEPHEDRINE"),
        ("الفينثيالين", "DRUG-FENETYLLINE"),
        ("فِـنِـتیلین هیدروکلراید", "DRUG-FENETYLLINE"),  # with the salt word, diacritics and kashida
        ("آمفتامین", "DRUG-AMPHETAMINE"),
        ("برمنغنات البوتاسيوم", "EU2B-POTASSIUM-PERMANGANATE"),
        # Arabic words that are no loanwords: anhydride of vinegar, phosphorus red, acid of sulphur
        ("أنهيدريد الخل", "EU2A-ACETIC-ANHYDRIDE"),
        ("الفوسفور الأحمر", "EU2A-RED-PHOSPHORUS"),
        ("حمض الكبريتيك", "EU3-SULPHURIC-ACID"),
    ],
)
def test_a_name_in_arabic_script_is_read_as_the_one_substance_its_consonants_name(name, entry):
    found = read(name)
    assert found.std is not None and found.std.key == WL.by_id[entry].std.key
    assert "in Arabic script was read by its consonants" in found.source


def test_the_final_vowel_tells_apart_substances_whose_consonants_agree():
    # ephedrine and ephedrone (methcathinone) are both f-d-r-n
    assert final_vowel("Ephedrine") == "i" and final_vowel("ephedrone") == "o"
    assert read("إيفيدرين").std.key == WL.by_id["EU1-EPHEDRINE"].std.key
    assert read("إيفيدرون").std.key == WL.by_id["DRUG-METHCATHINONE"].std.key


@pytest.mark.parametrize(
    "name",
    [
        "أسيتون",  # acetone: s-t-n, too few consonants to tell from other words
        "الكافيين",  # caffeine
        "الثيوفيلين",  # theophylline, captagon's other half
        "الباراسيتامول",  # paracetamol
        "أسيتوفينون",  # acetophenone
        "ميثيل بروبيوفينون",  # methylpropiophenone: no locant, so no isomer
        "Ephedrine",  # Latin letters: not this reading's
    ],
)
def test_what_is_not_a_watchlist_substance_or_not_arabic_script_is_not_read(name):
    assert read(name) is UNRESOLVED


def test_only_names_in_arabic_script_are_read():
    assert is_arabic_script_name("إيفيدرين") and not is_arabic_script_name("إيفيدرين ephedrine")
    assert not is_arabic_script_name("إيفيدرين" * 20)  # longer than a name
