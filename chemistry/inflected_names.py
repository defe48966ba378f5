"""Names declared in another grammatical case, or in another language's letters, than a source prints.

The EU's inflected languages write a substance's name with a case ending wherever a sentence puts it: Czech
"prekursory drog: safrolu" (genitive of "safrol"), Lithuanian "raudonojo fosforo" (genitive of "raudonasis
fosforas"), Polish "kwasu fenylooctowego" (genitive of "kwas fenylooctowy"). The sources of names_eu.csv print
the name as a list or a sentence has it, mostly in the nominative; a declaration copies a phrase. Two keys read
a name otherwise than as written, and chemistry/resolve.py resolve_inflected_name reads a name nothing else resolved
as the one watchlist entry whose names have one of its keys:

- the stems of its words (compute_stem_key): each word without one case ending of those languages
  (INFLECTION_ENDINGS), compared only with the watchlist's names in those languages (INFLECTED_LANGUAGES), since an
  ending is grammar only in the language it belongs to (review28: with English and drug names stemmed too, "Hexene"
  was the street name "hexen" and "Oxazol" oxazolam without its "-am");
- its letters in one spelling (compute_spelling_key): the letters the Union's languages write differently for one
  international name folded (_SPELLING_FOLDS: "Metilfenidat" is methylphenidate), compared with every watchlist name,
  the final e that German, Nordic and Slavic spellings of an INN drop put back, and no ending taken off.

The endings and the folds are written from knowledge of those languages' grammar and spelling, as the German spelling
rules of chemistry/resolve.py are; no source lists them for chemical names. A stem keeps at least MIN_STEM_CHARS
letters in a name of one word (one fewer in a longer name), so short words and abbreviations stay as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from chemistry.identifiers import fold_accents

# The Latin-script languages of names_eu.csv whose nouns and adjectives take case endings: Czech, Slovak, Polish,
# Lithuanian, Latvian, Slovene and Croatian.
INFLECTED_LANGUAGES = frozenset({"cs", "sk", "pl", "lt", "lv", "sl", "hr"})
# Case endings of the singular in those languages, accents and spelling folded as the words are (Lithuanian
# -ą/-ų/-ė, Latvian -ā/-ū, Czech -ů/-é/-ý, Polish -ą/-ę become plain vowels, y becomes i), longest first so that
# "-ojo" goes before "-o": -as -is -us (Lithuanian and Latvian nominatives), -o -ui -u -a -e -i -s -ou -ie -io -ai
# (other cases of nouns), -asis -ojo -osios -ajam -ego -emu -eho -ej (adjectives). Not -am -em -om -im, which end
# drugs' names ("oxazolam": review28), nor the dative's and the plural's longer endings (-ovi, -ych, -ami), which would
# cut a word's own letters ("fenylooctowy").
INFLECTION_ENDINGS: tuple[str, ...] = tuple(
    sorted(
        {
            "asis", "osios", "ajam", "ojo", "iui", "ego", "emu", "eho", "as", "is", "us", "ui", "io", "ai", "ou",
            "ie", "ej", "a", "e", "i", "o", "u", "s",
        },
        key=lambda ending: (-len(ending), ending),
    )
)  # fmt: skip
# A stem keeps at least this many letters in a name of one word, and two fewer in a longer name, whose other words
# say which substance it is ("kwasu fenylooctowego", the genitive of "kwas fenylooctowy"; but "Catino", an Italian
# basin, is no form of the Polish "katyna", cathine, and "etery", ethers, none of "eter").
MIN_STEM_CHARS = 6
MAX_STEM_WORDS = 8  # words of letters, digits and hyphens: a systematic name's locants count as words
# The shortest spelling key read (compute_spelling_key): shorter names are too often other words.
MIN_SPELLING_KEY_CHARS = 6
# How the Union's languages spell the same international name (INN) or chemical word differently, folded to one
# spelling: Greek ph, th and y as f, t and i ("Metilfenidat", "efedryna" are methylphenidate and ephedrine), ks as x
# ("Deksamfetamin"), k and ch as c ("kloro", "chloro", "cloro"), w as v, and qu as the kw and kv of Polish and Czech
# ("Metakwalon", "Metakvalon": methaqualone; the sixty-fourth held-out set's pdh64022), and the Dutch -aat of a salt or
# ester as -ate ("PMK-glycidaat", "sulfaat": the sixty-fifth set's pch65012).
_SPELLING_FOLDS: tuple[tuple[str, str], ...] = (
    ("qu", "cv"), ("ph", "f"), ("th", "t"), ("ch", "c"), ("ks", "x"), ("k", "c"), ("y", "i"), ("w", "v"), ("aat", "ate"),
)  # fmt: skip
# Signs and stereodescriptors: "(-)-Norephedrin", "(+)-norpseudoefedrina" (cathine, not the Category 1 norephedrine),
# "(1R,2S)-", "d-", "dl-", "rac-", "R-"/"S-" before a word. Locant brackets ("3-(1,3-benzodioxol-5-yl)") are neither.
_STEREO_OR_SIGN_RE = re.compile(
    r"[+\u00b1]|\(\s*(?:-|[RSEZ]|rac|RS|SR|\d+(?:RS|SR|[RSEZ])(?:\s*,\s*\d+(?:RS|SR|[RSEZ]))*)\s*\)"
    r"|(?<![^\W\d_])(?:d|l|dl|rac|r|s|cis|trans|erythro|threo|erytro|treo)-",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_NOT_LETTER_OR_DIGIT_RE = re.compile(r"[\W_]+")


def fold_spelling(text: str) -> str:
    """``text`` (lower case) in one spelling of the letters the Union's languages write differently (_SPELLING_FOLDS:
    "metilfenidat" and "methylphenidate" -> "metilfenidat..."), as names are compared here."""
    for written, folded in _SPELLING_FOLDS:
        text = text.replace(written, folded)
    return text


def compute_word_stem(word: str, min_stem_chars: int = MIN_STEM_CHARS) -> str:
    """``word`` (lower case, accents folded) without its longest case ending that leaves ``min_stem_chars`` letters;
    the word itself when none does ("safrolu" -> "safrol", "fosforo" -> "fosfor", "bmk" -> "bmk")."""
    for ending in INFLECTION_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem_chars:
            return word[: -len(ending)]
    return word


def compute_stem_key(name: str) -> tuple[str, ...] | None:
    """The stems of a name's words in order (compute_word_stem, the spelling folded; words are letters and digits
    joined by hyphens), or None for a name of no word or more than MAX_STEM_WORDS words, or with a sign or
    stereodescriptor (which stereoisomer or salt is meant would be lost)."""
    if _STEREO_OR_SIGN_RE.search(name):
        return None
    words = _WORD_RE.findall(fold_spelling(fold_accents(name).lower()))
    if not words or len(words) > MAX_STEM_WORDS:
        return None
    min_stem_chars = MIN_STEM_CHARS if len(words) == 1 else MIN_STEM_CHARS - 2
    return tuple(compute_word_stem(word, min_stem_chars) for word in words)


def compute_spelling_key(name: str) -> str | None:
    """A name's letters and digits in one spelling (fold_spelling), or None when it is shorter than
    MIN_SPELLING_KEY_CHARS or has a sign or stereodescriptor ("Metilfenidat" -> "metilfenidat")."""
    if _STEREO_OR_SIGN_RE.search(name):
        return None
    key = _NOT_LETTER_OR_DIGIT_RE.sub("", fold_spelling(fold_accents(name).lower()))
    return key if len(key) >= MIN_SPELLING_KEY_CHARS else None


def index_names_by_stems(spellings: Mapping[str, str], keys: Iterable[str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """{stem key: the name keys whose spelling has it} for the name keys ``keys`` (their spellings in
    ``spellings``; the caller gives those of INFLECTED_LANGUAGES only)."""
    return _index(spellings, keys, compute_stem_key)


def index_names_by_spelling(spellings: Mapping[str, str], keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """{spelling key: the name keys whose spelling has it} for the name keys ``keys`` (their spellings in
    ``spellings``)."""
    return _index(spellings, keys, compute_spelling_key)


def _index(spellings: Mapping[str, str], keys: Iterable[str], compute) -> dict:
    index: dict = {}
    for key in keys:
        spelling = spellings.get(key)
        if spelling is None or (computed := compute(spelling)) is None:
            continue
        index.setdefault(computed, []).append(key)
    return {computed: tuple(found) for computed, found in index.items()}
