"""Names cut at an ERP field's length: a reading of a declared name near the end of the order
(chemistry/resolve.py LAST_RESORT_NAME_READINGS, "name cut at a field's length").

ERP systems keep a material's text in a field of fixed length (35, 40, 50 or 60 characters) and cut what
does not fit, mid-word: the twenty-fourth held-out set declared PMK methyl glycidate as "METHYL
3-(1,3-BENZODIOXOL-5-YL)-2-METHYL", BMK isopropyl glycidate as "ISOPROPYL 2-METHYL-3-PHENYLOXIRANE-2-CAR"
and MDMB-4en-PINACA as "METHYL 3,3-DIMETHYL-2-{[1-(PENT-4-EN-1-Y", all 40 characters, none identified. A
trade word cut so at the end of a name is set aside already (chemistry/identifiers.py strip_cut_trade_word);
this module finds the lexicon names a cut name is the beginning of. Who decides whether it is read so is
chemistry/resolve.py resolve_cut_name, with the guards for precision (one watchlist substance, no other name
of the lexicon or of the identifier database beginning so).

The names are compared on a key that folds case, spacing, punctuation and the style of brackets
(compute_cut_key: "{[1-(" and "((1-(" are one key), and found in a sorted list of the lexicon's keys by
bisection (index_cut_name_keys, find_names_beginning): a declared name costs two binary searches over the
few thousand keys, whatever its length, and a text longer than any name is not searched at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from chemistry.identifiers import MAX_CLEANED_NAME_CHARS, MIN_CUT_FIELD_CHARS, fold_dashes, normalise_name

# A cut name must keep at least this much of the name (key characters, not counting spaces, hyphens and
# brackets): the shortest of the twenty-fourth held-out set's cut names keeps 27. A shorter beginning is
# shared by too many names ("methyl 3-(1,3-benzodioxol-5-yl)" begins esters of several acids).
MIN_CUT_NAME_KEY_CHARS = 25
# More lexicon names than this beginning with one text is no cut name to guess at (the work stays bounded too).
MAX_CUT_CANDIDATES = 32
# Brackets of every style fold to nothing in the key: a name is written with "{[(" or with "(((" alike.
_BRACKETS_RE = re.compile(r"[{}\[\]()<>]+")
# The last character of a name cut where no complete name ends: after an opening bracket, a hyphen, a comma or
# a locant's comma; a name cut mid-word ends in a letter or digit and is told by what the full name goes on with.
_OPEN_ENDING = frozenset("([{-,")
# Above every character a key holds: the end of the keys that begin with a prefix (find_names_beginning).
_HIGHEST = "\U0010ffff"


def compute_cut_key(name: str) -> str:
    """The name key (normalise_name: case, spaces, hyphens, punctuation) without brackets of any style."""
    return _BRACKETS_RE.sub("", normalise_name(name))


def index_cut_name_keys(name_keys: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(compute_cut_key of the name key, the name key) of every name key, sorted, for find_names_beginning."""
    return tuple(sorted({(compute_cut_key(key), key) for key in name_keys}))


# The lengths systems cut a goods text at: 35 (the free-text data elements of UN/EDIFACT messages), 40 (SAP's
# material description), and the round widths 50, 60, 70 and 80; written from knowledge, not read in a source.
# A text of another length was not cut by a field, and is not read as the beginning of a name: a review found
# texts of 33 and 37 characters ending after a hyphen that begin a listed name and unlisted analogues alike.
CUT_FIELD_LENGTHS = frozenset({35, 40, 50, 60, 70, 80})


def looks_cut(text: str) -> bool:
    """Whether a declared text is as long as a cut field (CUT_FIELD_LENGTHS, each at least MIN_CUT_FIELD_CHARS,
    the length at which a cut trade word is set aside too), with enough of a name (MIN_CUT_NAME_KEY_CHARS key
    characters)."""
    stripped = text.strip()
    if len(stripped) not in CUT_FIELD_LENGTHS or not MIN_CUT_FIELD_CHARS <= len(stripped) <= MAX_CLEANED_NAME_CHARS:
        return False
    return len(compute_cut_key(stripped)) >= MIN_CUT_NAME_KEY_CHARS


def find_names_beginning(text: str, index: tuple[tuple[str, str], ...]) -> list[str] | None:
    """The name keys of ``index`` (index_cut_name_keys) whose key begins with the key of ``text`` and goes on
    after it; [] when none does or the text does not look cut (looks_cut), None when more than
    MAX_CUT_CANDIDATES do (too common a beginning to guess at). In key order."""
    if not looks_cut(text):
        return []
    prefix = compute_cut_key(text)
    start = bisect_left(index, (prefix,))
    end = bisect_left(index, (prefix + _HIGHEST,), lo=start)
    if end - start > MAX_CUT_CANDIDATES:
        return None
    return [key for cut_key, key in index[start:end] if len(cut_key) > len(prefix)]


def cut_within_a_word(text: str, spelling: str) -> bool:
    """Whether ``text``, the beginning of the name ``spelling`` (compute_cut_key), ends where no complete name
    would: after an opening bracket, a hyphen or a comma, or inside one of the name's words (its last character
    and the name's next are both letters or digits: "...-2-METHYL" of "...-2-methyloxirane-2-carboxylate").
    False when the text ends where a word of the name ends ("... 3-(1,3-benzodioxol-5-yl)" before "-2-methyl"):
    a name that ends so may be complete, another substance's."""
    text = text.rstrip()
    if not text:
        return False
    if text[-1] in _OPEN_ENDING:
        return True
    prefix = compute_cut_key(text)
    # the shortest beginning of the spelling with the text's key: its next character is what the name goes on with
    for end in range(1, len(spelling)):
        if compute_cut_key(spelling[:end]) == prefix:
            return text[-1].isalnum() and spelling[end].isalnum()
    return False


# The stereodescriptors a name begins with: "(-)-", "(+)-", "(±)-", "(1R,2S)-", "(S)-", "[1S,2S]-", and "d-", "l-",
# "dl-", "rac-", "threo-", "erythro-", "cis-", "trans-" without brackets, in a run ("(1R,2R)-(-)-").
_LEADING_STEREODESCRIPTORS_RE = re.compile(
    r"\s*((?:[(\[]\s*(?:[+\-\u00b1]+|\d*[rs]\*?(?:\s*,\s*\d*[rs]\*?)*|rs|sr|dl|d|l|rac|meso|cis|trans)\s*[)\]]\s*-?\s*|"
    r"(?:dl|d|l|rac|meso|threo|erythro|cis|trans)\s*-\s*)+)",
    re.IGNORECASE,
)


def find_leading_stereodescriptors(name: str) -> str:
    """The stereodescriptors ``name`` begins with, folded (case, spaces, dash styles, bracket styles; "(1R, 2S)-(-)-"
    -> "(1r,2s)(-)"); "" when it begins with none."""
    found = _LEADING_STEREODESCRIPTORS_RE.match(fold_dashes(name))
    if found is None:
        return ""
    folded = re.sub(r"\s+", "", found[1].lower()).replace("[", "(").replace("]", ")")
    return re.sub(r"\)-", ")", folded)


def keeps_stereodescriptors(text: str, spelling: str) -> bool:
    """Whether a cut ``text`` begins with the stereodescriptors the name ``spelling`` begins with, and with no
    others. The cut key folds some away ("(-)-" leaves nothing, so "3-methoxy-N-methylmorphinan hydrobr" begins
    the key of "(-)-3-methoxy-N-methylmorphinan hydrobromide"): a text that does not say which stereoisomer it is
    names the enantiomer or the racemate as well, which are other substances."""
    return find_leading_stereodescriptors(text) == find_leading_stereodescriptors(spelling)
