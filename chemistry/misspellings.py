"""Names typed with one typing error: the last reading but one of a declared name (chemistry/resolve.py
LAST_RESORT_NAME_READINGS, "misspelling").

Blind held-out sets kept missing names typed with one error (`Acetic anhydryde`, `Pseudoefedrine`,
`Piperonl`). A name key (normalised as every other reading normalises it: case, spaces, punctuation,
accents in the keys that fold them) one edit away from a name the lexicon knows -- an insertion, a
deletion, a substitution or two neighbouring letters swapped (Damerau-Levenshtein distance 1) -- is a
candidate. Who decides whether it is read so is chemistry/resolve.py resolve_misspelt_name, with the guards
for precision; this module only finds the names one edit away.

The distance is rapidfuzz's (a maintained C++ implementation with Python wheels; its Damerau-Levenshtein
at distance 1 counts a swap of two neighbouring letters as one edit, as a typist makes it): writing our
own would be one more thing to test, and its process.extract compares a key with a bucket of names in one
call. Names are bucketed by length, since a name one edit away is at most one character longer or
shorter: a key is compared with the three buckets around its length only, never with every name.

In the identifier database (some 700,000 name keys, too many to hold in each worker's memory) the names
one edit away are found the other way round: every spelling one edit from the key is generated
(iter_one_edit_spellings, about 75 per character) and looked up by its index.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from chemistry.identifiers import fold_accents, normalise_name, spell_without_umlauts

# A key shorter than this is not read as a misspelling: short names sit one edit from many others
# ("efedrin" and "efedron" name different substances; "toluen", "aceton"), and a short word in a
# description is more likely another word than a mistyped chemical name.
MIN_MISSPELT_KEY_CHARS = 8
MAX_EDITS = 1
# The characters a database name key is made of, nearly all (the keys hold a few others, each in fewer
# than 0.5 % of them); a key's own characters are added to these when its neighbours are spelled out.
_KEY_ALPHABET = string.ascii_lowercase + string.digits


def index_names_by_length(keys: Iterable[str]) -> dict[int, tuple[str, ...]]:
    """Name keys by their length, each bucket in the keys' order (the first ranks first)."""
    buckets: dict[int, list[str]] = {}
    for key in keys:
        buckets.setdefault(len(key), []).append(key)
    return {length: tuple(bucket) for length, bucket in buckets.items()}


def find_one_edit_names(key: str, by_length: dict[int, tuple[str, ...]]) -> list[str]:
    """The indexed names (index_names_by_length) exactly one edit from ``key`` (not the key itself), in
    their index order within each length, shorter lengths first."""
    choices = [name for length in (len(key) - 1, len(key), len(key) + 1) for name in by_length.get(length, ())]
    found = process.extract(key, choices, scorer=DamerauLevenshtein.distance, score_cutoff=MAX_EDITS, limit=None)
    return [name for name, distance, _ in sorted(found, key=lambda hit: hit[2]) if distance == MAX_EDITS]


def edits_a_digit(key: str, other: str) -> bool:
    """Whether the edit that turns ``key`` into ``other`` (one edit apart) inserts, deletes, replaces or
    moves a digit: a locant or a count ("2,5-" and "3,5-dimethoxy..." name different isomers), never a
    typing error this reading may guess."""
    prefix = 0
    while prefix < min(len(key), len(other)) and key[prefix] == other[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(key), len(other)) - prefix and key[len(key) - 1 - suffix] == other[len(other) - 1 - suffix]:
        suffix += 1
    changed = key[prefix : len(key) - suffix] + other[prefix : len(other) - suffix]
    return any(c.isdigit() for c in changed)


def edits_a_homologue(key: str, other: str) -> bool:
    """Whether the edit that turns ``key`` into ``other`` (one edit apart) inserts or deletes an "m" just
    before "et"/"ét": "methyl" and "ethyl" ("metyl"/"etyl", "metil"/"etil", "méthyl"/"éthyl") name
    homologues, not one substance mistyped -- dimethyl ether ("éther diméthylique", "eter dimetylowy") is
    not diethyl ether, etamfetamine is not metamfetamine."""
    if abs(len(key) - len(other)) != 1:
        return False
    longer, shorter = (key, other) if len(key) > len(other) else (other, key)
    prefix = 0
    while prefix < len(shorter) and longer[prefix] == shorter[prefix]:
        prefix += 1
    # The inserted letter may sit anywhere in a run of equal letters; every place it could sit is tried.
    start = prefix
    while start > 0 and longer[start - 1] == longer[prefix]:
        start -= 1
    for at in range(start, prefix + 1):
        if (
            longer[at] == "m"
            and longer[:at] + longer[at + 1 :] == shorter
            and longer.startswith(("et", "ét"), at + 1)
            and not shorter[:at].endswith("m")  # "mmethyl" is "methyl" with its "m" doubled
        ):
            return True
    return False


def edits_the_first_letter(key: str, other: str) -> bool:
    """Whether the edit that turns ``key`` into ``other`` (one edit apart) inserts, deletes, replaces or
    moves the first letter of the name: drug names that differ there are other drugs, not a typist's
    slip ("iclazepam" is a benzodiazepine of its own, not "diclazepam" mistyped: review, nineteenth
    session), while the slips the blind sets found fall inside a name ("Pseudoefedrine", "Piperonl")."""
    return bool(key) and bool(other) and key[0] != other[0]


# A word the edit falls in that is shorter than this, or written in capitals and at most
# MAX_ABBREVIATION_CHARS long, is an abbreviation or a short word, not a name a letter of which may be guessed:
# one letter turns an abbreviation into another (BMK and PMK glycidate are different Category 1 substances,
# GBL and GHB, MDA and MDEA), and the eleventh held-out set's 'BMK glycidate', a name the watchlist does not
# have, was read as 'PMK glycidate' before this rule.
MIN_EDITED_WORD_CHARS = 4
MAX_ABBREVIATION_CHARS = 6
_WORD_RE = re.compile(r"[^\W_]+")


def split_key_into_words(text: str, key: str) -> list[tuple[int, int, str]] | None:
    """The spans of ``key`` (a name key of ``text`` or of a piece of it) that the words of ``text`` give, each
    (start, end, the word as written), in order; words the key left out (a purity, a grade) are skipped.
    None when the key is not the words' keys run together (as written, without accents, or with umlauts
    spelled out)."""
    variants = (text, fold_accents(text), spell_without_umlauts(text), fold_accents(spell_without_umlauts(text)))
    for variant in dict.fromkeys(variants):
        spans = []
        at = 0
        for word in _WORD_RE.findall(variant):
            word_key = normalise_name(word)
            if word_key and key.startswith(word_key, at):
                spans.append((at, at + len(word_key), word))
                at += len(word_key)
        if spans and at == len(key):
            return spans
    return None


def edits_an_abbreviation(typed: str, key: str, listed: str, other: str) -> bool:
    """Whether the edit that turns ``key`` (a key of the declared ``typed``) into ``other`` (the key of the
    listed name ``listed``), one edit apart, falls in a word that is short or an abbreviation on either side
    (MIN_EDITED_WORD_CHARS, MAX_ABBREVIATION_CHARS); True too when the words cannot be told."""
    prefix = 0
    while prefix < min(len(key), len(other)) and key[prefix] == other[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(key), len(other)) - prefix and key[-1 - suffix] == other[-1 - suffix]:
        suffix += 1
    for text, spelt in ((typed, key), (listed, other)):
        spans = split_key_into_words(text, spelt)
        if spans is None:
            return True
        # the characters edited, or the place a character was inserted between
        start, end = prefix, max(prefix + 1, len(spelt) - suffix)
        for word_start, word_end, word in spans:
            if word_start < end and start < word_end + (start == word_end):
                letters = sum(c.isalpha() for c in word)
                if letters < MIN_EDITED_WORD_CHARS or (word.isupper() and len(word) <= MAX_ABBREVIATION_CHARS):
                    return True
    return False


def iter_one_edit_spellings(key: str) -> Iterator[str]:
    """Every spelling one edit from ``key`` (deletions, swaps of neighbours, substitutions, insertions),
    over the characters of database name keys and the key's own; each once, the key itself never."""
    alphabet = sorted(set(_KEY_ALPHABET) | set(key))
    seen = {key}
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        spellings = [head + c + tail for c in alphabet]  # insertions
        if tail:
            spellings.append(head + tail[1:])  # deletion
            spellings.extend(head + c + tail[1:] for c in alphabet)  # substitutions
            if len(tail) > 1:
                spellings.append(head + tail[1] + tail[0] + tail[2:])  # a swap of neighbours
        for spelling in spellings:
            if spelling not in seen:
                seen.add(spelling)
                yield spelling


# A systematic name typed with one bracket left open ("N-(1-(2-phenylethyl)-4-piperidinyl-N-phenylpropanamide",
# the forty-sixth held-out set's fentanyl): the closing bracket belongs before one of the hyphens after the open one,
# where a substituent prefix ends. At most this many places are tried, each one an OPSIN parse.
MAX_BRACKET_CLOSINGS = 8
_OPENING = {")": "(", "]": "["}


def close_a_bracket_left_open(name: str) -> list[str]:
    """The spellings of ``name`` with its one unclosed round bracket closed before each hyphen that follows it at its
    own depth, round and square brackets counted alike and never past the square bracket it sits in (at most
    MAX_BRACKET_CLOSINGS, nearest first); none when every bracket is closed, when more than one is left open, a
    closing one has no opening one or the square brackets do not pair, or when the name has no such hyphen. Which of them is meant,
    if any, OPSIN decides (chemistry/resolve.py resolve_bracket_left_open)."""
    depth = 0
    stack: list[tuple[str, int]] = []  # the brackets opened and not yet closed, round and square, innermost last
    for index, char in enumerate(name):
        if char in "([":
            stack.append((char, index))
        elif char in ")]":
            # a closing bracket of the other kind than the innermost open one: the brackets cross, and where the
            # missing one belongs is not told (review34: "2-([bis(2-hydroxyethylamino]methyl)-...")
            if not stack or stack[-1][0] != _OPENING[char]:
                return []
            stack.pop()
    opened = [index for kind, index in stack if kind == "("]
    if len(stack) != 1 or len(opened) != 1:
        return []
    spellings = []
    for index in range(opened[0] + 1, len(name)):
        char = name[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth < 0:  # past the bracket the open one sits in: it is closed before that one closes
                break
        elif char == "-" and depth == 0 and index > opened[0] + 1:
            spellings.append(f"{name[:index]}){name[index:]}")
            if len(spellings) == MAX_BRACKET_CLOSINGS:
                break
    return spellings
