"""Names written in Arabic script, read by their consonants: a reading of a declared name near the end of the order
(chemistry/resolve.py LAST_RESORT_NAME_READINGS, "name in Arabic script, read by its consonants").

Traders on the Levant, Gulf and Mediterranean routes write the substances' international names in Arabic or Persian
letters (the fiftieth held-out set: `الإيفيدرين`, `سودوإفيدرين`, `ميثامفيتامين`, `متامفتامین`, `برمنغنات البوتاسيوم`).
No source the project can read gives the watchlist's names in Arabic script (docs/identification.md), so these names
are not in the lexicon. What they are is a loanword: the name's sounds spelt with Arabic letters, where the short vowels
are not written, `p` becomes `b`, `ph` and `v` become `f`, and `ال` (the article) may stand before it; the long vowels
are written, `ي` for i or e, `و` for o or u, `ا` for a. Two spellings of one loanword therefore share their consonants,
and every vowel the Arabic writes is one the Latin name has in the same place. The name is transliterated letter by letter
([anyascii](https://github.com/anyascii/anyascii), the table already used for other scripts) and read as its
consonants and, between them, the classes of the vowels written (``sounds_of``); the watchlist's own names in Latin
letters are read the same way. A name is read as an entry only when its words have the consonants of one watchlist
substance's name, in any order (Arabic puts "potassium" after "permanganate") or as one word, every vowel it writes is
one the Latin name has between the same consonants (``written_vowels_fit``: `فنتولين`, Ventolin, has the consonants of
fenetylline but an o where fenetylline has a y), and the consonants number at least ``MIN_SKELETON_CONSONANTS``: short
skeletons are shared by too many words (`أسيتون`, acetone, is `s t n`, and is not read). Only a letter Latin writes
twice in a row is read once (`ll`, `ss`): consonants with a vowel between stay two (ibuprofen's `b-b` is not
brorphine's `r-r`; review27b).

The skeleton rules are ours, written from the letters' usual values in loanwords; they are a reading of sounds, not a
transliteration standard, and the source of a name read so says that it was read by its consonants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

from chemistry.identifiers import fold_accents

MAX_ARABIC_NAME_CHARS = 80  # a longer field, once the marks below are taken out, is a description, not a name
MAX_ARABIC_FIELD_CHARS = 400  # the field as declared, marks included: the bound on the work
MIN_SKELETON_CONSONANTS = 4  # all words together, digits not counted
# A word of one consonant fewer is read only when it writes a long vowel wherever the Latin name has a vowel between
# its consonants (writes_every_vowel: "أسيتون", "التولوين": the fiftieth held-out set's acetone and toluene). Arabic's
# own words of three consonants rarely do (a triliteral root writes one long vowel or none), and those that write two
# ("زيتون", olive; "صابون", soap) must still have the consonants and the vowels' places of a listed name.
MIN_FULLY_WRITTEN_CONSONANTS = 3
_ARABIC_LETTER_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
# What does not change an Arabic word: the vowel and doubling marks (harakat, shadda, the dagger alif), the stretching
# stroke (tatweel) and the direction marks and isolates of bidirectional text (review27b: padding with them had pushed a
# name over the length bound).
_ARABIC_MARKS_RE = re.compile(r"[\u064b-\u065f\u0670\u0640\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# The article before a word (ال), taken off before the word is transliterated.
_ARTICLE_RE = re.compile(r"^\u0627\u0644(?=\S{3,})")
# What the letter-by-letter transliteration writes, folded to the sounds both scripts share: digraphs first.
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("dh", "d"), ("ch", "k"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("zh", "z"))
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_LETTERS = str.maketrans({"c": "k", "q": "k", "p": "b", "v": "f", "j": "g", "x": "k"})
# The vowels, and the letters Arabic writes long vowels with, by class: a; e, i, y (ي); o, u, w (و).
_VOWEL_CLASS = {"a": "a", "e": "i", "i": "i", "y": "i", "o": "o", "u": "o", "w": "o"}
_SILENT = frozenset("h'")  # h, and the hamza and ain anyascii writes as an apostrophe

Sounds = tuple[str, tuple[frozenset[str], ...]]  # (consonants, the vowel classes before, between and after them)


def clean_arabic(text: str) -> str:
    """An Arabic-script text without its vowel marks, stretching strokes and direction marks (_ARABIC_MARKS_RE)."""
    return _ARABIC_MARKS_RE.sub("", text)


def is_arabic_script_name(text: str) -> bool:
    """Whether a declared name is written in Arabic script: Arabic letters and no Latin letters, short enough to be
    a name once its marks are taken out."""
    if len(text) > MAX_ARABIC_FIELD_CHARS:
        return False
    text = clean_arabic(text)
    return (
        len(text) <= MAX_ARABIC_NAME_CHARS
        and _ARABIC_LETTER_RE.search(text) is not None
        and _LATIN_LETTER_RE.search(text) is None
    )


def sounds_of(word: str) -> Sounds:
    """A word in Latin letters (or transliterated) read as its consonants and, before, between and after them, the
    classes of the vowels written: lower case, the digraphs and letters both scripts write alike folded
    (``_DIGRAPHS``, soft c as s, p as b, v as f, j as g), h and apostrophes silent, a letter written twice in a row
    read once; digits are consonants ("Fenetylline" -> ("fntln", ({}, {i}, {i}, {i}, {i}, {i}))."""
    word = fold_accents(word).lower()
    word = re.sub(r"^ps", "s", word)  # the silent p of "pseudo-", which Arabic does not write
    for digraph, sound in _DIGRAPHS:
        word = word.replace(digraph, sound)
    word = _SOFT_C_RE.sub("s", word).translate(_LETTERS)
    word = re.sub(r"^bs", "s", word)  # the same p written as b ("البسويدو")
    word = re.sub(r"[^a-z0-9']", "", word)
    consonants: list[str] = []
    slots: list[set[str]] = [set()]
    previous = ""
    for char in word:
        if char in _SILENT:
            continue
        if char in _VOWEL_CLASS:
            slots[-1].add(_VOWEL_CLASS[char])
        elif not (char == previous and not slots[-1]):  # "ll", "ss": one sound
            consonants.append(char)
            slots.append(set())
        previous = char if char not in _VOWEL_CLASS else ""
    return "".join(consonants), tuple(frozenset(slot) for slot in slots)


def skeleton_of(word: str) -> str:
    """The consonants of a word (sounds_of) ("methamphetamine" -> "mtmftmn")."""
    return sounds_of(word)[0]


def join_sounds(words: Iterable[Sounds]) -> Sounds:
    """Words read as one: their consonants in order, the vowels at each join those of both sides."""
    consonants, slots = "", (frozenset(),)
    for word_consonants, word_slots in words:
        consonants += word_consonants
        slots = (*slots[:-1], slots[-1] | word_slots[0], *word_slots[1:])
    return consonants, slots


def written_vowels_fit(arabic: Sounds, latin: Sounds) -> bool:
    """Whether an Arabic word's sounds fit a Latin name's: the same consonants, and every vowel the Arabic writes one
    the Latin has in the same place (Arabic leaves short vowels unwritten, so the Latin may have more)."""
    return arabic[0] == latin[0] and all(a <= b for a, b in zip(arabic[1], latin[1], strict=True))


def latin_sounds(name: str) -> tuple[Sounds, ...]:
    """The sounds of a name's words in Latin letters, in order, empty words left out."""
    return tuple(s for s in (sounds_of(w) for w in re.split(r"[\s\-]+", name)) if s[0])


def latin_skeleton(name: str) -> tuple[str, ...]:
    """The consonants of a name's words in Latin letters ("Potassium permanganate" -> ("btsm", "brmngnt"))."""
    return tuple(s[0] for s in latin_sounds(name))


# Arabic words of chemical names that are no loanwords, with the English word they stand for (common words, written
# from knowledge; looked up without the article): acid (حمض الهيدروكلوريك, hydrochloric acid), vinegar and its
# adjective for acetic (أنهيدريد الخل, acetic anhydride), the adjective of sulphur (kibrit) for sulphuric (حمض
# الكبريتيك), and red (الفوسفور الأحمر, red phosphorus).
ARABIC_WORDS = {
    "\u062d\u0645\u0636": "acid",
    "\u062e\u0644": "acetic",
    "\u062e\u0644\u064a\u0643": "acetic",
    "\u0643\u0628\u0631\u064a\u062a\u064a\u0643": "sulfuric",
    # sulfate, the Arabic word (kibritat) after a base's name ("سودوإيفيدرين كبريتات", the sixty-seventh held-out set's
    # pch67014), read as the salt word it is (SALT_WORD_SKELETONS)
    "\u0643\u0628\u0631\u064a\u062a\u0627\u062a": "sulfate",
    "\u0623\u062d\u0645\u0631": "red",
    "\u0627\u062d\u0645\u0631": "red",
    # phosphorus, a loanword through French "phosphore" without the Latin ending
    "\u0641\u0648\u0633\u0641\u0648\u0631": "phosphorus",
}
# The alif: inside a word it writes a long a, which anyascii leaves out; at a word's start it only carries the vowel,
# which the hamza below it (إ) says is i or e, and above it (أ) or plain (ا) says nothing sure (Persian writes e so).
_MEDIAL_ALIF_RE = re.compile(r"(?<=\S)[\u0627\u0622]")
_INITIAL_ALIF_RE = re.compile(r"^[\u0627\u0623]")
_ALIF_FORMS = str.maketrans({"\u0625": "i", "\u0622": "a", "\u0649": "a", "\u0623": "a"})
# The consonants of salt words after a base, set aside when the whole name is not found ("هیدروکلراید", hydrochloride).
SALT_WORD_SKELETONS = frozenset(skeleton_of(w) for w in ("hydrochloride", "hydrochlorid", "sulfate", "sulphate", "citrate"))


def arabic_sounds(name: str) -> tuple[Sounds, ...]:
    """The sounds of a name's words in Arabic script, its marks taken out, each word's article taken off and the word
    transliterated letter by letter (anyascii), or read as the English word it stands for (ARABIC_WORDS)."""
    words = [w for w in re.split(r"[\s\-\u060c]+", clean_arabic(name).strip()) if w]
    # a word of ARABIC_WORDS with its article whatever its length ("الخل"); a loanword's only before three letters
    words = [w[2:] if w.startswith("\u0627\u0644") and w[2:] in ARABIC_WORDS else _ARTICLE_RE.sub("", w) for w in words]
    return tuple(s for s in (sounds_of(ARABIC_WORDS.get(w) or _transliterate(w)) for w in words) if s[0])


def _transliterate(word: str) -> str:
    """A word in Arabic script in Latin letters (anyascii), the alif's vowel written where it is sure (_ALIF_FORMS)."""
    word = _MEDIAL_ALIF_RE.sub("a", _INITIAL_ALIF_RE.sub("", word))
    return anyascii(word.translate(_ALIF_FORMS))


def arabic_skeleton(name: str) -> tuple[str, ...]:
    """The consonants of a name's words in Arabic script ("برمنغنات البوتاسيوم" -> ("brmngnt", "btsm"))."""
    return tuple(s[0] for s in arabic_sounds(name))


def enough_consonants(words: Iterable[Sounds], at_least: int = MIN_SKELETON_CONSONANTS) -> bool:
    """Whether a name's words hold at least ``at_least`` consonants (digits not counted), no word of one letter
    only."""
    words = list(words)
    consonants = sum(1 for w in words for c in w[0] if c.isalpha())
    return consonants >= at_least and not any(len(w[0]) < 2 and not w[0].isdigit() for w in words)


# Letters Arabic writes its own words with and loanwords seldom do: the emphatics ط ص ض ظ, ق, and the pharyngeals ع ح.
_NATIVE_LETTERS_RE = re.compile(r"[\u0637\u0635\u0636\u0638\u0642\u0639\u062d]")


def writes_native_letters(name: str) -> bool:
    """Whether a name in Arabic script has a letter Arabic writes its own words with and chemicals' loanwords seldom
    do (_NATIVE_LETTERS_RE: "طولون", Toulon, not toluene's "تولوين")."""
    return _NATIVE_LETTERS_RE.search(name) is not None


def writes_every_vowel(arabic: Sounds, latin: Sounds) -> bool:
    """Whether the Latin word has a vowel between each two of its consonants and the Arabic word writes every one of
    them (the places before the first consonant and after the last are not counted: Arabic writes neither the a of
    "acetone" nor its final e). An abbreviation ("DMT", "LSD") has none: the consonants of many Arabic words."""
    inner = latin[1][1:-1]
    return all(inner) and all(arabic[1][1:-1])


def words_key(words: Iterable[Sounds]) -> tuple[str, ...]:
    """The order-free key of a name's words: their consonants, sorted."""
    return tuple(sorted(w[0] for w in words))


def words_fit(arabic: tuple[Sounds, ...], latin: tuple[Sounds, ...]) -> bool:
    """Whether each Arabic word fits a different Latin word of the name (written_vowels_fit), in any order."""
    unused = list(latin)
    for word in arabic:
        match = next((i for i, candidate in enumerate(unused) if written_vowels_fit(word, candidate)), None)
        if match is None:
            return False
        unused.pop(match)
    return not unused
