"""Names written in Arabic script, read by their consonants: a reading of a declared name near the end of the order
(chemistry/resolve.py LAST_RESORT_NAME_READINGS, "name in Arabic script, read by its consonants").

Traders on the Levant, Gulf and Mediterranean routes write the substances' international names in Arabic or Persian
letters (the fiftieth held-out set: `الإيفيدرين`, `سودوإفيدرين`, `ميثامفيتامين`, `متامفتامین`, `برمنغنات البوتاسيوم`).
No source the project can read gives the watchlist's names in Arabic script (docs/identification.md), so these names
are not in the lexicon. What they are is a loanword: the name's sounds spelt with Arabic letters, where the short vowels
are not written, `p` becomes `b`, `ph` and `v` become `f`, and `ال` (the article) may stand before it. Two spellings
of one loanword therefore share their consonants: the name is transliterated letter by letter
([anyascii](https://github.com/anyascii/anyascii), the table already used for other scripts) and reduced to a
consonant skeleton, and the watchlist's own names in Latin letters are reduced the same way (``latin_skeleton``). A
name is read as an entry only when its words' skeletons are exactly those of one watchlist substance's name, in any
order (Arabic puts "potassium" after "permanganate"), and hold at least ``MIN_SKELETON_CONSONANTS`` consonants: short
skeletons are shared by too many words (`أسيتون`, acetone, is `s t n`, and is not read).

The skeleton rules are ours, written from the letters' usual values in loanwords; they are a reading of sounds, not a
transliteration standard, and the source of a name read so says that it was read by its consonants.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

from chemistry.identifiers import fold_accents

MAX_ARABIC_NAME_CHARS = 80  # a longer field is a description, not a name
MIN_SKELETON_CONSONANTS = 4  # all words together
_ARABIC_LETTER_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
# The article before a word (ال, with the hamza forms of its alif), taken off before the word is transliterated.
_ARTICLE_RE = re.compile(r"^\u0627\u0644(?=\S{3,})")
# What the letter-by-letter transliteration writes, folded to the sounds both scripts share: digraphs first.
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("dh", "d"), ("ch", "k"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("zh", "z"))
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_LETTERS = str.maketrans({"c": "k", "q": "k", "p": "b", "v": "f", "j": "g", "x": "k"})
_WEAK_RE = re.compile(r"[aeiouywh']")  # vowels, the letters Arabic writes long vowels with, and h
_REPEAT_RE = re.compile(r"(.)\1+")


def is_arabic_script_name(text: str) -> bool:
    """Whether a declared name is written in Arabic script: Arabic letters and no Latin letters, short enough to be
    a name."""
    return (
        len(text) <= MAX_ARABIC_NAME_CHARS
        and _ARABIC_LETTER_RE.search(text) is not None
        and _LATIN_LETTER_RE.search(text) is None
    )


def skeleton_of(word: str) -> str:
    """The consonant skeleton of a word in Latin letters: lower case, the digraphs and letters both scripts write
    alike folded (``_DIGRAPHS``, soft c as s, p as b, v as f, j as g), vowels, y, w and h dropped, doubled letters
    written once; digits kept ("methamphetamine" -> "mtmftmn", "Fenetylline" -> "fntln")."""
    word = fold_accents(word).lower()
    word = re.sub(r"^ps", "s", word)  # the silent p of "pseudo-", which Arabic does not write
    for digraph, sound in _DIGRAPHS:
        word = word.replace(digraph, sound)
    word = _SOFT_C_RE.sub("s", word).translate(_LETTERS)
    word = re.sub(r"^bs", "s", word)  # the same p written as b ("البسويدو")
    word = _WEAK_RE.sub("", re.sub(r"[^a-z0-9']", "", word))
    return _REPEAT_RE.sub(r"\1", word)


def latin_skeleton(name: str) -> tuple[str, ...]:
    """The skeletons of a name's words in Latin letters, in order, empty words left out ("Potassium permanganate" ->
    ("btsm", "brmngnt"))."""
    return tuple(s for s in (skeleton_of(w) for w in re.split(r"[\s\-]+", name)) if s)


# Arabic words of chemical names that are no loanwords, with the English word they stand for (common words, written
# from knowledge; looked up without the article): acid (حمض الهيدروكلوريك, hydrochloric acid), vinegar and its
# adjective for acetic (أنهيدريد الخل, acetic anhydride), the adjective of sulphur (kibrit) for sulphuric (حمض
# الكبريتيك), and red (الفوسفور الأحمر, red phosphorus).
ARABIC_WORDS = {
    "\u062d\u0645\u0636": "acid",
    "\u062e\u0644": "acetic",
    "\u062e\u0644\u064a\u0643": "acetic",
    "\u0643\u0628\u0631\u064a\u062a\u064a\u0643": "sulfuric",
    "\u0623\u062d\u0645\u0631": "red",
    "\u0627\u062d\u0645\u0631": "red",
}
# The skeletons of salt words after a base, set aside when the whole name is not found ("هیدروکلراید", hydrochloride).
SALT_WORD_SKELETONS = frozenset(skeleton_of(w) for w in ("hydrochloride", "hydrochlorid", "sulfate", "sulphate"))


def arabic_skeleton(name: str) -> tuple[str, ...]:
    """The skeletons of a name's words in Arabic script, each word's article taken off and the word transliterated
    letter by letter (anyascii), or read as the English word it stands for (ARABIC_WORDS) ("برمنغنات البوتاسيوم" ->
    ("brmngnt", "btsm"))."""
    words = [w for w in re.split(r"[\s\-\u060c]+", name.strip()) if w]
    # a word of ARABIC_WORDS with its article whatever its length ("الخل"); a loanword's only before three letters
    words = [w[2:] if w.startswith("\u0627\u0644") and w[2:] in ARABIC_WORDS else _ARTICLE_RE.sub("", w) for w in words]
    return tuple(s for s in (skeleton_of(ARABIC_WORDS.get(w) or anyascii(w)) for w in words) if s)


def skeleton_key(skeleton: Iterable[str]) -> tuple[str, ...] | None:
    """The order-free key of a name's skeleton, or None when it holds fewer than MIN_SKELETON_CONSONANTS consonants
    (digits are not consonants) or a word of one letter only."""
    words = tuple(sorted(skeleton))
    consonants = sum(1 for w in words for c in w if c.isalpha())
    if consonants < MIN_SKELETON_CONSONANTS or any(len(w) < 2 and not w.isdigit() for w in words):
        return None
    return words


def skeleton_keys(skeleton: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The keys a name's skeleton is looked up by: its words in any order, then its words written as one (a name
    Arabic writes in two words, "البسويدو فيدرين", and Latin in one), each when long enough (skeleton_key)."""
    keys = [skeleton_key(skeleton), skeleton_key(("".join(skeleton),))]  # locants kept: they say which isomer
    return [key for key in dict.fromkeys(keys) if key is not None]


_FINAL_VOWEL_RE = re.compile(r"([aeiouyw]+)[^aeiouywh'0-9]+[aeh]?$")
_VOWEL_CLASSES = str.maketrans({"e": "i", "y": "i", "u": "o", "w": "o"})


def final_vowel(word: str) -> str:
    """The class of the vowel before a word's last consonant ('i' for i, e, y; 'o' for o, u, w; 'a'), as Arabic writes
    a loanword's long final vowel with ي or و ("Ephedrine" and "إيفيدرين" have 'i', "ephedrone" 'o'); '' when none is
    written. Tells apart substances whose consonants agree."""
    word = re.sub(r"[^a-z0-9']", "", fold_accents(word).lower())
    found = _FINAL_VOWEL_RE.search(word)
    return found[1][-1].translate(_VOWEL_CLASSES) if found else ""


def arabic_final_vowel(name: str) -> str:
    """final_vowel of a name in Arabic script's first word that is not a salt word, as transliterated (the base's
    name comes first: "فِـنِـتیلین هیدروکلراید")."""
    words = [w for w in re.split(r"[\s\-\u060c]+", name.strip()) if w]
    bases = [w for w in words if skeleton_of(anyascii(_ARTICLE_RE.sub("", w))) not in SALT_WORD_SKELETONS]
    return final_vowel(anyascii(_ARTICLE_RE.sub("", bases[-1]))) if bases else ""
