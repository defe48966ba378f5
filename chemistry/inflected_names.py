"""Names declared in another grammatical case than the one a source prints.

The EU's inflected languages write a substance's name with a case ending wherever a sentence puts it: Czech
"prekursory drog: safrolu" (genitive of "safrol"), Lithuanian "raudonojo fosforo" (genitive of "raudonasis
fosforas"), Polish "kwasu fenylooctowego" (genitive of "kwas fenylooctowy"). The sources of names_eu.csv print
the name as a list or a sentence has it, mostly in the nominative; a declaration copies a phrase. This module
reads a name by the stems of its words: each word without one case ending of those languages (INFLECTION_ENDINGS),
so that two forms of one name have the same key (compute_stem_key), and indexes the watchlist's own names so
(index_names_by_stems). chemistry/resolve.py resolve_inflected_name reads a name nothing else resolved as the one
watchlist substance whose name has its key.

The endings are the common case endings of nouns and adjectives in Czech, Slovak, Polish, Lithuanian and
Latvian (the inflected Latin-script languages of names_eu.csv) with the accents folded, written from knowledge
of those languages' grammar, as the German spelling rules of chemistry/resolve.py are; no source lists them for
chemical names. A stem keeps at least MIN_STEM_CHARS letters (one fewer in a name of several words), so short words
and abbreviations stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from chemistry.identifiers import fold_accents

# Case endings of the singular, accents and spelling folded as the words are (Lithuanian -ą/-ų/-ė, Latvian -ā/-ū,
# Czech -ů/-é/-ý, Polish -ą/-ę become plain vowels, y becomes i), longest first so that "-ojo" goes before "-o".
# Nouns: -as -is -us (Lithuanian/Latvian nominative), -o -ui -u -a -e -i -s -am -om -em -ou -ie (genitive, dative,
# accusative, instrumental, locative); adjectives: -asis -ojo -osios -ajam -ego -emu -eho -ej -im. Not the longer
# endings of the dative and the plural (-ovi, -ych, -ami): they would cut a word's own letters ("fenylooctowy").
INFLECTION_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        {
            "asis", "osios", "ajam", "ojo", "iui", "ego", "emu", "eho", "as", "is", "us", "ui", "io", "ai", "am",
            "om", "em", "ou", "ie", "ej", "im", "a", "e", "i", "o", "u", "s",
        },
        key=lambda ending: (-len(ending), ending),
    )
)  # fmt: skip
# A stem keeps at least this many letters in a name of one word, and one fewer in a longer name, whose other words
# say which substance it is ("kwasu fenylooctowego", the genitive of "kwas fenylooctowy"; but "etery", ethers, is no
# form of "eter").
MIN_STEM_CHARS = 5
# How the Union's languages spell the same international name (INN) or chemical word differently, folded to one
# spelling before the endings come off: Greek ph, th and y as f, t and i ("Metilfenidat", "efedryna", "Dekstroamfetamin"
# are methylphenidate, ephedrine and dextroamphetamine), ks as x, k and ch as c ("kloro", "chloro", "cloro"), w as v.
# Written from the languages' spelling conventions (the INNs' own guidance on transliteration does the same).
_SPELLING_FOLDS: tuple[tuple[str, str], ...] = (
    ("ph", "f"), ("th", "t"), ("ch", "c"), ("ks", "x"), ("k", "c"), ("y", "i"), ("w", "v"),
)  # fmt: skip
MAX_STEM_WORDS = 8  # words of letters, digits and hyphens: a systematic name's locants count as words
# Brackets, signs and stereodescriptor prefixes: "(-)-Norephedrin", "(+)-norpseudoefedrina" (cathine, not the
# Category 1 norephedrine), "d-", "dl-", "rac-", "R-"/"S-" before a word.
# Locant brackets ("3-(1,3-benzodioxol-5-yl)") are no sign of either and are kept.
_STEREO_OR_SIGN_RE = re.compile(
    r"[+\u00b1]|\(\s*(?:-|[RSEZ]|rac|RS|SR|\d+[RSEZ](?:\s*,\s*\d+[RSEZ])*)\s*\)"
    r"|(?<![^\W\d_])(?:d|l|dl|rac|r|s|cis|trans|erythro|threo)-",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def compute_word_stem(word: str, min_stem_chars: int = MIN_STEM_CHARS) -> str:
    """``word`` (lower case, accents folded) without its longest case ending that leaves ``min_stem_chars`` letters;
    the word itself when none does ("safrolu" -> "safrol", "fosforo" -> "fosfor", "bmk" -> "bmk")."""
    for ending in INFLECTION_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem_chars:
            return word[: -len(ending)]
    return word


def fold_spelling(text: str) -> str:
    """``text`` (lower case) in one spelling of the letters the Union's languages write differently (_SPELLING_FOLDS:
    "metilfenidat" and "methylphenidate" -> "metilfenidat..."), as compute_stem_key compares names."""
    for written, folded in _SPELLING_FOLDS:
        text = text.replace(written, folded)
    return text


def compute_stem_key(name: str) -> tuple[str, ...] | None:
    """The stems of a name's words in order (compute_word_stem; words are letters and digits joined by hyphens),
    or None for a name of no word or of more than MAX_STEM_WORDS words."""
    if _STEREO_OR_SIGN_RE.search(name):
        return None  # which stereoisomer or salt is meant would be lost with the brackets and signs
    words = _WORD_RE.findall(fold_spelling(fold_accents(name).lower()))
    if not words or len(words) > MAX_STEM_WORDS:
        return None
    min_stem_chars = MIN_STEM_CHARS if len(words) == 1 else MIN_STEM_CHARS - 1
    return tuple(compute_word_stem(word, min_stem_chars) for word in words)


def index_names_by_stems(spellings: Mapping[str, str], keys: Iterable[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """{stem key: the name keys whose spelling has it} for the name keys ``keys`` (their spellings in
    ``spellings``): what resolve_inflected_name looks a declared name's stem key up in."""
    index: dict[tuple[str, ...], list[str]] = {}
    for key in keys:
        spelling = spellings.get(key)
        if spelling is None or (stem_key := compute_stem_key(spelling)) is None:
            continue
        index.setdefault(stem_key, []).append(key)
    return {stem_key: tuple(found) for stem_key, found in index.items()}
