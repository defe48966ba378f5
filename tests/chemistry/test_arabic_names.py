"""Names in Arabic script read by their consonants (chemistry/arabic_names.py, chemistry/resolve.py
resolve_arabic_script_name): the fiftieth held-out set's spellings, and what must not be read."""

import pytest

from chemistry.arabic_names import arabic_sounds, is_arabic_script_name, join_sounds, latin_sounds, words_fit
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
def test_an_arabic_loanword_fits_its_latin_name(arabic, latin):
    words, name = arabic_sounds(arabic), latin_sounds(latin)
    assert words_fit(words, name) or words_fit((join_sounds(words),), (join_sounds(name),))


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("الإيفيدرين", "EU1-EPHEDRINE"),
        ("سودوإفيدرين", "EU1-PSEUDOEPHEDRINE"),
        ("الفينيثلين", "DRUG-FENETYLLINE"),
        ("فِـنِـتیلین هیدروکلراید", "DRUG-FENETYLLINE"),  # with the salt word, diacritics and kashida
        ("آمفتامین", "DRUG-AMPHETAMINE"),
        ("برمنغنات البوتاسيوم", "EU2B-POTASSIUM-PERMANGANATE"),
        # Arabic words that are no loanwords: anhydride of vinegar, phosphorus red, acid of sulphur
        ("أنهيدريد الخل", "EU2A-ACETIC-ANHYDRIDE"),
        ("الفوسفور الأحمر", "EU2A-RED-PHOSPHORUS"),
        ("حمض الكبريتيك", "EU3-SULPHURIC-ACID"),
        # three consonants, every vowel between them written (the fiftieth held-out set's pch50063 and pch50066)
        ("أسيتون", "EU3-ACETONE"),
        ("التولوين", "EU3-TOLUENE"),
        # the Arabic word for sulfate after a base (the sixty-seventh held-out set's pch67014), as a salt word
        ("سودوإيفيدرين كبريتات", "EU1-PSEUDOEPHEDRINE"),
    ],
)
def test_a_name_in_arabic_script_is_read_as_the_one_substance_its_consonants_name(name, entry):
    found = read(name)
    assert found.std is not None and found.std.key == WL.by_id[entry].std.key
    assert "in Arabic script was read by its consonants" in found.source


def test_the_written_vowels_tell_apart_substances_whose_consonants_agree():
    # ephedrine and ephedrone (methcathinone) are both f-d-r-n; Arabic writes the i or the o
    assert read("إيفيدرين").std.key == WL.by_id["EU1-EPHEDRINE"].std.key
    assert read("إيفيدرون").std.key == WL.by_id["DRUG-METHCATHINONE"].std.key


@pytest.mark.parametrize(
    "name",
    [
        "استون",  # acetone without the vowel between s and t: three consonants, not every vowel written
        # three consonants: Arabic words that write two long vowels, and ones that write none (an abbreviation's)
        "زيتون",  # olive (z-t-n)
        "صابون",  # soap
        "كتان",  # linen (k-t-n, cathine's consonants: not its vowels)
        "دمت",  # d-m-t, DMT's consonants
        "لسد",  # l-s-d
        # review28: three consonants of a drug's name (only a scheduled precursor's is read so), or written with the
        # letters Arabic's own words have
        "كوكايين",  # cocaine
        "روناس",  # madder root (r-n-s, the Lithuanian "Heroinas")
        "ريناس",  # a given name
        "فيلون",  # Philo (ephylone's consonants)
        "ثيبين",  # thebaine's consonants
        "قاطين",  # q and the emphatic t
        "قوقين",
        "طازين",
        "طولون",  # Toulon
        "الكافيين",  # caffeine
        "الثيوفيلين",  # theophylline, captagon's other half
        "الباراسيتامول",  # paracetamol
        "أسيتوفينون",  # acetophenone
        "ميثيل بروبيوفينون",  # methylpropiophenone: no locant, so no isomer
        "Ephedrine",  # Latin letters: not this reading's
        # review27b: everyday loanwords whose consonants a listed name has, but not their written vowels or doubles
        "ايبوبروفين",  # ibuprofen (not brorphine)
        "بروفين",  # Brufen
        "بارافين",  # paraffin
        "برفان",  # perfume
        "فنتولين",  # Ventolin (not fenetylline)
        "بيتادين",  # Betadine (not pethidine)
        "ميثيلين",  # methylene (not methylone)
        "بورنيول",  # borneol (not piperonal)
        "بيريدين",  # pyridine (not piperidine)
        "بروبان",  # propane (not propanone)
    ],
)
def test_what_is_not_a_watchlist_substance_or_not_arabic_script_is_not_read(name):
    assert read(name) is UNRESOLVED


def test_only_names_in_arabic_script_are_read():
    assert is_arabic_script_name("إيفيدرين") and not is_arabic_script_name("إيفيدرين ephedrine")
    assert not is_arabic_script_name("إيفيدرين" * 20)  # longer than a name
    # marks that change no letter do not push a name over the bound (review27b)
    padded = "\u200f" * 100 + "إيفيدرين" + "\u0640" * 50
    assert is_arabic_script_name(padded) and read(padded).std.key == WL.by_id["EU1-EPHEDRINE"].std.key
