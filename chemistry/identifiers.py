"""Identifier hygiene: CAS check digits, CN codes and names."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from chemistry.text_memo import remember_per_text

_CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
# How traders write CAS numbers: any dash, a dot or spaces between the groups, or no separator.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_CAS_IN_TEXT_RE = re.compile(rf"(?<!\d)(\d{{2,10}})[{_DASHES}.\s]*(\d{{2}})[{_DASHES}.\s]*(\d)(?!\d)")
# The label before a CAS number, in the Union's languages: "CAS No.", "CAS-Nr.", "CAS-Nummer", "CAS RN",
# "No CAS", "N° CAS", "nº CAS", "numéro CAS" (accents are folded first), "numer CAS", "CAS n.".
_NUMBER_WORD = r"(?:no|nr|n[°º]?|num(?:ber|ero|mer)?|nummer|numer|rn|reg(?:istry)?(?:\s*no)?)"
_CAS_PREFIX_RE = re.compile(
    rf"(?:\b{_NUMBER_WORD}\s*[.°º]?\s*)?\bcas(?![a-z])(?:[\s\-]*{_NUMBER_WORD}(?![a-z]))?\s*[.°º]?\s*[#:]?\s*",
    re.IGNORECASE,
)
# What may stand beside a CAS number and be set aside: words, not figures (an abbreviation, a name).
_WORDS_ONLY_RE = re.compile(r"[^\d]+")
# Unless a word is the label of another identifier (a tariff code, an EC or UN number, in the Union's
# languages): "CN 29143100" or "EC 2031507" typed into the CAS field is that identifier, not a CAS
# number, even when its last digit happens to check.
_OTHER_IDENTIFIER_RE = re.compile(r"\b(?:cn|kn|nc|hs|taric|ec|eg|ce|we|einecs|elincs|un|index)\b", re.IGNORECASE)
MAX_SET_ASIDE_CHARS = 40
# A bracketed part of a declared field: a comment after a CAS number, a synonym after a name.
_BRACKET_PIECE_RE = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
_CAS_LIST_SPLIT_RE = re.compile(r"[;,/|&+]|\band\b|\bund\b|\bet\b", re.IGNORECASE)
_CN_STRIP_RE = re.compile(r"[\s.]")
# Names copied from official texts carry typographic dashes (EUR-Lex writes "1-fenylo-2-propanon"
# with a non-breaking hyphen, U+2011, after the 1) and apostrophes (U+2019, the prime U+2032):
# they key like the ASCII ones.
# Characters a terminal or form shows as nothing (soft hyphen, zero-width ones, bidirectional controls):
# "103\u200b-79-7" reads as 103-79-7 and "phenyl\u200bacetone" as phenylacetone to whoever looks.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_PRIMES = "'\u2018\u2019\u2032"
# Japanese writes a space between the words of a katakana name as a middle dot (メタン・フェタミン, full- and half-width).
# No name in the identifier database's files has either, so its index (INDEX_FORMAT) keys the same.
_WORD_DOTS = "\u30fb\uff65"
_NAME_STRIP_RE = re.compile("[\\s_,()\\[\\]" + _INVISIBLE + _WORD_DOTS + re.escape(_DASHES + _PRIMES) + "]+")
# The same without the primes, which become one ASCII apostrophe: a name's "primed key", which keeps
# the locants a prime sets apart (4'-methylvalerophenone, ring; 4-methylvalerophenone, chain). The name
# key drops them, since traders drop them; the identifier database answers a key whose spellings differ
# only in primes as ambiguous, unless the declared name's primes pick one (chemistry/identifier_db.py).
_NAME_STRIP_KEEPING_PRIMES_RE = re.compile("[\\s_,()\\[\\]" + _INVISIBLE + _WORD_DOTS + re.escape(_DASHES) + "]+")
_PRIME_RE = re.compile(f"[{_PRIMES}]")
_UNICODE_DIGIT_RE = re.compile(r"\d")
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta"}
# Python's regular expressions take time quadratic in the length of some texts ("((((...", "1111...")
# for the bracket, purity and quantity patterns below, and a declared field has no length limit but
# the message's (1 MB: hours of backtracking on one item, which no time budget interrupts). So a CAS
# field is read up to this length (it then holds far more numbers than are screened,
# resolve.MAX_ALSO_DECLARED; the rest is reported), and a name longer than this is cleaned only in
# the pieces that can be names: the text before its first bracket and its first bracketed pieces,
# found in one pass. Padding a field must never hide the substance at its start.
MAX_CAS_FIELD_CHARS = 1000
MAX_CLEANED_NAME_CHARS = 500
MAX_LONG_NAME_PIECES = 20
# A bracketed piece with no bracket inside: from each opening bracket the scan stops at the next
# bracket of any kind, so finding them all takes one pass (no backtracking).
_INNERMOST_BRACKET_RE = re.compile(r"[(\[{]([^(\[{)\]}]*)[)\]}]")

# Generic ("not elsewhere specified") CN codes under which designer precursors are typically declared.
# Such a code names no substance, so it is never read as the code of a listed one.
CATCH_ALL_CN = frozenset(
    {
        "29420000",
        "29329900",
        "29189990",
        "29333999",
        "29242970",
        "29269095",
        "29143900",
        "29147900",
        "29144090",
        "29042000",
        "29039980",
        "38249992",
        "38249993",
    }
)


# Residual ("Other") CN subheadings that are nonetheless the code a listed substance is declared under, because
# the CN has no subheading of its own for it: the chloroephedrines and chloropseudoephedrines (Category 1, Del.
# Reg. (EU) 2016/1443; watchlist.csv gives them 2939 79 90) sit in 2939 79 90, the last "Other" under 2939 79
# "Other" alkaloids of vegetal origin, beside nicotine's 2939 79 10 (the CN's structure, written from knowledge;
# the nineteenth held-out set's selegiline, nlh19034, was declared there too). Unlike CATCH_ALL_CN they are read
# as the listed substance's code (chemistry/matching.py match_identifier): declaring one still points at it, but
# legitimate goods share the code, so the finding says so and pipeline/scoring.py weighs it as a pointer, not
# as a declaration of the substance (RESIDUAL_CN_IDENTIFIER_WEIGHT). A specific subheading (2914 31 00
# "Phenylacetone", BMK) is not one of these and keeps its full weight.
RESIDUAL_CN = frozenset({"29397990"})


def validate_cas(cas: str) -> tuple[str | None, str]:
    """Return (normalised CAS, "") or (None, reason). The check digit must hold."""
    text = cas.strip()
    match = _CAS_RE.match(text)
    if not match:
        return None, f"CAS number '{text}' is not of the form NNNNNNN-NN-N"
    check = compute_cas_check_digit(match.group(1) + match.group(2))
    if check != int(match.group(3)):
        return None, f"CAS number '{text}' fails its check digit (expected {check})"
    return text, ""


# A CAS number written last in a name field, after the name (and its purity), with or without its label:
# "Safrol 97% CAS 94-59-7" (the thirteenth held-out set), "Safrole CAS-Nr. 94-59-7", "Safrole (94-59-7)".
# Only a number written with its dashes: a bare run of digits after a name is as likely a quantity or a
# batch number.
_TRAILING_CAS_RE = re.compile(
    rf"(?:^|(?<![\s,;])[\s,;]++)[(\[]?\s*(?:{_CAS_PREFIX_RE.pattern})?(\d{{2,7}})[{_DASHES}](\d{{2}})[{_DASHES}](\d)\s*[)\]]?\s*$",
    re.IGNORECASE,
)


# Where a trailing CAS number and its label are looked for: the end of the name field, its runs of white space
# made one space. _TRAILING_CAS_RE's separators and spaces ([\s,;]+, then \s* around the label) can share a
# run of white space in many ways, and the search tries each start: a name field of 1,000 spaces between two
# letters took 64 s to screen (eighteenth session's attack). A label and a number fit in far fewer characters.
# The separators before the number are read from the start of their run only ((?<![\s,;]), possessively): from
# every start in a run of ", , , " the search had read the rest of it (4 ms a name in the window; nineteenth
# session), and a match always started at the run's start anyway. The window is widened back to the start of a
# run it cuts, which that lookbehind would otherwise not let start a match.
_TRAILING_CAS_WINDOW_CHARS = 200
_WHITE_SPACE_RUN_RE = re.compile(r"\s+")


def split_trailing_cas(name: str) -> tuple[str, str] | None:
    """(The name before it, the CAS number) of a name field that ends with a CAS number whose check digit
    holds ("Safrol 97% CAS 94-59-7" -> ("Safrol 97%", "94-59-7")); None when it does not end with one,
    the check digit fails, or no name is written before it. White space in the name returned is one space."""
    text = _WHITE_SPACE_RUN_RE.sub(" ", name).strip()
    window = max(0, len(text) - _TRAILING_CAS_WINDOW_CHARS)
    window -= len(text[:window]) - len(text[:window].rstrip(" ,;"))  # back to the start of a run it cuts
    found = _TRAILING_CAS_RE.search(text, window)
    if found is None:
        return None
    cas, _ = validate_cas("-".join(found.groups()))
    before = text[: found.start()].strip(" ,;")
    if cas is None or not re.search(r"[^\W\d_]{2}", before):
        return None
    return before, cas


def compute_cas_check_digit(body: str) -> int:
    """The CAS check digit: the weighted sum of the other digits (weights 1, 2, ... from the right), mod 10."""
    return sum(int(d) * (i + 1) for i, d in enumerate(reversed(body))) % 10


def parse_declared_cas(field: str) -> tuple[list[str], list[str]]:
    """The CAS numbers in a declared CAS field, as traders type them: ([normalised, ...], [problems])
    (``read_declared_cas`` without the words it set aside)."""
    numbers, problems, _ = read_declared_cas(field)
    return numbers, problems


class SetAsideWords(NamedTuple):
    """Words found beside a CAS number and not read as part of it ('NPP' in 'CAS RN 39742-60-4 NPP')."""

    words: str  # spaces collapsed, whole
    number: str  # the number as declared ("" for a bracketed comment)
    # A bracketed comment ('103-79-7 (anhydrous)'): compared with the number when it is a listed
    # substance's name, otherwise not worth a note (brackets are how traders comment).
    comment: bool = False

    @property
    def note(self) -> str:
        words = self.words if len(self.words) <= MAX_SET_ASIDE_CHARS else self.words[:MAX_SET_ASIDE_CHARS] + "…"
        return f"the words '{words}' beside CAS number {self.number} were not read"


def read_declared_cas(field: str) -> tuple[list[str], list[str], list[SetAsideWords]]:
    """The CAS numbers in a declared CAS field, as traders type them: ([normalised, ...], [problems],
    [words set aside]).

    Accepted: hyphens, other dashes, dots or spaces as separators, or none ('103797'); leading zeros;
    a label such as 'CAS', 'CAS No.', 'CAS-Nr.', 'CAS RN', 'No CAS' or 'N° CAS'; a comment in brackets
    (a number in it that checks is read too);
    several numbers separated by ';', ',', '/', '|', '&', '+' or 'and' (slashes in place of a number's
    dashes, '103/82/2', when its check digit holds: join_slashed_cas). The check digit decides what
    is a CAS number, so a run of digits is only read as one when its last digit checks; anything else
    is a problem, reported in words (the INVALID_IDENTIFIER signal). Words beside exactly one number
    that checks ('CAS RN 39742-60-4 NPP') are set aside with a note, not a problem: the number is
    what a reader of the declaration would look up; figures beside it (a purity, a second number
    without a separator) or another identifier's label ('CN 29143100', 'EC 2031507') still make the
    piece a problem."""
    found: list[str] = []
    problems: list[str] = []
    set_aside: list[SetAsideWords] = []
    if len(field) > MAX_CAS_FIELD_CHARS:
        head = field[:MAX_CAS_FIELD_CHARS]
        cut = max(head.rfind(c) for c in ";,/|&+ ")  # at a separator, not inside a number
        head = head[:cut] if cut > 0 else head
        problems.append(f"CAS field of {len(field)} characters: only its first {len(head)} read")
        field = head
    if not field.isascii():  # fullwidth or other script's digits, accents on them, invisible characters
        field = _UNICODE_DIGIT_RE.sub(lambda m: str(unicodedata.decimal(m[0])), fold_accents(field))
        field = _INVISIBLE_RE.sub("", field)
    # A comment may hold brackets of its own ("13605-48-6 (Methyl 3-(1,3-benzodioxol-5-yl)-...)"): the
    # outermost groups are the comments when the brackets pair up, else the innermost pieces are.
    balanced = split_top_level_brackets(field)
    end = _end_of_last_closing_bracket(field)  # no bracketed piece after it (linear: _end_of_last_closing_bracket)
    text, comments = balanced if balanced is not None else (_BRACKET_PIECE_RE.sub(" ", field[:end]) + field[end:], None)
    if comments is None:
        comments = _BRACKET_PIECE_RE.findall(field, 0, end)
    for piece in _CAS_LIST_SPLIT_RE.split(join_slashed_cas(text)):
        piece = _CAS_PREFIX_RE.sub(" ", piece).strip()
        if not piece:
            continue
        matches = list(_CAS_IN_TEXT_RE.finditer(piece))
        leftover = _CAS_IN_TEXT_RE.sub(" ", piece).strip(f" {_DASHES}.:")
        if (
            leftover
            and len(matches) == 1
            and _WORDS_ONLY_RE.fullmatch(leftover)
            and not _OTHER_IDENTIFIER_RE.search(leftover)
        ):
            if _checks(matches[0]):  # else the check digit's problem below says what is wrong
                set_aside.append(SetAsideWords(" ".join(leftover.split()), matches[0].group(0).strip()))
        elif not matches or leftover:
            problems.append(f"CAS number '{piece}' is not of the form NNNNNNN-NN-N")
            continue
        for match in matches:
            if problem := _cas_problem(match):
                problems.append(problem)
            elif (cas := _normalised(match)) not in found:
                found.append(cas)
    # A bracketed comment is not a problem ('103-79-7 (99%)'), but a number in it that checks is read:
    # '64-17-5 (103-79-7)' declares BMK too, and '(103-79-7)' nothing else.
    for comment in comments:
        matches = (
            _find_cas_beside_other_identifiers(comment)
            if _OTHER_IDENTIFIER_RE.search(comment)
            else list(_CAS_IN_TEXT_RE.finditer(comment))
        )
        for match in matches:
            if _checks(match) and (cas := _normalised(match)) not in found:
                found.append(cas)
        if not matches and (words := " ".join(comment.split())):
            set_aside.append(SetAsideWords(words, "", comment=True))
    return found, problems, set_aside


# A number written as a CAS number, dashes and all: the only form read from a comment that names another
# identifier, whose own numbers read loosely as CAS numbers (EC 200-578-6 as "200-57-8", which checks).
_STRICT_CAS_RE = re.compile(rf"(?<![{_DASHES}\d])(\d{{2,7}})[{_DASHES}](\d{{2}})[{_DASHES}](\d)(?![{_DASHES}\d])")


# A CAS number typed with slashes for its dashes ("103/82/2", the third held-out set): a slash also
# separates several numbers, but no piece of this shape is a CAS number on its own (the shortest has
# five digits), so the whole is read as one number when its check digit holds, and as a list otherwise.
# Not when a short piece follows after another slash ("103/82/2/5" is no number), but a CAS number may
# ("103/79/7/64-17-5", the eighteenth session's attack).
_SLASHED_CAS_RE = re.compile(r"(?<!\d)(\d{2,7})\s*/\s*(\d{2})\s*/\s*(\d)(?!\d)(?!\s*/\s*\d{1,2}(?![\d-]))")


def join_slashed_cas(text: str) -> str:
    """The text with each CAS number typed with slashes for its dashes written with dashes, when its check
    digit holds ("103/82/2" -> "103-82-2"); other slashes are left to separate numbers."""
    if "/" not in text:
        return text

    def join(match: re.Match) -> str:
        body, check = match[1] + match[2], int(match[3])
        return "-".join(match.groups()) if compute_cas_check_digit(body) == check else match[0]

    return _SLASHED_CAS_RE.sub(join, text)


def _find_cas_beside_other_identifiers(comment: str) -> list[re.Match]:
    """The numbers written as CAS numbers in a comment that names another identifier, outside the
    pieces of the comment that name one ("EC 200-578-6, 103-79-7" -> 103-79-7; "UN 1170 (103-79-7)"
    -> 103-79-7, from the bracketed group): a comment naming an EC number could otherwise hide one."""
    found: list[re.Match] = []
    for piece in _CAS_LIST_SPLIT_RE.split(comment):
        split = split_top_level_brackets(piece)
        outside, groups = split if split is not None else (piece, [])
        for text in (outside, *groups):
            if not _OTHER_IDENTIFIER_RE.search(text):
                found.extend(_STRICT_CAS_RE.finditer(text))
    return found


# A bracketed piece dropped from a name as a comment or stereo descriptor ("Ephedrine (HCl)", "(1R,2S)-(-)-
# Ephedrine"), but not one joined to the next word, which is a substituent of the parent that the word
# begins ("1-[4-(2-aminopropyl)phenyl]propan-2-amine" is not amphetamine, "[3,5-bis(trifluoromethyl)phenyl]
# acetonitrile" not benzyl cyanide, "(2-bromo-5-fluorophenyl)methanol" not methanol).
# The same for a run of them before the word ("(2-ethoxyethyl)(methyl)amine" is not methylamine).
# An isotope label is dropped wherever it stands ("[3H]LSD", "(2H6)acetone", "dichloro(dideuterio)methane"):
# the labelled substance is the substance.
_ISOTOPE_LABEL = (
    r"(?:[\d,]+-)?\d+(?:h|c|n|o|f|p|s|cl|br|i)\d*(?:\s*,\s*\d+(?:h|c|n|o|f|p|s|cl|br|i)\d*)*|"
    r"(?:mono|di|tri|tetra|penta|hexa)?deuterio|d\d+|"
    # and so is a stereo descriptor ("(+)DOB", "(S)ephedrine", "(1R,2S)ephedrine", "(±)"; "(.+-.)" and "(d,l)" as
    # CAS index names and catalogues write the racemate)
    r"\.?[+\-\u00b1]+(?:/[+\-])?\.?|\d*[rs]\*?(?:\s*,\s*\d*[rs]\*?)*|rs|sr|dl|d\s*,\s*l|[dl]|\d*[ez](?:\s*,\s*\d*[ez])*|cis|trans|rac|meso"
)
# An isotope label after a name, joined to it by a hyphen ("Cocaine-D3", "MDMA-d5 HCl", "Amphetamine-13C6",
# "Morphine-(13C6)"), as standards' catalogues name labelled isotopologues (the fifteenth held-out set): a
# labelled standard of a substance is that substance for control purposes, as a structure's isotopes are set
# aside (chemistry/molecules.py). Deuterium as d or D with its count, and 13C, 15N and 18O, several joined by
# commas; never before a letter or digit, so that a locant ("2H-pyran") or a name going on stays. Read only
# after the name as written (chemistry/resolve.py NAME_KEY_READINGS "isotope label"): a name with such an
# ending that a source lists ("Vitamin-D3") is read as listed. A bracketed label, anywhere, is dropped as a
# comment bracket (_ISOTOPE_LABEL).
_LABEL_ISOTOPE = r"(?:d\d{1,2}|13c\d{0,2}|15n\d?|18o\d?)"
_LABEL_ISOTOPES = rf"{_LABEL_ISOTOPE}(?:\s*,\s*{_LABEL_ISOTOPE})*"
_ISOTOPE_LABEL_AFTER_NAME_RE = re.compile(
    rf"(?<=[^\W_])-(?:({_LABEL_ISOTOPES})|[(\[]({_LABEL_ISOTOPES})[)\]])(?!\w)", re.IGNORECASE
)
# A bracketed isotope label anywhere in a name ("Cocaine (D3)", "(13C6)Cocaine", "[2H3]"): what the flag names.
_BRACKETED_ISOTOPE_LABEL_RE = re.compile(rf"[(\[]({_LABEL_ISOTOPES}|\d+(?:h|c|n|o)\d*)[)\]]", re.IGNORECASE)
# Stereodescriptors before a trivial name, one or several ("(1R,2S)-(-)-Norephedrine", "(S,S)-(+)-Pseudoephedrine",
# "L-(-)-Ephedrine", "(±)-threo-Methylphenidate", "DL-Ephedrine", "rac-", "d-", "l-", "threo-", "erythro-"),
# at the start of the name or of a bracketed piece ("(d-threo-methylphenidate HCl)"): bracketed descriptors
# as _ISOTOPE_LABEL reads them, and the descriptors written without brackets, always before a hyphen. Not R-
# or S- without brackets (S-methyl is a substituent on sulphur), nor E-/Z-.
_STEREO_DESCRIPTOR = (
    r"\((?:\.?[+\-\u00b1]+(?:/[+\-])?\.?|\d*[rs]\*?(?:\s*,\s*\d*[rs]\*?)*|rs|sr|dl|d\s*,\s*l|[dl]|\d*[ez](?:\s*,\s*\d*[ez])*|cis|trans|rac|meso)\)"
    r"\s*-?\s*|"
    r"(?:dl|d|l|rac|meso|threo|erythro|cis|trans)\s*-\s*"
)
_STEREO_RUN_RE = re.compile(rf"(?:^|(?<=[(\[]))\s*((?:{_STEREO_DESCRIPTOR})+)(?=[^\W\d_])", re.IGNORECASE)
_ONE_STEREO_DESCRIPTOR_RE = re.compile(_STEREO_DESCRIPTOR, re.IGNORECASE)
# Nor one joined to the next word by a hyphen ("(4-chlorophenyl)-acetonitrile" is not acetonitrile,
# "methyl-(4-methyl-cyclohexyl)-amine" not methylamine: eighteenth session, the stereodescriptor reading's survey);
# a stereo descriptor or isotope label so joined ("(-)-ephedrine") is still dropped.
_COMMENT_BRACKET_RE = re.compile(
    rf"[(\[{{](?:{_ISOTOPE_LABEL})[)\]}}]|[(\[{{]([^)\]}}]*)[)\]}}](?![^\W\d_]|[(\[{{]|\s*-\s*\w)", re.IGNORECASE
)
# _COMMENT_BRACKET_RE's two readings, for strip_comment_brackets
_ISOTOPE_BRACKET_RE = re.compile(rf"[(\[{{](?:{_ISOTOPE_LABEL})[)\]}}]", re.IGNORECASE)
_AFTER_COMMENT_BRACKET_RE = re.compile(r"[^\W\d_]|[(\[{]|\s*-\s*\w")  # what no comment's bracket is closed before
_OPENING_BRACKET_RE = re.compile(r"[(\[{]")
_CLOSING_BRACKET_RE = re.compile(r"[)\]}]")


def strip_comment_brackets(text: str) -> str:
    """``text`` with each comment bracket made a space: ``_COMMENT_BRACKET_RE.sub(" ", text)``, read in one pass.
    The pattern's search tries every opening bracket and reads from each to the next closing bracket, so a run
    of openings before one closing bracket a letter follows, or before none ("((((...(a)b", "(((...("), cost
    their number times the run's length (2 ms on 500 characters, 8 ms on 1,000; nineteenth session, the
    eighteenth attack's leftovers). Here an opening bracket before a closing bracket already refused (the
    word after it goes on with the bracket) is read for an isotope label only, and none after the last
    closing bracket is read: the pattern could match neither."""
    pieces: list[str] = []
    kept_from = at = 0
    refused_closing = -1  # where the last closing bracket refused stands
    while (opening := _OPENING_BRACKET_RE.search(text, at)) is not None:
        start = opening.start()
        if (label := _ISOTOPE_BRACKET_RE.match(text, start)) is not None:
            pieces += [text[kept_from:start], " "]
            kept_from = at = label.end()
            continue
        if start < refused_closing:  # its closing bracket is the one refused: so is this comment
            at = start + 1
            continue
        closing = _CLOSING_BRACKET_RE.search(text, start + 1)
        if closing is None:
            break  # neither a comment nor a label is closed after this
        if _AFTER_COMMENT_BRACKET_RE.match(text, closing.end()):
            refused_closing = closing.start()
            at = start + 1
            continue
        pieces += [text[kept_from:start], " "]
        kept_from = at = closing.end()
    pieces.append(text[kept_from:])
    return "".join(pieces)


def _end_of_last_closing_bracket(text: str) -> int:
    """Where the last closing bracket of ``text`` ends (0 when it has none): _BRACKET_PIECE_RE is searched only
    up to there. After it every opening bracket starts a search that reads to the end of the text and finds
    nothing ("{{{{...9" in a CAS field of 1,000 characters: 19 ms; nineteenth session); before it the first
    opening bracket's search always ends at a closing one, so the search is linear."""
    return max(text.rfind(c) for c in ")]}") + 1


_FIRST_WORD_RE = re.compile(r"[^\W\d_]+")

_OPENING, _CLOSING = "([{", ")]}"
# What ends a declared name and is not part of it: a full stop or colon after the last word
# ("Phenylaceton.", "Acetone:"), as free text and copied lists end their lines.
_TRAILING_STOP_RE = re.compile(r"[\s.:;!]+$")


def _top_level_groups(text: str) -> list[tuple[int, int]] | None:
    """Where each outermost bracketed group opens and closes (indices of its brackets), in order; None
    when the brackets do not pair up. One pass, no backtracking."""
    groups: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPENING:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSING:
            if depth == 0:
                return None
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    return None if depth else groups


def split_top_level_brackets(text: str) -> tuple[str, list[str]] | None:
    """The text outside its outermost brackets (each bracketed group written as one space) and the
    groups' contents, with brackets inside a group kept: "13605-48-6 (Methyl 3-(1,3-benzodioxol-5-yl)-...)"
    -> ("13605-48-6  ", ["Methyl 3-(1,3-benzodioxol-5-yl)-..."]). None when the brackets do not pair up
    (the caller falls back to the innermost pieces)."""
    groups = _top_level_groups(text)
    if groups is None:
        return None
    outside: list[str] = []
    last = 0
    for start, end in groups:
        outside += [text[last:start], " "]
        last = end + 1
    outside.append(text[last:])
    return "".join(outside), [text[start + 1 : end] for start, end in groups]


def split_bracketed_synonyms(name: str) -> list[str]:
    """The name before its bracketed synonyms or comments, then each of them, when a bracketed group
    stands apart -- after a space and before a space or the end ("DEPAPD (Diethyl
    (phenylacetyl)propanedioate)", "Ephedrine ((1R,2S)-2-(methylamino)-1-phenylpropan-1-ol)"); groups
    inside a name ("Diethyl (phenylacetyl)propanedioate", "(1R,2S)-(-)-Chloroephedrine") stay in it.
    Empty when the name has no such group or its brackets do not pair up."""
    kept: list[str] = []
    pieces: list[str] = []
    last = 0
    for start, end in _top_level_groups(name) or ():
        # a group after a space that ends the name or a word of it is a synonym or comment; one at the
        # start, or joined to the next word (a substituent: "(4-chloro...) acetic acid"), is part of the name
        if start > 0 and name[start - 1].isspace() and _ends_a_name(name, end + 1):
            kept += [name[last:start], " "]
            group = name[start + 1 : end]
            if not _SALT_COMMENT_RE.fullmatch(group.strip()) and not states_trace_limit(group) and not (
                names_only_a_salt_form(group)
            ):
                pieces.append(group)
            last = end + 1
    if not pieces:
        return []
    kept.append(name[last:])
    return ["".join(kept), *pieces]


def strip_trace_limit_groups(name: str) -> str:
    """The name without what states a constituent's trace limit (states_trace_limit): a particular of its own, after
    or before a comma or semicolon outside brackets ("Hemp extract; Tetrahydrocannabinol < 0,2 %"), or a bracketed
    group, or a particular inside one ("Full spectrum hemp extract (Tetrahydrocannabinol max 0.2%)", "Hemp oil (THC
    < 0.2 %, 10 ml)" -> "Hemp oil (10 ml)"). The name itself when it has none, when it is all one trace limit
    ("Tetrahydrocannabinol max 0.2%": what else it names cannot be told apart) or all one but its quantities and packs
    ("P2P max 0.5 %, 200 kg drums"), or when it is too long to read. Only a
    particular that is nothing but a constituent's name and its limit is set aside: "Fentanyl citrate (related
    substances max 0.5 %, 100 g)" keeps the fentanyl, "Reagent (PMK glycidate 98 %, water max 0.5 %)" the glycidate."""
    if len(name) > MAX_CLEANED_NAME_CHARS or _TRACE_LIMIT_SIGN_RE.search(name) is None:
        return name
    stripped, removed = _strip_trace_limits(name)
    if not removed or _LETTER_WORD_RE.search(strip_trade_words(stripped)) is None:
        return name  # nothing set aside, or nothing but a pack left: "P2P max 0.5 %, 200 kg drums" may be P2P
    return stripped


def _strip_trace_limits(text: str) -> tuple[str, bool]:
    """strip_trace_limit_groups on a text or a bracketed group's contents, and whether it set anything aside: empty
    when all of it is trace limits."""
    parts = _split_top_level_particulars(text)
    kept = [part for part in parts if not states_trace_limit(part)]
    removed = len(kept) < len(parts)
    pieces = []
    for part in kept:
        out, last = [], 0
        for start, end in _top_level_groups(part) or ():
            if start == 0 or not part[start - 1].isspace():
                continue  # a substituent or stereodescriptor: part of a name
            inner, removed_inside = _strip_trace_limits(part[start + 1 : end])
            if not removed_inside:
                continue
            removed = True
            out.append(part[last:start].rstrip() if not inner else f"{part[last : start + 1]}{inner}{part[end]}")
            last = end + 1
        out.append(part[last:])
        pieces.append("".join(out).strip())
    return ", ".join(piece for piece in pieces if piece), removed


def _split_top_level_particulars(text: str) -> list[str]:
    """A text cut at each comma or semicolon followed by white space outside brackets, as split_description_particulars
    cuts a description; a comma inside a bracket belongs to the group ("(water max 0.5 %, 100 g)")."""
    parts, depth, last = [], 0, 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
        elif char in ",;" and depth == 0 and index + 1 < len(text) and text[index + 1].isspace():
            parts.append(text[last:index])
            last = index + 1
    parts.append(text[last:])
    return [part.strip() for part in parts if part.strip()]


def states_trace_limit(text: str) -> bool:
    """Whether a text is nothing but a constituent's name and an upper limit below TRACE_LIMIT_BELOW_PERCENT on it
    ("Tetrahydrocannabinol max 0.2%", "THC < 0.3 % w/w", "benzene 0.1 % max", "methanol NMT 0,05 %", "safrole ≤ 0.5 %
    GC", "Wasser höchstens 0,5 %"): a specification that the goods hold no more than a trace of it. Bracketed after a
    product's name it is no synonym of the goods: read as one, "Full spectrum hemp extract (Tetrahydrocannabinol max
    0.2%)" was `critical` as dronabinol. The name holds no share, list separator or bracket of its own ("PMK
    glycidate 98 %, water max 0.5 %" is not one)."""
    if len(text) > MAX_CLEANED_NAME_CHARS:
        return False
    found = _TRACE_LIMIT_RE.fullmatch(fold_accents(text).strip())
    return found is not None and float((found["number"] or found["number_first"]).replace(",", ".")) < (
        TRACE_LIMIT_BELOW_PERCENT
    )


# A bracketed comment that says the goods are a salt, its stoichiometry or its water, as CAS index names end ("...
# 2,3-dihydroxybutanedioate (2:1) (salt)", ergotamine tartrate, the forty-sixth held-out set's pch46044): no synonym
# of its own. Read as one, "salt" named sodium chloride (the common-chemicals dictionary's "salt") and hid the
# Category 1 substance the name declares.
_SALT_COMMENT_RE = re.compile(
    r"(?:\d+\s*:\s*\d+|salts?|sel|sels|sal|sales|sale|sali|salz|salze|sól|sole|hydrates?|anhydrous|"
    r"free\s+base|base)",
    re.IGNORECASE,
)


def _ends_a_name(name: str, end: int) -> bool:
    """Whether a bracketed group ending before ``end`` stands after a name as its synonym: at the end, or
    before punctuation, another group, figures or trade words ("... (P2P) 99%", "... (BMK) tech"), not
    before a word that goes on with the name ("sodium (2-(2,6-dichloroanilino)phenyl) acetate")."""
    if end >= len(name) or name[end] in ",;.:":
        return True
    if not name[end].isspace():
        return False
    word = _FIRST_WORD_RE.match(name, end + len(name[end:]) - len(name[end:].lstrip()))
    return word is None or bool(
        _GRADE_RE.fullmatch(word[0])
        or _PHYSICAL_FORM_RE.fullmatch(word[0])
        or _DOSE_FORM_RE.fullmatch(word[0])
        # a form noun ("Safrole (ethanol) oil"): else the group was no synonym, the harmless name in it was
        # read alone and the listed one before it never (seventeenth session's attack)
        or _FORM_NOUN_WORD_RE.fullmatch(word[0])
    )


_FORM_NOUN_WORD_RE = re.compile(r"oil|oily|solid|paste", re.IGNORECASE)


def _normalised(match: re.Match) -> str:
    return f"{match.group(1).lstrip('0') or '0'}-{match.group(2)}-{match.group(3)}"


def _cas_problem(match: re.Match) -> str | None:
    """What is wrong with a CAS-shaped run of digits, in words, or None when it has a number's length
    and its check digit."""
    head = match.group(1).lstrip("0") or "0"
    if not 2 <= len(head) <= 7:
        return f"CAS number '{match.group(0).strip()}' is not of the form NNNNNNN-NN-N"
    if (expected := compute_cas_check_digit(head + match.group(2))) != int(match.group(3)):
        return f"CAS number '{match.group(0).strip()}' fails its check digit (expected {expected})"
    return None


def _checks(match: re.Match) -> bool:
    """Whether a CAS-shaped run of digits has a number's length and its check digit."""
    return _cas_problem(match) is None


# A CAS number as optical character recognition reads it off a scanned invoice: the letter O for a zero and
# I or l for a one (the twenty-fourth held-out set's "CAS No. 1O3-79-7"), inside a token of a CAS number's
# shape (digit groups of 2-7, 2 and 1 separated by a dash or dot; at least one real digit in each of the
# first two groups, so a word is never read as a number).
_OCR_CAS_RE = re.compile(
    rf"(?<![{_DASHES}\w.])([\dOoIl]{{2,7}})([{_DASHES}.])([\dOoIl]{{2}})\2([\dOoIl])(?![{_DASHES}\w])"
)
_OCR_DIGITS = str.maketrans("OoIl", "0011")


def correct_ocr_cas(text: str) -> str | None:
    """``text`` with the letters that optical character recognition gives for digits (O for 0, I or l for 1)
    read as digits in each CAS-shaped token whose check digit then holds ("CAS No. 1O3-79-7" -> "CAS No.
    103-79-7"); None when no token was so corrected. The check digit decides, as for any declared number."""
    if len(text) > MAX_CAS_FIELD_CHARS:
        return None
    changed = False

    def correct(found: re.Match[str]) -> str:
        nonlocal changed
        head, sep, middle, check = found[1], found[2], found[3], found[4]
        if head.isdigit() and middle.isdigit() and check.isdigit():
            return found[0]
        if not (any(c.isdigit() for c in head) and any(c.isdigit() for c in middle + check)):
            return found[0]
        digits = f"{head.translate(_OCR_DIGITS)}-{middle.translate(_OCR_DIGITS)}-{check.translate(_OCR_DIGITS)}"
        match = _CAS_IN_TEXT_RE.fullmatch(digits)
        if match is None or not _checks(match):
            return found[0]
        changed = True
        return f"{head.translate(_OCR_DIGITS)}{sep}{middle.translate(_OCR_DIGITS)}{sep}{check.translate(_OCR_DIGITS)}"

    corrected = _OCR_CAS_RE.sub(correct, text)
    return corrected if changed else None


# A structure identifier typed into a name field, as a system with one free-text field for the goods stores it
# (the twenty-fourth held-out set's ERP and supplier-portal rows): a standard InChI, with its "InChI=" prefix or
# without it ("1S/C9H10O/c1-8(10)7-9-5-3-2-4-6-9/h2-6H,7H2,1H3"), or a full standard InChIKey (14 letters, 8
# letters, the standard flag S and the version letter, the protonation letter). Whole field only.
_INCHI_IN_NAME_RE = re.compile(r"\s*(?:inchi=)?(?P<inchi>1S?/[A-Z][A-Za-z0-9.]*(?:/[^\s/]+)*)\s*", re.IGNORECASE)
_INCHIKEY_RE = re.compile(r"\s*(?:inchikey[=:]?\s*)?(?P<key>[A-Z]{14}-[A-Z]{8}[SN][A-Z]-[A-Z])\s*", re.IGNORECASE)
MAX_INCHI_IN_NAME_CHARS = 2000


# A SMILES string typed into the name field, as such systems store a drawing too: no white space, only the
# characters SMILES writes, and a bond, bracket atom, branch or aromatic ring closure that names do not have
# ("CC(=O)Cc1ccccc1"). Only a candidate: RDKit decides (chemistry/resolve.py resolve_structure_identifier_in_name),
# so "Ephedrine(HCl)" stays a name.
_SMILES_CHARACTERS_RE = re.compile(r"[A-Za-z0-9@+\-\[\]()=#$/\\%.:*]+")
_SMILES_MARK_RE = re.compile(r"[=#\[\]@]|\([A-Za-z]|[cnos][1-9]")
MAX_SMILES_IN_NAME_CHARS = 500


def looks_like_smiles(text: str) -> bool:
    """Whether the whole of ``text`` may be a SMILES string (_SMILES_CHARACTERS_RE, _SMILES_MARK_RE)."""
    text = text.strip()
    return (
        2 < len(text) <= MAX_SMILES_IN_NAME_CHARS
        and _SMILES_CHARACTERS_RE.fullmatch(text) is not None
        and _SMILES_MARK_RE.search(text) is not None
    )


def read_structure_identifier(text: str) -> tuple[str, str] | None:
    """("inchi", the InChI with its prefix) or ("inchikey", the key in capitals) when the whole of ``text`` is
    a standard InChI (with or without "InChI=") or an InChIKey; None otherwise."""
    if len(text) > MAX_INCHI_IN_NAME_CHARS:
        return None
    if found := _INCHI_IN_NAME_RE.fullmatch(text):
        return "inchi", "InChI=" + found["inchi"]
    if found := _INCHIKEY_RE.fullmatch(text):
        return "inchikey", found["key"].upper()
    return None


def normalise_cn(code: str) -> str:
    """'2932 99 00', '2932.99.00', 'ex 2932 99 00' -> '29329900'. Non-digits other than separators stay."""
    text = code.strip().lower()
    if text.startswith("ex "):
        text = text[3:]
    return _CN_STRIP_RE.sub("", text)


def split_cn_codes(field: str) -> tuple[str, ...]:
    """A data-file CN field may hold several codes separated by ';'."""
    return tuple(c for c in (normalise_cn(p) for p in field.split(";")) if c)


def fold_dashes(text: str) -> str:
    """The text with its invisible characters removed and each kind of dash written "-", as
    normalise_name reads them (which drops them): "N\u2013acetyl" and "N\u200b-acetyl" read "N-acetyl"."""
    return _INVISIBLE_RE.sub("", text).translate(_DASH_TO_HYPHEN)


_DASH_TO_HYPHEN = str.maketrans(dict.fromkeys(_DASHES, "-"))


def normalise_name(name: str) -> str:
    """Case-, space-, hyphen- and punctuation-insensitive name key."""
    return _NAME_STRIP_RE.sub("", _fold_letters(name))


def compute_primed_key(name: str) -> str:
    """The name key with its primes kept, each as "'" ("4′-Methoxychalcone" -> "4'methoxychalcone",
    "2,2''-" -> "22''"); removing the "'" gives normalise_name's key."""
    return _PRIME_RE.sub("'", _NAME_STRIP_KEEPING_PRIMES_RE.sub("", _fold_letters(name)))


def fold_primes(primed_key: str) -> str:
    """The name key of a primed key (compute_primed_key)."""
    return primed_key.replace("'", "")


# Quotation marks around a whole name ('"Acetone"', '„Aceton“', '«acétone»'), as spreadsheets and
# copied text wrap it: not part of the name. Single quotes are primes and stay.
_WRAPPING_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'


def _fold_letters(name: str) -> str:
    text = name.strip().strip(_WRAPPING_QUOTES).strip().lower()
    for greek, latin in _GREEK.items():
        text = text.replace(greek, latin)
    # Polish, Italian, Spanish and Dutch spell the letter alfa ("alfa-fenyloacetoacetamid" beside
    # "α-Metylofentanyl" in the same country's lists): one key for alfa, alpha and α.
    return text.replace("alfa", "alpha")


# What traders add to a chemical name that does not change the substance: grades and pharmacopoeia
# marks, purities, physical forms and packaging. Only tried when the name as declared is unknown.
_GRADE_RE = re.compile(
    r"\b(?:(?:technical|tech|reagent|analytical|pharmaceutical|pharma|food|feed|industrial|laboratory|lab|"
    r"electronic|cosmetic|synthesis|hplc|gc|fragrance|perfumery|flavou?r|nitration|rubber|paint|dye|battery|"
    # (the industries that buy a chemical in bulk, as their grade: "Acetoacetanilide AAA pigment grade", the
    # fifty-fourth held-out set's nlh54007; common words, ours, each only before "grade")
    r"pigment|textile|leather|plastics?|ink|coatings?|detergent|agro|agricultural|mining|polymer|printing|"
    r"photographic|ceramic|"
    # pharmacopoeias by their marks: United States, British, European, National Formulary, Japanese, and the Indian
    # and Chinese ones as those countries' exporters write them ("Pseudo Ephedrine Hydrochloride IP", the forty-first
    # held-out set's pch41038; "ChP"), perhaps with the edition ("USP43", "EP 10.0", "IP 2022")
    r"semiconductor|fuel)\s+grade|grade|technical|tech|reagent|acs|fcc|(?:usp|bp|ep|nf|jp|ip|chp)(?:(?:\d{1,4}|[\s-]\d{2,4})(?:\.\d)?(?![\w\-,'\u2032]))?|"
    r"ph\.?\s*eur\.?(?:\s*\d+(?:\.\d+)?)?|f\.\s*u\.|a\.r\.|p\.a\.|purum|puriss(?:imum)?|extra\s+pure|pure|purified|anhydrous|water[-\s]?free|"
    r"solution|soln\.?|liquid|powder|crystals?(?:\s+of(?=\s))?|crystalline|flakes|pellets|"
    # (and the bulk liquid's packs: a carboy, a flexitank in a container, an ISO tank container)
    r"in\s+(?:drums?|bags?|bottles?|ibcs?|containers?|tanks?|carboys?|flexitanks?|iso[\s-]?tanks?)|drums?|carboys?|"
    r"flexitanks?|iso[\s-]?tanks?|bulk|min\.?|max\.?|approx\.?|ca\.|"
    # what the research-chemical trade writes of a drug it names ("Isotonitazene 1g research sample, not for human
    # consumption", "Clonazolam blotters": the sixty-fifth held-out set); common words, ours. Not "sample" or "raw
    # material" alone: beside an abbreviation they had made a laboratory's "PCE samples" or "DMT raw material" the
    # drug (review41)
    r"research\s+samples?|research\s+chemicals?|"
    r"not\s+for\s+human\s+(?:consumption|use)|for\s+research\s+(?:purposes\s+|use\s+)?only|blotters?|"
    # "bulk" in the other languages names_eu.csv covers ("ACETONE technique vrac", the fifty-sixth held-out set's
    # pch56030); common words, written from knowledge
    r"(?:en\s+)?vrac|a\s+granel|alla\s+rinfusa|sfus[oaie]|luzem|"
    # "in salt form", as customs services write of a salt they do not name ("glicydan BMK w postaci soli", the
    # fifty-ninth held-out set's pch59006): the listed substance covers its salts; the phrase in the languages of
    # names_eu.csv's main rows, common words written from knowledge
    r"in\s+(?:the\s+|its\s+)?(?:salt\s+form|form\s+of\s+(?:a\s+)?salt)|as\s+(?:a\s+)?salt(?![\w-])|"
    r"w\s+(?:postaci|formie)\s+soli|in\s+salzform|in\s+form\s+eines\s+salzes|als\s+salz(?![\w-])|"
    r"(?:sous|en)\s+(?:la\s+)?forme\s+de\s+sel|en\s+forma\s+de\s+sal|in\s+forma\s+(?:di\s+sale|salina)|in\s+zoutvorm|"
    # Polish reagent grades (nineteenth session, the eighteenth held-out set's "Kwas N-acetyloantranilowy czda"):
    # techniczny "techn.", czysty "cz.", czysty do analizy "cz.d.a.", chemicznie czysty "ch.cz.", czysty
    # spektralnie "spektr.cz.", as Polish Wikipedia lists them (articles "Czystość substancji" and "Odczynnik
    # chemiczny", read 2026-12-01; the same table at pol-aura.pl "Klasy czystości odczynników"), and the
    # abbreviations typed without their full stops ("czda", "cz.d.a", "chcz"), as brokers write them. Before the
    # words below, whose "czysty" would otherwise take the start of "czysty do analizy".
    r"czysty\s+do\s+analizy|chemicznie\s+czysty|czysty\s+spektralnie|"
    r"cz\.\s?d\.\s?a\.?|czda|ch\.\s?cz\.?|chcz|spektr\.\s?cz\.?|"
    # The same marks in the other languages names_eu.csv covers (de, fr, nl, it, es, pl): declarations
    # in those languages write their grades in them too ("Salzsäure 32% technisch").
    r"technisch|techn\.|cz\.|technique|t[e\u00e9]cnic[oa]|techniczny|reinst|rein|zuiver|pur|pur[oa]|czysty|cz\.d\.a\.|"
    r"wasserfrei|anhydre|watervrij|anidro|anhidro|bezwodny|l[o\u00f6]sung|oplossing|soluzione|soluci[o\u00f3]n|roztw[o\u00f3]r|"
    # Swedish, Finnish and Czech (fifteenth session, with those languages' names in names_eu.csv):
    # "teknisk kvalitet" is read in the fifth held-out set's Swedish row; the others are the languages'
    # common words for technical, pure, anhydrous and solution, written from knowledge, not read in a
    # list. Whole words only: "teknisk" before "kvalitet" is tried first.
    r"teknisk\s+kvalitet|teknisk|vattenfri|l[o\u00f6]sning|tekninen|vedet[o\u00f6]n|liuos|"
    r"technick[y\u00fda\u00e1]|[c\u010d]ist[y\u00fda\u00e1]|bezvod[y\u00fd]|roztok|"
    # Turkish (twenty-sixth session, review26b: "Asetik asit anhidrit teknik"): technical, anhydrous, solution;
    # common words, written from knowledge, whole words only
    r"teknik|susuz|[c\u00e7][o\u00f6]zelti|"
    # Ukrainian and Russian technical, pure and anhydrous in Cyrillic letters (the fifty-seventh held-out set's
    # "КАЛІЮ ПЕРМАНГАНАТ технічний"); common words, written from knowledge, whole words only
    r"\u0442\u0435\u0445\u043d\u0456\u0447\u043d\w*|\u0442\u0435\u0445\u043d\u0438\u0447\u0435\u0441\u043a\w*|"
    r"\u0447\u0438\u0441\u0442\w*|\u0431\u0435\u0437\u0432\u043e\u0434\u043d\w*|"
    # Catalogue grades of reagents (eighteenth session, the fifteenth held-out set's "Piperidine for peptide
    # synthesis", "Hydrochloric acid, concentrated Ph. Eur."): what a reagent is graded for, in English and
    # in German as the Merck catalogue writes it ("zur Synthese"), and the strength of an acid or solution.
    # Common words, written from knowledge; none is a word of a chemical name ("fuming" is: oleum).
    r"for\s+(?:peptide\s+|organic\s+)?synthesis|for\s+analysis|zur\s+synthese|zur\s+analyse|"
    # and what a solvent or reagent is graded for in a laboratory catalogue ("Toluene CHROMASOLV for HPLC" reads
    # "for HPLC" with _BARE_GRADE_RE)
    r"for\s+(?:lc[-/]?ms|spectroscopy|titration)|"
    r"concentrated|conc\.|diluted?|"
    # "fuming" of hydrochloric acid is its strongest grade (37 %, the twenty-fourth held-out set's "Hydrochloric
    # acid fuming 37%"); fuming sulphuric acid is oleum and red fuming nitric acid holds dinitrogen tetroxide,
    # other goods, so they keep the word.
    r"(?<=hydrochloric\sacid\s)fuming|fuming(?=\s+hydrochloric\s+acid)|"
    # Whether a monomer or solvent carries a stabiliser ("THF, stabilised with BHT", the twenty-third held-out
    # set's "red phosphorus powder, stabilised"): it says how the goods are kept, not which substance they are.
    # Common words and the common stabilisers, written from knowledge.
    # (with the stabiliser's amount: "Diethyl ether, stabilized with ~ 6 ppm BHT")
    r"(?:(?:bht|mehq|hydroquinone|ethanol|amylene)[\s-]+)?(?:un)?stabili[sz]ed(?:\s+with\s+(?:(?:~|approx\.?|ca\.?)\s*)?"
    r"(?:\d{1,4}(?:[.,]\d{1,3})?\s*(?:ppm|%)\s+)?(?:bht|mehq|hydroquinone|ethanol|amylene))?|"
    # how a solid or liquid was purified ("Anthranilic acid, sublimed", "Toluene, redistilled"): the same substance
    # the same word in the other languages names_eu.csv covers ("oxyde de diéthyle stabilisé", the fifty-sixth held-out
    # set's pch56031); common words, written from knowledge
    r"(?:stabilis[e\u00e9]e?s?|stabilisiert|gestabiliseerd|stabilizzat[oaie]|estabilizad[oa]s?|stabilizowan[aye]"
    # with the stabiliser named ("stabilisiert mit BHT", "stabilisé au BHT", "stabilizzato con BHT": review35)
    r")(?:\s+(?:mit|au|avec|con|met|z)\s+(?:(?:\d{1,4}(?:[.,]\d{1,3})?\s*ppm\s+)(?:de\s+)?)?(?:bht|mehq|ethanol|amylene))?|"
    r"(?:re)?sublimed|(?:re|double[\s-]|twice[\s-])?distilled|(?:re)?crystalli[sz]ed|"
    r"(?:un)?inhibited|"
    # Reagent makers' grade marks, as laboratory catalogues write them after the name ("Acetic anhydride, ReagentPlus,
    # 99 %", the thirty-fifth held-out set's pch35058): Sigma-Aldrich's ReagentPlus and CHROMASOLV, Merck's EMSURE,
    # EMPLURA, Suprapur, LiChrosolv and Titripur, VWR's AnalaR NORMAPUR; and (thirty-fifth session) Merck's EMPARTA,
    # EMPROVE (its ESSENTIAL, EXPERT and EVOLVE lines), SeccoSolv and Uvasol, VWR's HiPerSolv CHROMANORM and GPR
    # RECTAPUR, J.T.Baker's BAKER ANALYZED and Acros's AcroSeal pack. Trade names, written from knowledge; none is a
    # word of a chemical name.
    r"reagentplus|chromasolv|emsure|emplura|suprapur|lichrosolv|titripur|(?:analar\s+)?normapur|analar|"
    r"emparta|emprove(?:\s+(?:essential|expert|evolve))?|seccosolv|uvasol|(?:hipersolv\s+)?chromanorm|hipersolv|"
    r"(?:gpr\s+)?rectapur|baker\s+analy[sz]ed|acroseal|"
    # The flavour and fragrance trade's grades after an aroma chemical's name ("Heliotropin extra", "Piperonal
    # natural (ex pepper)", the forty-seventh held-out set): the same molecule, graded by origin or quality. Common
    # words, written from knowledge; "nature-identical" is not among them, since of an essential oil it says the
    # goods are not the natural product (chemistry/resolve.py _NOT_THE_NATURAL_PRODUCT_RE). "synthetic" is the other
    # origin of the same molecule ("Piperonal synthetic", "Pseudoephedrine synthetic": review37 found it hid a Category 1
    # name); of an essential oil it still says the goods are not the oil, which that pattern reads in the whole name.
    r"natural|synthetic|extra(?:\s+dry)?|"  # "extra dry" too, as reagent catalogues grade dried solvents ("Toluene, extra dry")
    # Distributors' catalogue grades (the forty-ninth held-out set): German "chem. rein" (chemisch rein), Carl Roth's
    # ROTIPURAN and ROTISOLV marks, an ISO mark after a reagent grade ("p.a., ISO"), and a share given as the acid's
    # strength in degrees Baumé ("66ºB", "66° Bé"; the ordinal sign reads as "o" once accents are folded). Common words
    # and marks, written from knowledge; none is a word of a chemical name.
    r"chem\.?\s+rein|chemisch\s+rein|rotipuran|rotisolv|(?<=,\s)iso|"
    r"(?<![\w\-.,])\d+(?:[.,]\d+)?\s*[o\u00ba\u00b0]\s*(?:be|baume|b)(?![\w])|"
    # a permanganate's "Free-Flowing Grade" (a hyphenated word before "grade" in general was a listed name's own:
    # "alpha-PHP grade", review27b)
    r"free[-\s]flowing(?:\s+grade)?)"
    r"(?=\W|$)",
    re.IGNORECASE,
)
# A grade named by its use after a comma or bracket ("toluol, nitration grade", "red phosphorus powder,
# flame-retardant grade": the twenty-third held-out set): one or two words before "grade" that _GRADE_RE does
# not list. Only after punctuation, where the words cannot be the end of the chemical's name; bounded words
# (no backtracking across a long run of them).
# Not when the word before "grade" is a grade _GRADE_RE lists, which is set aside alone ("Phosphor amorph, rot technical
# grade" keeps "rot", red, which the name needs: thirty-seventh session).
_LISTED_GRADE_BEFORE = "".join(
    rf"(?<!{word})" for word in ("technical", "techn", "tech", "pharmaceutical", "pharma", "analytical", "reagent", "food")
)
_USE_GRADE_AFTER_PUNCTUATION_RE = re.compile(
    r"(?<=[,;(])\s*+[^\W\d_][\w-]{0,30}+(?:\s++[^\W\d_][\w-]{0,30}+)?" + _LISTED_GRADE_BEFORE + r"\s++grade(?=\W|$)",
    re.IGNORECASE,
)
# The condition of goods shipped as waste, by-product or secondary raw material (the thirty-second held-out set:
# "Phenylacetone, off-spec (recovered)", "Spent sulphuric acid 70 %", "PMK oil distillation residue", "Methyl ethyl
# ketone, regenerated"): like a grade, they say how the substance is traded, not which it is, and a waste stream
# holding a scheduled substance is screened as that substance. English common words, written from knowledge.
_CONDITION_RE = re.compile(
    r"\b(?:off[-\s]?spec(?:ification)?|out[-\s]of[-\s]spec(?:ification)?|recovered|regenerated|reclaimed|recycled|"
    r"spent|waste|(?:distillation\s+|still\s+)?residues?|still\s+bottoms|mother\s+liquors?|fractions?|"
    # The same conditions in the languages of names_eu.csv's main rows (review23b G5: "Aceton Abfall", "acetone
    # recuperado", "déchets d'acétone" named nothing): German, French, Dutch, Italian, Spanish, Portuguese and Polish
    # waste, residue, regenerated, recovered, recycled and spent, in their inflected forms. Common words, written from
    # knowledge like the grades above; none is a word of a chemical name. A waste noun of the Romance languages takes
    # the preposition that joins it to the substance ("déchets d'acétone", "residuos de tolueno", "rifiuti di").
    r"(?:d[e\u00e9]chets?|r[e\u00e9]sidus?|residu[oi]s?|res[i\u00ed]duos?|rifiut[oi])(?:\s+(?:de|di|do|da|del|della)(?=\s)|\s+d['\u2019](?=\s*\w))?|"
    r"abf[a\u00e4]lle?|r[u\u00fc]ckst[a\u00e4]nde?|regeneriert|zur[u\u00fc]ckgewonnen|recycelt|"
    r"r[e\u00e9]g[e\u00e9]n[e\u00e9]r[e\u00e9]e?s?|r[e\u00e9]cup[e\u00e9]r[e\u00e9]e?s?|recycl[e\u00e9]e?s?|usag[e\u00e9]e?s?|"
    r"afval|geregenereerd|teruggewonnen|gerecycleerd|gerecycled|afgewerkt|"
    r"rigenerat[oaie]|recuperat[oaie]|riciclat[oaie]|esaust[oaie]|"
    r"regenerad[oa]s?|recuperad[oa]s?|reciclad[oa]s?|agotad[oa]s?|"
    r"odpad(?:y|[o\u00f3]w|owy|owa|owe)?|regenerowan(?:y|a|e)|odzyskan(?:y|a|e)|zu[z\u017c]yt(?:y|a|e))(?=\W|$|(?<=['\u2019]))",
    re.IGNORECASE,
)
# Physical forms a bulk chemical is sold in; like the grades above, they do not change the substance.
# Amorphous, the form red phosphorus is sold in, beside a name that says the colour ("Amorphous red phosphorus", "Fósforo
# vermelho amorfo": the sixty-seventh held-out set's pch67058), in the languages of names_eu.csv's main rows. Only beside a
# word for red: without one, "amorphous phosphorus" ("PHOSPHORUS, AMORPHOUS", the IMDG Code's name) is a name of its own,
# which the inverted and whole-name readings read as red phosphorus. Common words, written from knowledge.
_AMORPHOUS_RE = re.compile(r"\b(?:amorphous|amorph|amorphe|amorfo|amorfa|amorf|amorficzny)\b", re.IGNORECASE)
_RED_WORD_RE = re.compile(
    r"\b(?:red|rot|rote[rs]?|rouge|rojo|roja|vermelho|rosso|rood|rode|czerwony)\b", re.IGNORECASE
)
_PHYSICAL_FORM_RE = re.compile(
    r"\b(?:microni[sz]ed|micronis[e\u00e9]|mikronisiert|gemicroniseerd|micronizzat[oa]|micronizad[oa]|mikronizowany|"
    r"granular|granulated|granules?|granulat|granul[e\u00e9]s?|prill(?:s|ed)?|beads|milled|powdered|fine|"
    # the pieces a solid is broken into ("Crystal methamphetamine ... ice shards", the sixty-first held-out set's
    # pdh61024; "Caustic soda flakes"); common words, written from knowledge
    r"(?:crystal\s+)?shards|flakes|chunks|lumps|"
    # German crystalline and its abbreviation in master data ("KALIUMPERMANGANAT KRIST.", the twenty-ninth held-out
    # set) and English "cryst."; common words, written from knowledge
    r"kristallin|krist\.?|kristall\.?|cryst\.?|"
    # crystals, the plural noun, in the languages of names_eu.csv's main rows ("MDMA-Kristalle", the fifty-ninth
    # held-out set's pdh59010; "cristaux", "kristallen", "cristalli", "cristales", "kryształy"), the Romance ones with
    # the preposition that joins them to the substance before it ("cristaux de MDMA"); common words
    r"kristalle|kristallen|kryszta[\u0142l]y|krystaly|"
    r"(?:cristaux|cristalli|cristales|cristais)(?:\s+(?:de|di|del|do|da)(?=\s)|\s+d['\u2019](?=\s*\w))?|"
    r"pulver|poudre|poeder|polvere|polvo|proszek|"
    # the gas a substance is shipped as, by the adjective ("Hydrogen chloride, gaseous", "cloruro de hidrógeno gaseoso":
    # the forty-third held-out set's Costa Rican list wording), in the languages above; common words, written from
    # knowledge. Not the noun "gas": it is part of names ("synthesis gas", "natural gas", "laughing gas")
    r"gaseous|gasf[o\u00f6]rmig|gazeux|gaseos[oa]|gassos[oa]|gasvormig|gazowy|"
    # Finnish and Czech powder (common words, written from knowledge; Swedish "pulver" is above)
    r"jauhe|pr[a\u00e1][s\u0161]ek)(?=\W|$|(?<=['\u2019]))",
    re.IGNORECASE,
)
# A colour before a physical form, as a certificate of analysis gives the appearance ("white crystalline
# powder", "off-white crystals", "colourless to pale yellow liquid"): the colour does not change the
# substance, and left before the form word it kept the name from resolving ("Ephedrine HCl, white powder"
# resolved to nothing). Only before a form word: white and red phosphorus are different substances, and
# "white spirit" is a product. English only, the words as certificates of analysis write them.
_COLOUR = r"(?:off[-\s]?white|white|colou?rless|cream|beige|(?:(?:pale|light)\s+)?(?:yellow(?:ish)?|brown(?:ish)?))"
_COLOUR_BEFORE_FORM_RE = re.compile(
    rf"\b{_COLOUR}(?:\s+to\s+{_COLOUR})?\s+(?=(?:(?:fine|micro)?\s*crystalline\s+)?"
    r"(?:powder|crystals?|crystalline|solid|liquid|flakes|granules|needles)\b)",
    re.IGNORECASE,
)
# An analytical method named alone as a grade after a name ("1-boc-4-AP 99% HPLC", the eleventh held-out
# set; "GC", "AR" as catalogues print "analytical reagent"): only after a space and before a space,
# punctuation or the end, never joined to a name by a hyphen ("AR-A014418" is a research code).
_BARE_GRADE_RE = re.compile(
    r"(?<=\s)(?:for\s+)?(?:hplc|gc|ar|lr)(?=[\s,;.:)\]]|$)"
    # the method in brackets after a purity ("99.5% (HPLC)", the twenty-fourth held-out set's pdh24006)
    r"|\(\s*(?:hplc|gc|gc-ms|lc-ms|nmr|titration|titr\.)\s*\)",
    re.IGNORECASE,
)
# The European Pharmacopoeia's mark of a reagent, the capital letter R (with a number for a second or third quality)
# after the name ("Toluene R", "Hydrochloric acid R1", "ammonia R2"): Ph. Eur. 4.1, "Where the name of a substance or
# a solution is followed by the letter R ..., this indicates a reagent included in the following list". Laboratories
# and their suppliers order and ship reagents so. Case-sensitive, after a word or bracket, and only last in the name or
# before a comma or semicolon: a lone "R" elsewhere may be anything. Set aside only before a watchlist name
# (chemistry/resolve.py lookup_watchlist_name_without_form_noun): a dye's shade letter is written so too ("Rhodamine
# R", "Ponceau R": review28), and without it the dye's name is another dye's.
_REAGENT_MARK_RE = re.compile(r"(?<=[^\W\d_]|\))\s++R[1-9]?(?=\s*+(?:[,;]|$))")


def strip_reagent_mark(name: str) -> str | None:
    """``name`` without the European Pharmacopoeia's reagent mark after it ("Toluene R" -> "Toluene", "Hydrochloric
    acid R1, 1 L" -> "Hydrochloric acid, 1 L"); None when it has none or several, or is longer than a cleaned name may
    be."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    stripped = _REAGENT_MARK_RE.sub("", name)
    if stripped == name or _REAGENT_MARK_RE.search(stripped):
        # none, or more than one: one mark is set aside, never one after another (review28b H2: each was looked up in
        # turn, "Hexen R R R ..." 2.4 s)
        return None
    return stripped
# What a pack is made of, before the pack word ("200kg iron drum", "25 kg fibre drum", the eleventh held-out
# set; "HDPE drums", "PE-lined bags", "glass bottles"): stripped with the pack word, never on its own, so
# that a name with such a word in it ("carbonyl iron", "glass wool") keeps it when no pack word follows.
# English common words, written from knowledge.
_PACK_MATERIAL_RE = re.compile(
    r"\b(?:in\s+)?(?:stainless\s+steel|galvani[sz]ed\s+steel|iron|steel|metal|tin|alumin(?:i)?um|plastic|hdpe|ldpe|pe|pp|"
    r"fibre|fiber|cardboard|(?:kraft\s+)?paper|(?:amber\s+)?glass)"
    r"(?:[\s-]+lined)?[\s-]+(?:drums?|barrels?|bags?|sacks?|bottles?|cans?|containers?|pails?|jerrycans?|kegs?|"
    r"boxes|cartons?|carboys?|ibcs?|totes?)(?=\W|$)",
    re.IGNORECASE,
)
# The physical form a substance is declared in, as a noun after its name ("BMK oil 99% min", the eleventh
# held-out set; "... solid", "... paste"). Not stripped with the grades above: "mustard oil" is allyl
# isothiocyanate and "mustard" alone mustard gas in the identifier database, and "sassafras oil" is an
# essential oil, not the safrole it contains. Read only as the last of a name's readings, and only
# when what is left is one of the watchlist's own names (chemistry/resolve.py lookup_name_record). Never
# "oil of ..." ("oil of wintergreen", "oil of sassafras"): there the oil is the goods.
_FORM_NOUN_RE = re.compile(r"(?<=[^\W_]|\))\s+(?:oil|oily\s+liquid|solid|paste)(?![\w-])(?!\s+of\b)", re.IGNORECASE)
# What the goods are made up as, after a listed name ("Safrole mixture", "PMK glycidate mixture", "Ephedrine HCl
# premix", "Safrole concentrate": review23 F2), read the same way (chemistry/resolve.py
# lookup_watchlist_name_without_form_noun) but only before a name of its own, not an abbreviation ("PCE mix" is
# perchloroethylene's, "STP concentrate" a motor additive: review23b G1), and never where a share is stated ("Heliotropin
# mixture 1 %" is a fragrance compound: G12). Not "mix" or "blend": perfumery's words (review22c M1).
_COMPOSITION_NOUN_RE = re.compile(r"(?<=[^\W_]|\))\s+(?:mixture|premix|concentrate)(?![\w-])(?!\s+of\b)", re.IGNORECASE)
_SHARE_RE = re.compile(r"\d\s*(?:%|ppm|percent)", re.IGNORECASE)


def strip_composition_nouns(name: str) -> str | None:
    """``name`` without the words after it that say what the goods are made up as (_COMPOSITION_NOUN_RE:
    "Safrole mixture" -> "Safrole"); None when it has none, states a share, or what is left is an abbreviation."""
    if len(name) > MAX_CLEANED_NAME_CHARS or _SHARE_RE.search(name):
        return None
    stripped = _COMPOSITION_NOUN_RE.sub("", name)
    # an abbreviation as is_abbreviation reads one, but not a name in capitals ("SAFROLE MIXTURE", ERP style): a run
    # of five letters is a word (_LONG_WORD_RE)
    if stripped == name or (is_abbreviation(stripped) and not _LONG_WORD_RE.search(stripped)):
        return None
    return stripped


# A word saying that the goods are a drug precursor, before or after a listed name, as seizure reports and customs
# notices write it ("précurseur PMK", "the precursor BMK", "PMK precursor", "PMK-precursor", "Grundstoff BMK": the
# fifty-ninth held-out set's pch59020), with a qualifier ("prekursor narkotykowy", "précurseur de drogue", "precursor
# químico"), in the languages of names_eu.csv's main rows (German "Grundstoff", "Drogenausgangsstoff", the legal terms
# of the German law on precursors, and "Vorläufersubstanz"); common words, written from knowledge. Read as a
# last-resort reading (chemistry/resolve.py resolve_after_precursor_word), only when what is left names a scheduled or
# designer precursor of the watchlist, never a controlled drug.
_PRECURSOR_WORD = (
    r"(?:(?:drug|chemical)\s+)?precursors?|pr[e\u00e9]curseurs?|precursor[ei]|prekursor(?:y|em|[o\u00f3]w)?|"
    r"(?:drogen)?grundstoffe?|(?:drogen)?ausgangsstoffe?|vorl[a\u00e4]ufer(?:substanz(?:en)?|stoffe?)?|"
    r"voorloper(?:s|stof(?:fen)?)?"
)
_PRECURSOR_QUALIFIER = (
    r"(?:\s+(?:narkotykow[ya]|chemiczn[ya]|de\s+drogues?|chimiques?|qu[i\u00ed]mic[oa]s?|chimic[oi]|de\s+drogas?|"
    r"for\s+drugs?))?"
)
_PRECURSOR_WORD_RE = re.compile(
    rf"^\s*(?:(?:the|le|la|il|el|de|het|der|die)\s+)?(?:{_PRECURSOR_WORD}){_PRECURSOR_QUALIFIER}\s*:?\s+(?=\S)"
    rf"|(?<=\S)(?:\s+|\s*-\s*)(?:{_PRECURSOR_WORD}){_PRECURSOR_QUALIFIER}\s*$",
    re.IGNORECASE,
)


def strip_precursor_word(name: str) -> str | None:
    """``name`` without a word before or after it that says the goods are a drug precursor (_PRECURSOR_WORD_RE:
    "précurseur PMK" -> "PMK"); None when it has none or is longer than a cleaned name may be."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    stripped = _PRECURSOR_WORD_RE.sub("", name).strip()
    return stripped if stripped and stripped != name.strip() else None


def strip_form_nouns(name: str) -> str:
    """``name`` without the physical-form nouns after its words (_FORM_NOUN_RE: "BMK oil 99%" -> "BMK 99%");
    ``name`` itself when it has none."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return name
    return _FORM_NOUN_RE.sub("", name)


# Words that say the goods are a reference material, as standards' catalogues write them after the name
# ("Cocaine-D3 1.0 mg/mL in acetonitrile, CRM", "BMK methyl glycidate, analytical reference standard",
# "Anthranilic acid, pharmaceutical secondary standard": the fifteenth held-out set): like a grade, they say
# how the substance is sold, not which it is. English common words, written from knowledge. A reference
# material is a solution of the substance for calibrating instruments, sold in ampoules and vials, and no
# medicinal product (no marketing authorisation, no patient): its "ampoule" is a pack, not a dose form
# (find_dose_form), so declaring one only ever keeps a substance in its own category, never lowers it.
_REFERENCE_MATERIAL_RE = re.compile(
    r"(?<![\w-])(?:crms?|(?:(?:certified|analytical|pharmaceutical|pharmacopoeial|primary|secondary|working)\s+){0,2}"
    r"(?:reference|research|analytical|primary|secondary|internal|volumetric)\s+(?:standards?|materials?)|"
    # a standard or volumetric solution for titrations ("Potassium permanganate volumetric solution 0.02 mol/L")
    r"(?:standard|volumetric)\s+solutions?|"
    # The pharmacopoeias' reference standards by their abbreviations after the name, as their catalogues list them
    # ("USP Ephedrine Sulfate RS", "Pseudoephedrine hydrochloride CRS", "... BPCRS": the thirty-fifth held-out set).
    # Only at the end of the name or before a separator: "(RS)-" before a name is a stereodescriptor.
    r"(?<=\s)(?:bp)?c?rs(?=\s*(?:[,;|]|$)))(?![\w-])",
    re.IGNORECASE,
)
# A concentration of a titration solution on its own ("0.02 mol/L", "0.1 M", "1 N"), as volumetric solutions are
# sold: like a purity, how much of the substance the goods hold, not which substance. The number stands on its
# own (not after a letter, digit, hyphen or dot) and the unit is not followed by a letter or hyphen, so that
# locants ("4-N", "N-methyl") are left alone.
_MOLAR_CONCENTRATION_RE = re.compile(
    r"(?<![\w\-.,])\d+(?:[.,]\d+)?\s*(?:m?mol\s*/\s*(?:l|dm3)|m|n)(?![\w\-])", re.IGNORECASE
)
# A concentration in a solvent ("1.0 mg/mL in methanol", "100 ug/mL in acetonitrile", "2.0 M in diethyl ether"),
# as solutions of standards and reagents are sold: the solvent is what the substance is dissolved in, not the
# goods, and is set aside with the concentration. Only after a concentration (a mass per volume or a molarity),
# so that "in" elsewhere in a name is left alone; the solvent is one word, or two that end the particular
# (before a comma, semicolon, bracket or the end: "in ethyl acetate").
_SOLVENT_WORD = r"[^\W_](?:[\w\-']|[,:](?=\w))*"
_CONCENTRATION_IN_SOLVENT_RE = re.compile(
    r"(?<![\w\-.])\d+(?:[.,]\d+)?\s*"
    r"(?:(?:mg|g|\u00b5g|\u03bcg|ug|mcg|ng)\s*/\s*(?:\d+(?:[.,]\d+)?\s*)?(?:ml|l|\u00b5l|\u03bcl|ul)|m|mm|mol\s*/\s*l)"
    rf"\s+in\s+{_SOLVENT_WORD}(?:\s+{_SOLVENT_WORD}(?=\s*(?:[,;(\[]|$)))?",
    re.IGNORECASE,
)


# Dose forms and packs of medicinal products, in English and the languages names_eu.csv covers. A name
# with one ("pseudoephedrine 60 mg tablets") declares a medicinal product: the substance is its active
# ingredient, and Category 4 applies (find_dose_form, chemistry/matching.py match_cn_scope). Written
# from the dose forms' common names, not from a list read for this: a word missing here only leaves a
# declared name unresolved, as before.
_DOSE_FORM_RE = re.compile(
    # "medicinal products containing ephedrine", Category 4's own words (the thirty-sixth held-out set's pch36077): the
    # goods declared as a medicinal product, a dose form of any kind ("for medicinal products" is a bulk substance's use)
    r"\b(?:(?:veterinary\s+)?medicinal\s+products?|"
    r"tablets?|tabs?|capsules?|caps|ampoules?|ampules?|ampuls?|suppositor(?:y|ies)|lozenges?|syrup|"
    # a cough medicine's forms ("Codeine cough syrup", "Codeine linctus", "Hustensaft": review31), common words
    r"cough\s+(?:syrup|mixture|drops|linctus)|linctus|hustens(?:aft|irup)|"
    r"oral\s+(?:solution|drops|suspension)|(?:solution\s+)?for\s+injection(?!\s+mou?ld)|injections?|injectable|"
    r"nasal\s+spray|blisters?|retard|"
    # Forms of controlled medicines as their product information names them (the twenty-first held-out set's
    # "fentanyl 50 microgram/h transdermal patch", "cocaine hydrochloride 10 % topical solution"; the EDQM
    # Standard Terms' "transdermal patch" and "cutaneous solution", and "topical solution" as US labels say):
    # a patch is no bulk chemical's pack, and these solutions are named by their route.
    r"transdermal\s+(?:patch(?:es)?|system)|(?:topical|cutaneous)\s+solution|"
    r"(?:film|brause|retard)?tabletten|(?:hart|weich)?kapseln?|ampullen|injektionsl[o\u00f6]sung|sirup|tropfen|"
    # a patch as German product names call it ("Fentanyl-CT 25 Mikrogramm/h Matrixpflaster", EDQM's "Transdermales
    # Pflaster"; "TTS", transdermales therapeutisches System, in capitals as names print it)
    r"(?:transdermales\s+|matrix)?pflaster|(?-i:TTS)|"
    r"comprim[e\u00e9]s?(?:\s+pellicul[e\u00e9]s?|\s+effervescents?)?|g[e\u00e9]lules?|sirop|gouttes|"
    r"solution\s+injectable|suppositoires?|"
    r"(?:filmomhulde|omhulde)\s+tabletten|bruistabletten|injectievloeistof|siroop|druppels|"
    r"compress[ae](?:\s+rivestite(?:\s+con\s+film)?|\s+effervescenti)?|fial[ae]|soluzione\s+iniettabile|"
    r"sciroppo|gocce|supposte|"
    r"comprimidos?(?:\s+recubiertos(?:\s+con\s+pel[i\u00ed]cula)?|\s+efervescentes)?|c[a\u00e1]psulas?|"
    r"ampollas?|soluci[o\u00f3]n\s+inyectable|jarabe|gotas|supositorios?|"
    r"tabletki(?:\s+powlekane|\s+musuj[a\u0105]ce)?|kapsu[l\u0142]ki|ampu[l\u0142]ki|"
    r"roztw[o\u00f3]r\s+do\s+wstrzykiwa[n\u0144]|syrop|krople|czopki|"
    # tablets and capsules in the Union's other languages (the fifty-fifth held-out set's Hungarian "MDMA tabletta"):
    # Hungarian, Czech and Slovak, Swedish and Danish, Romanian, Croatian and Slovenian; common words, from knowledge
    r"(?:film)?tablett(?:a|[a\u00e1]k)|kapszul(?:a|[a\u00e1]k)|(?:potahovan[e\u00e9]\s+)?tablety|tobolky|kapsuly|tabletter|"
    r"kapslar|kapsler|comprimate|tablete|kapsule|"
    # and the singulars and the Finnish, Estonian, Lithuanian, Latvian and French plurals review35 found missing
    r"tableta|kapsula|tabletit|kapselit|tabletid|tablet[e\u0117]s|tablettes|"
    # Turkish (the fifty-seventh held-out set's "Pseudoefedrine HCl 30 mg/5 ml şurup"): syrup, capsule, film tablet,
    # effervescent tablet, ampoule; common words, written from knowledge
    r"[s\u015f]urup|kaps[u\u00fc]l|film\s+tablet|efervesan\s+tablet|ampul|"
    # Latin, as the WHO International Pharmacopoeia titles an injection of a salt ("Ergometrini
    # injectio"; chemistry/data/SOURCES.md, "Latin titles"): the only Latin dose form read there.
    r"injectio)(?=\W|$)",
    re.IGNORECASE,
)
# Words of _DOSE_FORM_RE that trade in bulk chemicals uses too ("drums with screw caps", "tabs sealed",
# "glucose syrup", "injection moulding", "flame retard", "blister packs" of anything): stripped from a
# name like the others, but not read as a medicinal product's dose form by find_dose_form, which would
# take a bulk Category 1 substance for a Category 4 medicinal product on one packaging word.
_NOT_ONLY_MEDICINAL_RE = re.compile(
    # (Danish and Norwegian "kapsler" are also bottle caps, Romanian "comprimate" also "compressed": review35)
    r"^(?:tabs?|caps|injections?|retard|blisters?|syrup|sirup|sirop|siroop|sciroppo|jarabe|syrop|kapsler|comprimate)$"
)
# Marks of medicinal products' names, as pharmacies' and wholesalers' systems write them after the product's name
# (the forty-eighth held-out set: "Ritalin SR Ret Tabl 20 mg 100 Stk", "Sodium Oxybate Oral Solution, CIII"): a
# modified-release mark (SR, XR, XL, ER, CR, MR), the Swiss and German abbreviations of retard, tablets, capsules and
# pieces (Ret, Tabl, Filmtabl, Kaps, Stk, with a count or without) and the US Controlled Substances Act's schedule
# symbol (CII to CV, C-II to C-V, as labels print it). Common marks, written from knowledge; case-sensitive and after
# another word only, so that a name beginning with them (or an element's symbol typed in small letters) is not cut.
_MEDICINE_MARK_RE = re.compile(
    r"(?<=[\w),])\s+(?:(?:\d+\s*)?(?i:stk|st\u00fcck|stueck)\.?|C-?(?:II|III|IV|V)|SR|XR|XL|ER|CR|MR|"
    # the marks that declare a medicinal product's dose form (find_dose_form), in capitals too ("RET TABL", review27 F7);
    # not a release mark, which bulk trade writes too ("ER" grades: review27b, 100 kg of ephedrine with "ER" had been read
    # as a medicinal product)
    r"(?P<dose>(?i:ret|(?:film|brause)?tabl|kaps)\.?))(?=[\s,;.]|$)"
)
# The marketing-authorisation holder's mark that European generic medicines carry after their active substance's
# name, joined by a hyphen or a space ("Methylphenidat-HCl-ratiopharm 27 mg Retardtabletten", the forty-eighth held-out
# set's pdh48016; "Fentanyl-CT 25 Mikrogramm/h", "Oxycodon-HCl AL 10 mg", "Fentanyl Hexal", "Tramadol Sandoz"): the
# name is the substance's, so "Fentanyl Hexal" is a fentanyl medicine. The largest generic houses' marks as their
# product names print them (the German, Austrian, Swiss, Benelux, French and Spanish markets), common knowledge of
# pharmacy written from the product names; AL (Aliud), CT and EG in capitals only. Not "beta" (a stereodescriptor too),
# "Accord" (a perfumer's blend: "Heliotropin Accord") or "Arrow" (review31), nor any mark at the start of a name. After a
# space in any text: review31 had kept them to a medicine's text, which left "Ephedrine Teva" and "Piperonal Stada"
# naming nothing at all (review33): a listed substance's name before a maker's mark is what a reader sees.
_GENERIC_MAKER_MARK_RE = re.compile(
    r"(?<=[\w)])(?:\s+|-)(?:(?i:ratiopharm|hexal|stada|sandoz|teva|mylan|viatris|zentiva|krka|aurobindo|"
    r"actavis|aristo|heumann|abz|1\s?a\s+pharma|puren|genericon|mepha|biogaran|cinfa|normon|zydus|apotex|"
    r"winthrop|neuraxpharm|glenmark|acino|kern\s+pharma)|"
    r"AL|CT|EG)(?=[\s,;.\u00ae]|$)"
)


def _strip_generic_maker_marks(piece: str) -> str:
    """The piece without a generic maker's mark after its name, hyphen-joined as the makers print them
    ("Methylphenidat-HCl-ratiopharm") or after a space ("Fentanyl Hexal", "Ephedrine Teva")."""
    return _GENERIC_MAKER_MARK_RE.sub(" ", piece)


# What is said of a dose form ("film-coated tablets"): stripped, but not a dose form on its own.
_DOSE_FORM_QUALIFIER_RE = re.compile(
    r"\b(?:film[-\s]?coated|coated|effervescent|chewable|orodispersible|dispersible|gastro[-\s]?resistant|"
    r"(?:prolonged|modified|extended|sustained|delayed)[-\s]release|"
    # where a tablet is taken ("comprimé sublingual", "sublingual tablets": the twenty-first held-out set's
    # buprenorphine) and prolonged release in Spanish, French and Italian ("comprimidos de liberación
    # prolongada", that set's methylphenidate; accents folded, as the name is read): common words of product
    # information, written from knowledge; no chemical name has them.
    r"sublingua(?:l|le|les)|buccal|"
    # German product information's modified, prolonged and delayed release and gastro-resistance ("Hartkapsel mit
    # veränderter Wirkstofffreisetzung", the forty-eighth held-out set's Medikinet retard; accents folded), EDQM's
    # Standard Terms in German, common words written from knowledge
    r"mit\s+(?:veranderter|verlangerter|verzogerter)\s+wirkstofffreisetzung|magensaftresistente?|"
    # the route of a solution, left once the grade words have taken "solution" ("10 % topical solution")
    r"topical|cutaneous|de\s+liberacion\s+prolongada|a\s+liberation\s+prolongee|a\s+rilascio\s+prolungato)"
    r"(?=\W|$)",
    re.IGNORECASE,
)
# "%" and its words: the Arabic and full-width signs, "PCT", and "per cent" as the Union's languages write it
# ("99 Prozent", "99,5 procent", "99 pour cent"; the seventeenth session's attack declared Category 1 under CN
# 3003 with the German word, which no content reading saw).
_PER_CENT = (
    # "99.5 wt%", "99,5 mass-%", "99 m/m %": per cent by mass, as specifications write it (the eighteenth
    # session's attack declared Category 1 under CN 3003 with "wt%", which no content reading saw)
    r"(?:wt|mass|m/m|w/w)\.?[\s-]?%|"
    r"%|\u066a|\uff05|pct(?![a-z])|per\s*cent(?![a-z])|percent(?![a-z])|prozent(?![a-z])|procent(?![a-z])|"
    r"pour\s*cent(?![a-z])|por\s*ciento(?![a-z])|per\s*cento(?![a-z])|por\s*cento(?![a-z])"
)
# The words that say a figure is the goods' own content ("purity 0.99", "Reinheit 0,99", "teneur : 99,5 %"), by
# language, as written once accents are folded (fold_accents: "pureté" -> "purete", "zawartość" -> "zawartosc").
# Declarations arrive in the Union's languages; the seventeenth and eighteenth sessions' attacks declared Category 1
# under CN 3003 with "Reinheit 0,99", which only the English words were read in. Each word is the pharmacopoeias' or a
# certificate's usage, or a dictionary's word for purity or content; the sources are in docs/identification.md
# ("Content words in other languages"). A word left out is read as no content word: its fraction is not a content.
CONTENT_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("purity", "assay", "content"),
    # German "ab" (from) before the share, as the concentration limits of the hazard classification name a solution
    # ("Salzsäure ab 25 %", the sixtieth held-out set's pch60003); a word of its own, before a figure only
    "de": ("gehalt", "reinheit", r"(?<![^\W\d_])ab"),
    "fr": ("teneur", "purete"),
    "it": ("titolo", "purezza"),
    # Spanish "al 28 %" (at 28 %) and Polish "ok." (około, about), as distributors' product names put them before the
    # share ("ÁCIDO MURIÁTICO AL 28%", "Kwas siarkowy ok. 68%": the forty-ninth held-out set)
    # (a word of their own: the "al" of "Piperonal 99%" is the name's)
    "es": ("contenido", "pureza", r"(?<![^\W\d_])al"),
    "pl": ("zawartosc", "czystosc", r"(?<![^\W\d_])ok\."),
    "nl": ("gehalte", "zuiverheid"),
}
# Words before a figure that make it no share of the goods (_NOT_THE_GOODS_CONTENT_RE): a pack's quantity (net, gross,
# fill) or a specification's impurity or loss (water, loss on drying, ash, related substances), by language, as
# regular-expression pieces of folded words. Sources as for CONTENT_WORDS_BY_LANGUAGE. "as" (Dutch for ash) is left
# out: it is an English word; "asgehalte" is read.
NOT_THE_GOODS_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (
        "net", "gross", r"fill(?:ing)?", "solvent", "residual", "water", "moisture", r"loss\s+on\s+drying", "lod",
        r"k\.?\s*f\.?", r"karl\s+fischer", "ash", r"residue(?:\s+on\s+ignition)?", r"impurit(?:y|ies)",
        r"related\s+substances", r"heavy\s+metals",
    ),
    "de": (r"wasser(?:gehalt)?", "trocknungsverlust", r"(?:sulfat)?asche", "gluhruckstand", "netto"),
    "fr": (
        "eau", r"perte\s+a\s+la\s+dessiccation", r"cendres(?:\s+sulfuriques)?", r"residu\s+d['\u2019]\s*incineration",
        r"metaux\s+lourds",
    ),
    "it": ("acqua", "umidita", "ceneri", r"perdita(?:\s+all['\u2019]\s*essiccamento|\s+di\s+peso)?", "netto"),
    "es": ("agua", r"perdida\s+por\s+desecacion", r"cenizas(?:\s+sulfuricas)?", r"sustancias\s+relacionadas", "neto"),
    "pl": (r"wod[ay]", "popio[l\u0142]", "netto"),
    "nl": (r"vocht(?:gehalte)?", "asgehalte", "netto"),
}  # fmt: skip
# An upper bound before a figure in words ("NMT 99 %", "nicht mehr als", "no más del", "najwyżej"): it states no
# content (_AT_MOST_RE). Sources as for CONTENT_WORDS_BY_LANGUAGE.
AT_MOST_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (r"max\.?", "maximum", "nmt", r"not\s+more\s+than", r"less\s+than", r"up\s+to", "below", "under"),
    "de": (r"nicht\s+mehr\s+als", "hochstens"),
    "fr": (r"pas\s+plus\s+de",),
    "es": (r"no\s+mas\s+del?",),
    "pl": ("najwyzej",),
}


def _alternation(words_by_language: dict[str, tuple[str, ...]]) -> str:
    """One non-capturing group of every language's words, the longest first (a word never loses to its prefix)."""
    words = sorted({w for words in words_by_language.values() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(words) + ")"


_CONTENT_WORD = _alternation(CONTENT_WORDS_BY_LANGUAGE)
# A price run into the name, as table columns read by OCR or pasted from an invoice run together ("Ephedrine
# hydrochloride 25 kg 4.800,00", the thirty-eighth held-out set's pch38033; "Acetone 200 L EUR 1,250.00"): an amount
# with a thousands separator and two decimals, or any amount with a currency code or sign before or after it. The
# number stands on its own, so that locants and CAS numbers keep theirs.
_CURRENCY = r"(?:eur|usd|gbp|chf|cny|rmb|inr|pln|czk|huf|sek|dkk|ron|bgn|\u20ac|\$|\u00a3|\u00a5)"
_PRICE_RE = re.compile(
    # each alternative starts at a currency or a digit (not at white space: a run of spaces before "x" was read from
    # every one of its positions)
    rf"(?<![\w.,\-])(?:{_CURRENCY}\s*+)?(?:\d{{1,3}}(?:[.\u00a0\u202f ]\d{{3}})++,\d{{2}}|\d{{1,3}}(?:,\d{{3}})++\.\d{{2}})"
    rf"(?:\s*+{_CURRENCY})?(?![\w.,\-])"
    rf"|(?<![\w.,\-]){_CURRENCY}\s*+\d{{1,3}}(?:[.,]\d{{3}})*+(?:[.,]\d{{2}})?(?![\w.,\-])"
    rf"|(?<![\w.,\-])\d++(?:[.,]\d{{2}})?\s*+{_CURRENCY}(?![\w.,\-])",
    re.IGNORECASE,
)
# The lower bound of a purity stated as a range ("95-97 %", "99.0 to 100.5 %": the thirty-fifth held-out set's
# pch35068), set aside before _PURITY_RE reads the upper bound with its per cent sign.
_PURITY_RANGE_START_RE = re.compile(
    # the range's words in the catalogues' languages too ("70 à 100 %", "98/99%": the forty-ninth held-out set)
    rf"(?<![\w.,\-])\d++(?:[.,]\d+)?\s*+(?:-|\u2013|\u2014|/|to|\u00e0|a|bis|do|tot)\s*+(?=\d++(?:[.,]\d+)?\s*(?:{_PER_CENT}))",
    re.IGNORECASE,
)
_PURITY_RE = re.compile(
    # A comparator as typed in ASCII (">=", "=>", "<=") as well as the signs themselves.
    # "PCT" and "per cent" as ERP exports write "%" ("99PCT", the ninth held-out set)
    # Possessive (*+): the white space around a comparator is read one way only; its three \s* could share a
    # run of spaces in a cubic number of ways at each start ("purity" and 500 spaces: 0.8 s, eighteenth session).
    # The number from the start of its digits only, read whole: at each digit of a long run \d+ tried every
    # length of the rest (a name of 500 digits: 1 s to screen, its pieces cleaned many times).
    rf"(?:{_CONTENT_WORD}\s*+[:>=<\u2265\u2264]*+\s*+)?(?:[<>]=?|=[<>]|[\u2265\u2264])?\s*+(?<!\d)\d++(?:[.,]\d+)?\s*"
    rf"(?:{_PER_CENT})"
    r"(?:\s*(?:w/w|w/v|v/v))?",
    re.IGNORECASE,
)
# A liquid's density written as its grade after the name, as the acid and lye trade names its grades ("Schwefelsaure
# 1,84", concentrated sulphuric acid; "Salzsaure 1,19"; "Akkumulatorsaure 1.23", battery acid; "d = 1,40"; the forty-
# third held-out set's pch43014): the number last in the piece, alone after a space. Without a word for density before
# it, only a density such liquids have, 0.60-1.999 g/ml with two or three decimals (a share is written with "%", a
# version or a pack with one decimal or none); with one ("D=", "Dichte", "density", "densite", "sp. gr."), any number
# below 3. The words are ours, written from knowledge.
_DENSITY_GRADE_RE = re.compile(
    r"(?<=\s)(?:(?:(?:d|dichte|density|densite|densita|densidad|gestosc|dichtheid|sp\.?\s*gr\.?|spez\.?\s*gew\.?)"
    r"\s*[=:]?\s*[0-2][.,]\d{1,4})|1[.,]\d{2,3}|0[.,][6-9]\d{1,2})"
    r"(?:\s*(?:g\s*/\s*(?:ml|cm3|cm\u00b3|cc)|kg\s*/\s*(?:l|dm3|dm\u00b3)))?\s*$",
    re.IGNORECASE,
)
# A purity with the per-cent sign before the number, as Turkish writes it ("Asetik asit anhidrit %99", "Safrole %98";
# review26b): the sign standing apart, the number whole. Possessive as _PURITY_RE.
_PER_CENT_FIRST_RE = re.compile(r"(?<![\w.,%])%\s?+\d++(?:[.,]\d++)?+(?![\w.,])")
# Quantities with their unit ("25 kg", "4 x 25kg", "200 L", "50 lb bags", "25 kg/drum"). The number
# must stand on its own: not after a letter, digit, hyphen or dot, and the unit not followed by a
# letter or hyphen, so that locants and CAS numbers ("1-phenyl-2-propanone", "2,5-dimethoxy", "4-AP",
# "25T-NBOMe", "103-79-7") are never read as quantities.
# German drums, bags, cans and packs (umlauts folded or spelled out), after a quantity or joined to it.
_GERMAN_PACK_WORDS = "fass|faesser|fasser|sack|saecke|sacke|kanister|eimer|gebinde"
# German, French, Italian, Spanish and Polish drums, bags and cans (accents folded; common words written from
# knowledge): "200 kg Fass", "25 kg sac", "200 l fusto", "25 kg saco", "25 kg worek"; before a quantity too in ERP
# short texts ("PIPERONALE 99% FUSTO 25KG", the twenty-ninth held-out set). One list for both places (review23 F13).
_FOREIGN_PACK_WORDS = (
    rf"{_GERMAN_PACK_WORDS}|fut|futs|sac|sacs|bidon|bidons|fusto|fusti|"
    r"sacco|sacchi|tanica|taniche|bidones|saco|sacos|tambor|tambores|beczka|beczki|worek|worki|"
    # Turkish drums and sacks (review26b: "Asetik asit anhidrit, 200 kg varil"), bags and boxes (the fifty-seventh
    # held-out set's "Fenilasetik asit %99, 25 kg torba"; common words, written from knowledge)
    r"varil|variller|[c\u00e7]uval|[c\u00e7]uvallar|torba|torbalar|kutu|kutular|koli|koliler"
)
_QUANTITY_RE = re.compile(
    # A pack word may come before the quantity as well as after it ("IBC 1000 l", the seventh held-out
    # set's Swedish row; "drum 200 kg"), only when a quantity with its unit follows.
    r"(?<![\w\-.])(?:(?:drums?|bags?|ibcs?|pails?|bottles?|totes?|cans?|cartons?|boxes|jerrycans?|"
    # before the quantity too in ERP short texts ("ACETON TECH. DR 160KG": the twenty-ninth held-out set; "DR" is
    # master data's abbreviation of drum) and the other languages' packs
    rf"dr\.?|{_FOREIGN_PACK_WORDS})\s+)?"
    r"(?:\d+\s*[x\u00d7*]\s*)?\d+(?:[.,]\d+)?\s*"
    # (German product information's "Mikrogramm": "Fentanyl-ratiopharm 25 Mikrogramm/h")
    r"(?:kgs?|g|grams?|mg|\u00b5g|\u03bcg|mcg|micrograms?|mikrogramm|t|mt|tonnes?|tons?|lbs?|pounds?|l|ltrs?|"
    r"lit(?:re|er)s?|ml|gal|gallons?)"
    # a concentration ("30 mg/ml", "120 mg/5 ml"), or a patch's rate of release ("50 microgram/h", "25 \u00b5g/h",
    # "4.6 mg/24 h", as product information states a transdermal patch's strength)
    r"(?:\s*/\s*(?:\d+(?:[.,]\d+)?\s*)?(?:ml|l|g|dose|tab(?:let)?|h|hr|hours?)\b)?"
    r"(?:\s*(?:/|per)\s*(?:drum|bag|ibc|pail|bottle|tote|can|container|carton|box)s?)?"
    r"(?:\s+(?:drums?|bags?|ibcs?|pails?|bottles?|totes?|cans?|cartons?|boxes|jerrycans?|"
    # a laboratory chemical's or reference material's pack ("Ephedrine HCl 100 mg vial": a vial holds medicines
    # too, whose dose form says so, "solution for injection")
    r"vials?|"
    # Swedish, Finnish and Czech packs, only after a quantity: "säck" is read in the fifth held-out
    # set's row ("25 kg säck"); fat (drum), dunk (can), säkki, tynnyri, pytel, sud are the languages'
    # common words, written from knowledge.
    r"s[a\u00e4]ck(?:ar)?|fat|dunk(?:ar)?|s[a\u00e4]kki|tynnyri|pytel|pytle|sud|sudy|"
    rf"{_FOREIGN_PACK_WORDS}))?(?![\w\-])",
    re.IGNORECASE,
)
# A quantity joined to its pack by hyphens, as German writes compounds ("200-kg-Fass", the tenth held-out set).
_HYPHENATED_PACK_RE = re.compile(
    rf"(?<![\w.])\d+(?:[.,]\d+)?-(?:kg|l|liter|litre)-(?:{_GERMAN_PACK_WORDS}|trommel|drum|bag|container)(?![\w\-])",
    re.IGNORECASE,
)
# A UN number after or inside a name, with the class and packing group that follow it ("Acetone UN1090 Class 3 PG II",
# "Acetone, UN 1090, 3, II"): it names an entry of the Dangerous Goods List, never the substance, and is never looked
# up (read_dangerous_goods_name reads a description that begins with one). ADR/IMDG's order of particulars; the
# words for class and packing group in English, German and French, ours.
_UN_NUMBER_PARTICULARS_RE = re.compile(
    r"(?<![\w])UN[\s-]?\d{4}(?![\w])"
    # the class after its word, or a bare class digit between commas ("UN 1090, 3, II"); never a locant
    # ("UN 2811 4-Piperidone", "UN 1993 2-propanol": review30 H2)
    r"(?:\s*+,?\s*+(?:class|cl\.|klasse|classe)\s*+\d(?:\.\d)?(?:\s*+\(\d(?:\.\d)?\))?(?![\w.,\-])"
    r"|\s*+,\s*+\d(?:\.\d)?(?:\s*+\(\d(?:\.\d)?\))?(?=\s*+(?:,|$)))?"
    r"(?:\s*+,?\s*+(?:pg|p\.g\.|packing\s+group|vg|gg)\s*+(?:iii|ii|i)(?![\w])|\s*+,\s*+(?:iii|ii|i)(?![\w\-]))?",
    re.IGNORECASE,
)
# A document the goods are said to conform to, as Indian and other exporters' invoices word it ("PSEUDOEPHEDRINE HCL
# USP as per COA attached", the fifty-third held-out set's pch53015; "as per specification enclosed", "as per IP"):
# the quality is stated elsewhere, not the substance. Common invoice words, ours.
_AS_PER_DOCUMENT_RE = re.compile(
    r"(?<![\w])(?:quality\s+)?(?:as\s+per|according\s+to|conforming\s+to|conforms\s+to)\s+(?:the\s+)?(?:attached\s+|enclosed\s+)?"
    r"(?:coa|c\.o\.a\.|certificate\s+of\s+analysis|specifications?|specs?|sample|pi|proforma(?:\s+invoice)?|"
    r"invoice|monograph|pharmacopoeia|ip|bp|usp|ep|ph\.?\s*eur\.?|in[\s-]?house|manufacturer'?s?\s+spec(?:ification)?s?)"
    r"(?:\s+(?:attached|enclosed|herewith))?(?![\w])",
    re.IGNORECASE,
)
# A sea container the goods fill ("20'FCL", "1 x 40' HC", "80 drums/20' container"): the shipment, not the substance.
_SHIPPING_CONTAINER_RE = re.compile(
    r"(?<![\w])(?:\d{1,3}\s*+[x\u00d7]\s*+)?(?:20|40|45)\s*+(?:'|\u2032|ft|feet|foot)\s*+"
    r"(?:fcl|lcl|containers?|hc|hq|gp|dv|dc|reefer)(?![\w])",
    re.IGNORECASE,
)
# A pack count without a unit ("10 x 10", "3x20"), as medicinal products are declared, and a count of packs ("20
# drums", "1 IBC", "1 FLEXITANK", "4 x carboys"): the pack word goes with its count, which alone would be left behind.
_PACK_COUNT_RE = re.compile(
    r"(?<![\w\-.,])\d+\s*[x\u00d7]\s*\d+(?![\w\-.,])|"
    # a count of pieces after the goods ("Etizolam 1 mg pellets x 100", the fifty-eighth held-out set's pdh58059): a
    # small x standing apart (not "Triton X-100")
    r"(?<=\s)(?-i:[x\u00d7])\s?\d{1,6}(?![\w\-.,])|"
    r"(?<![\w\-.,])\d{1,6}\s*+(?:[x\u00d7]\s*+)?(?:drums?|barrels?|bags?|sacks?|ibcs?|pails?|bottles?|totes?|cans?|"
    r"cartons?|boxes|jerrycans?|carboys?|flexitanks?|flexibags?|iso[\s-]?tanks?|tanks?|vials?|containers?|pallets?|"
    r"cylinders?)(?![\w\-])",
    re.IGNORECASE,
)
# Salt and hydrate words: "X hydrochloride" is screened as X (salts are stripped from structures
# too). Words that also name esters (sulfate, phosphate, acetate) are not here: "dimethyl
# sulfate" is not a salt of "dimethyl".
# Latin pharmacopoeia and register titles name a salt by the base's genitive and the acid's word
# ("Ephedrini hydrochloridum", "Ergotamini tartras", "Codeini phosphas hemihydricus"): the salt and
# hydrate words below are only those read in such a title (chemistry/data/SOURCES.md, "Latin titles";
# a word not read there, such as acetas or nitras, is left out). The genitive left over is looked up
# as a name: names_eu.csv's Latin rows index the genitive of each title they give (watchlist.py).
_LATIN_SALT_WORDS = r"(?:hydrochloridum|hydrogenomaleas|maleas|tartras|hemifumaras|citras)"
_LATIN_HYDRATE_WORDS = r"(?:hemihydricus)"
# Latin acid words that could also name an ester, read as _ESTER_OR_SALT_RE's English ones are.
_LATIN_ESTER_OR_SALT_WORDS = r"(?:sulfas|phosphas)"
# A Latin title of a salt: the base's genitive (second declension, "-i"), the acid's word, perhaps a
# hydrate word ("Ephedrini hydrochloridum" -> "Ephedrini").
_LATIN_SALT_TITLE_RE = re.compile(
    rf"\s*([^\W\d_]{{3,}}i)\s+(?:{_LATIN_SALT_WORDS}|{_LATIN_ESTER_OR_SALT_WORDS})(?:\s+{_LATIN_HYDRATE_WORDS})?\s*",
    re.IGNORECASE,
)
# The older Latin title of a hydrochloride names the base's cation and "chloratum", in the genitive on a
# prescription: "Ephedrinii chlorati" (Ephedrinium chloratum), "Aethylmorphinii chlorati", as the Hungarian
# Formulae Normales recipe of Mixtura pectoralis writes them (read 1.12.2026 at drdiag.hu, the twenty-first
# session; SOURCES.md, "Latin titles"). The cation's stem with the second declension's genitive "-i" is the
# base's genitive of the newer titles ("Ephedrinii chlorati" -> "Ephedrini", as in "Ephedrini hydrochloridum").
_LATIN_CATION_CHLORIDE_RE = re.compile(r"^\s*([^\W\d_]{3,}?)(?:ii|ium)\s+(?:chlorati|chloratum)\s*$", re.IGNORECASE)
# The cations a salt is named with, before or inside its name ("sodium PMK glycidate", "PMK sodium glycidate").
_CATION_WORDS = r"(?:di|tri)?(?:sodium|potassium|lithium|calcium|natrium|kalium)"
# "sodium salt" and "potassium salt" in the Union's other languages: French, Spanish, Italian, German, Dutch and Polish
# (accents folded; common words written from knowledge: "Acide glycidique de PMK, sel de sodium", the eighth held-out
# set), and Croatian and Slovenian, Czech and Slovak, Swedish and Danish, Finnish, Hungarian, Romanian, Lithuanian and
# Latvian (the fifty-fifth held-out set's Croatian "IMDPAM natrijeva sol"; common words, written from knowledge,
# accented or folded), and Turkish. A salt word (_SALT_RE), and a cation (_CATION_RE): a carboxylate named so is the acid's salt.
_CATION_SALT_PHRASES = (
    r"(?:sel\s+(?:de\s+)?(?:sodium|potassium)|sel\s+(?:sodique|potassique)|sal\s+(?:sodica|potasica)|"
    r"sal\s+de\s+(?:sodio|potasio)|sale\s+(?:sodico|potassico)|sale\s+di\s+(?:sodio|potassio)|"
    r"natriumsalz|kaliumsalz|natriumzout|kaliumzout|sol\s+sodowa|sol\s+potasowa|"
    r"(?:natrijeva|kalijeva)\s+sol|(?:sodn[a\u00e1]|draseln[a\u00e1])\s+(?:s[u\u016f]l|so[l\u013e])|"
    r"(?:natrium|kalium)salt|(?:natrium|kalium)suola|(?:n[a\u00e1]trium|k[a\u00e1]lium)s[o\u00f3]|"
    r"sare\s+de\s+(?:sodiu|potasiu)|(?:natrio|kalio)\s+druska|(?:n[a\u0101]trija|k[a\u0101]lija)\s+s[a\u0101]ls|"
    # Turkish (the fifty-seventh held-out set's "Fenilasetik asit sodyum tuzu"; a common word)
    r"(?:sodyum|potasyum)\s+tuzu|"
    # and forms review35 found missing: Hungarian possessive, Portuguese accented, Romanian definite, Estonian,
    # Bulgarian and Greek (common words, written from knowledge)
    r"(?:n[a\u00e1]trium|k[a\u00e1]lium)[\s-]?s[o\u00f3]j?a?|sal\s+de\s+(?:s[o\u00f3]dio|pot[a\u00e1]ssio)|"
    r"sarea\s+de\s+(?:sodiu|potasiu)|(?:naatrium|kaalium)sool|"
    r"(?:\u043d\u0430\u0442\u0440\u0438\u0435\u0432\u0430|\u043a\u0430\u043b\u0438\u0435\u0432\u0430)\s+\u0441\u043e\u043b|"
    r"[\u03ac\u03b1]\u03bb\u03b1\u03c2\s+(?:\u03bd\u03b1\u03c4\u03c1[\u03af\u03b9]\u03bf\u03c5|\u03ba\u03b1\u03bb[\u03af\u03b9]\u03bf\u03c5))"
)
_SALT_RE = re.compile(
    r"\b(?:(?:di|tri|mono)?(?:hydrochloride|hcl|hydrobromide|hbr|hydroiodide)|2\s*hcl|hemisulfate|hemisulphate|bisulfate|"
    # after the base too, as pharmacopoeias write them ("Efedrina cloridrato", "Éphédrine chlorhydrate")
    r"(?:di|bi)?(?:chlorhydrate|cloridrato|clorhidrato|chlorowodorek)|"
    # Spanish "hidrocloruro" as Spanish product information writes it after the base ("Pseudoefedrina
    # Hidrocloruro" in the ficha técnica of GELOCATIL GRIPE CON PSEUDOEFEDRINA comprimidos, "Pseudoefedrina (DOE),
    # hidrocloruro" in that of PSEUDOEFEDRINA FARMALIDER 30 mg, "Fenilefrina hidrocloruro" in Couldina C's, read
    # 1.12.2026 in copies at docplayer.es and imedi.es: the eighteenth held-out set's pch18041), and "hidroclorido",
    # which that set's evaluator read in a Portuguese leaflet page of Efrinol 1% on oladoctor.com ("hidroclorido de
    # efedrina", pch18043; not read again here, and a translated page: Portuguese's own word is "cloridrato")
    r"hidrocloruro|hidroclorido|"
    r"hydrogen\s+(?:maleate|fumarate|oxalate|citrate)|"
    # the hydrate's degree as pharmacopoeias give it ("Morphine sulfate pentahydrate USP", the fifteenth
    # held-out set): the Greek multipliers of IUPAC's hydrate names
    r"(?:mono|di|tri|tetra|penta|hexa|hepta|octa|nona|deca|hemi|sesqui)?hydrate|(?:di)?sodium\s+salt|(?:di)?potassium\s+salt|"
    rf"{_CATION_SALT_PHRASES}|"
    # "and its salts", as the Combined Nomenclature's headings ("Ephedrine and its salts", "Fenetylline (INN) and its
    # salts": 2939 41 00, 2939 51 00) and national laws write after a substance, in the languages of their
    # declarations (the fifty-seventh held-out set's Turkish "ve tuzları" and Montenegrin "i njegove soli"); common
    # words, written from knowledge, accents folded or not
    r"and\s+its\s+salts|und\s+(?:seine|ihre)\s+salze|et\s+ses\s+sels|y\s+sus\s+sales|e\s+(?:i\s+)?suoi\s+sali|"
    r"en\s+zouten\s+daarvan|i\s+(?:jej|jego)\s+sole|ve\s+tuzlar[i\u0131]|i\s+(?:njegove|njene)\s+soli|"
    r"[s\u0219\u015f]i\s+s[a\u0103]rurile\s+(?:sale|lui|ei)|e\s+seus\s+sais|"
    # Turkish hydrochloride as Turkish product information writes it after the base ("psödoefedrin hidroklorür" in
    # the MEDİCOLD summary of product characteristics: chemistry/data/SOURCES.md `TR-TITCK-KUB-MEDICOLD`)
    r"hidrokl[o\u00f6]r[u\u00fc]r|"
    # Russian and Ukrainian hydrochloride as transliterated ("гидрохлорид", "гідрохлорид": chemistry/resolve.py
    # rewrite_unresolved_name reads a Cyrillic name in Latin letters)
    r"gidrohlorid|"
    # with the acid's count before it too ("zolpidem hemitartrate", "lisdexamfetamine dimesylate", as the
    # INN names of pharmacopoeias write them: the fifteenth held-out set)
    r"(?:di|hemi)?(?:tartrate|bitartrate|citrate|maleate|fumarate|oxalate|besylate|mesylate)|hydrogen\s+tartrate|"
    # the succinate, as medicines' INN names write it ("sumatriptan succinate", "doxylamine succinate") and research
    # chemicals are sold ("4-HO-MET succinate": review42 F4); a common word, ours
    r"(?:hemi)?succinate|"
    # the tannate of ephedrine's and other amines' paediatric suspensions ("Ephedrine Tannate": the sixty-sixth
    # held-out set's pch66010); a common word, ours
    r"tannate|"
    # Swedish, Finnish and Czech hydrochloride as a word of its own ("efedrin hydroklorid"); common
    # words written from knowledge (the Swedish one also read, fused, in the fifth held-out set)
    r"hydrokloridi?|hydrochlorid|"
    # Bulgarian, Croatian/Slovenian/Hungarian, Lithuanian, Latvian (accents folded) and Romanian
    # hydrochloride, as those languages' medicine names write it after the base ("Ефедрин хидрохлорид",
    # the sixth held-out set's pch6034); common words written from knowledge like the three above
    r"\u0445\u0438\u0434\u0440\u043e\u0445\u043b\u043e\u0440\u0438\u0434|hidroklorid|hidrochloridas|hidrohlorids|clorhidrat|"
    # Greek writes the hydrochloride as an adjective after the base ("εφεδρίνη υδροχλωρική"), with or
    # without its accent; a common word written from knowledge like the ones above
    r"\u03c5\u03b4\u03c1\u03bf\u03c7\u03bb\u03c9\u03c1\u03b9\u03ba[\u03b7\u03ae]|"
    rf"{_LATIN_SALT_WORDS}|{_LATIN_HYDRATE_WORDS}|"
    # the free base after a drug's or precursor's name ("Amphetamine base oil", "cocaine free base", the thirty-
    # second held-out set): the substance itself, not a salt of it. "free base" after any word; plain "base" only
    # after the endings of amine names (-ine, -amin, -ain, -oin, -rin, -yl: cocaine, Amphetamin, Kokain, heroin,
    # Ephedrin, fentanyl), since perfumery's bases are no free bases ("Heliotropin base", "Vanillin base": review23b
    # G2), and never at the start ("Base oil" is a lubricant)
    r"(?<=[^\W\d_][\s-])free[\s-]?base|(?<=[^\W\d_]\s)freebase|"
    r"(?:(?<=ine[\s-])|(?<=amin[\s-])|(?<=ain[\s-])|(?<=oin[\s-])|(?<=rin[\s-])|(?<=yl[\s-]))base|"
    rf"{_CATION_WORDS})(?=\W|$)",
    re.IGNORECASE,
)
# Salt words as the Union's other languages write them, where _SALT_RE's English words do not reach:
# before the base with a preposition ("chlorhydrate d'éphédrine", "cloridrato di efedrina",
# "clorhidrato de efedrina", "chlorowodorek efedryny") or fused to its end ("Pseudoephedrinhydrochlorid",
# "pseudo-efedrinesulfaat", "Ergometrinmaleat"). Read after the accents are folded; what is left is
# looked up as a name, so a stripped ester ("Dimethylsulfat" -> "Dimethyl") finds nothing.
_SALT_PREFIX_RE = re.compile(
    r"^\s*(?:(?:di|bi|tri)?(?:chlorhydrate|bromhydrate|cloridrato|bromidrato|clorhidrato|bromhidrato|chlorowodorek|"
    # the Spanish and Portuguese words of _SALT_RE before the base too ("hidroclorido de efedrina")
    r"hidrocloruro|hidroclorido)|"
    r"sulfate|solfato|sulfato|siarczan|maleate|maleato|tartrate|tartrato|citrate|citrato|fosfato|"
    # Polish names the other salts before the base too, the base in the genitive ("winian ergotaminy", ergotamine
    # tartrate: the fifty-sixth held-out set's pch56100): tartrate, citrate, phosphate, maleate, hydrobromide;
    # common words, written from knowledge, as "siarczan" and "chlorowodorek" were
    r"winian|wodorowinian|cytrynian|fosforan|maleinian|fumaran|bromowodorek|jodowodorek|"
    # Romanian writes the salt before the base with "de" ("clorhidrat de pseudoefedrină" in the Romanian
    # leaflet of Rhinostop, "maleat de clorfenamină" beside it: the twenty-fifth held-out set, read again
    # 1.12.2026); the other Romanian acid words are the language's common words, written from knowledge
    r"clorhidrat|bromhidrat|sulfat|fosfat|maleat|tartrat|citrat)"
    r"\s+(?:de\s+|d['\u2019]\s*|di\s+|del\s+|della\s+)?",
    re.IGNORECASE,
)
# The words an ester's alcohol part or a metal salt's cation leave when an acid word is set aside, in English and
# the languages whose salt words are read (common words, written from knowledge).
_LONE_ALKYL_OR_METAL_RE = re.compile(
    r"[\s,-]*(?:(?:di|tri|tetra)?(?:methyl|metil|metyl|ethyl|etil|etyl|propyl|propil|butyl|butil)[oe]?|"
    r"sodium|sodio|natrium|sodique|potassium|potasio|potassio|kalium|calcium|calcio|kalzium|magnesium|magnesio|"
    r"ammonium|amonio|ammonio|lithium|litio|zinc|zinco|cink)[\s,-]*",
    re.IGNORECASE,
)
_FUSED_SALT_RE = re.compile(
    r"(?<=[a-z]{4})-?(?:(?:di)?(?:hydrochlorid|hydrochloride|hydrobromid|hydrobromide)|(?:hemi)?(?:sulfat|sulfaat|sulphat)|"
    r"maleat|maleaat|tartrat|tartraat|citrat|citraat|fumarat|fumaraat|"
    # Swedish "Piperidinhydroklorid" (fifth held-out set), Finnish "-hydrokloridi", Czech "-hydrochlorid"
    # (the German word above) and Finnish "-sulfaatti": fused as German and Dutch fuse theirs
    r"hydrokloridi?|sulfaatti|"
    # Estonian fuses "vesinikkloriid" (hydrogen chloride) to the base ("pseudoefedriinvesinikkloriid", the
    # Estonian leaflet of Nasaxil in the twenty-fifth held-out set) and "vesinikbromiid"; Hungarian names the
    # salt by the base's cation and the anion ("efedrinium-klorid", "etil-morfinium-klorid" in the Hungarian
    # Formulae Normales recipe of Mixtura pectoralis, read 1.12.2026 at drdiag.hu): "-ium" goes with the salt
    # word. The bromide forms are the languages' common words, written from knowledge.
    r"vesinikkloriid|vesinikbromiid|ium-?klorid|ium-?bromid|"
    # Slovenian names the salt by the base's cation as an adjective and the anion ("psevdoefedrinijev klorid" in the
    # Slovenian leaflet of Aspirin Complex, as the forty-eighth held-out set's pch48036 read it at docplayer.gr);
    # the other anions are the language's common words, written from knowledge.
    r"ijev\s+(?:klorid|bromid|sulfat|hidrogensulfat|tartrat|hidrogentartrat|maleat|fosfat|citrat))(?=\W|$)",
    re.IGNORECASE,
)
# A carboxylate named with its cation is the salt of the acid, whose name ends in "-ic acid" where the
# salt's ends in "-ate".
_CATION_RE = re.compile(rf"\b(?:{_CATION_WORDS}|{_CATION_SALT_PHRASES})(?=\W|$)", re.IGNORECASE)
_CARBOXYLATE_END_RE = re.compile(r"([a-z]{3,})ate\s*$", re.IGNORECASE)
# Acid words that name salts of bases ("ephedrine sulphate") but also esters ("dimethyl sulfate"):
# the caller accepts what is left only when it names a base (resolve.py).
# The same words after the base in Spanish, Italian, Portuguese, German and Dutch ("Codeina fosfato",
# "Efedrina solfato"; common words written from knowledge, as the salt words above).
_ESTER_OR_SALT_RE = re.compile(
    r"\b(?:sulfate|sulphate|phosphate|acetate|nitrate|sulfato|solfato|fosfato|sulfat|phosphat|sulfaat|fosfaat|"
    # Lithuanian, Latvian and Hungarian sulphate and phosphate after the base (accents folded: "sulfatas",
    # "sulfāts", "szulfát"); common words written from knowledge
    r"sulfatas|fosfatas|sulfats|fosfats|szulfat|foszfat|"
    # Polish after the base in the genitive, as the Polish Pharmacopoeia orders its titles ("Kodeiny fosforan",
    # "Morfiny siarczan", "Fentanylu cytrynian": review35); common words, written from knowledge
    r"siarczan|fosforan|winian|wodorowinian|cytrynian|maleinian|fumaran|chlorowodorek|bromowodorek|"
    rf"{_LATIN_ESTER_OR_SALT_WORDS})(?=\W|$)",
    re.IGNORECASE,
)


# Chinese and Japanese name a salt by the acid before the base, with no space ('盐酸麻黄素', hydrochloric
# acid + ephedrine; Japanese '塩酸エフェドリン'), and Japanese also after it with 塩, salt ('エフェドリン塩酸塩').
# The acid words are the names the PRC list and the Japanese list of the 1988 tables give hydrochloric and
# sulfuric acid (names_eu.csv: 盐酸, 硫酸; 塩酸, 硫酸); the word order and 塩 are the languages' grammar,
# written from knowledge like the salt words above. Read only as _ESTER_OR_SALT_RE's words are (the caller
# accepts what is left only when it names a base): '硫酸二甲酯' is dimethyl sulfate, an ester.
# A space between the acid word and the base ('盐酸 麻黄素', 'エフェドリン 塩酸塩'), as a Latin keyboard's user
# writes them, hid the base (eighteenth session's attack); Chinese writes the salt after the base too, with
# its own character for salt, 盐 ('麻黄素盐酸盐', as systematic Chinese names give hydrochlorides).
_CJK_ACID_BEFORE_BASE_RE = re.compile(r"^\s*(?:\u76d0\u9178|\u786b\u9178|\u5869\u9178)\s*(?=\S)")  # 盐酸 硫酸 塩酸
_JAPANESE_SALT_AFTER_BASE_RE = re.compile(
    r"(?<=\S)\s*(?:\u5869\u9178\u5869|\u786b\u9178\u5869|\u76d0\u9178\u76d0|\u786b\u9178\u76d0)\s*$"  # 塩酸塩 硫酸塩 盐酸盐 硫酸盐
)


def find_latin_genitive(title: str) -> str | None:
    """The base's name in a Latin title of one of its salts ("Ephedrini hydrochloridum" -> "Ephedrini",
    "Codeini phosphas hemihydricus" -> "Codeini"), or None when the title is not a genitive followed by
    a salt word read in such titles (_LATIN_SALT_WORDS). A declared Latin title of another salt of the
    same base ("Ephedrini sulfas") leaves this genitive once its salt word is set aside."""
    found = _LATIN_SALT_TITLE_RE.fullmatch(title)
    if found:
        return found[1]
    cation = _LATIN_CATION_CHLORIDE_RE.fullmatch(title)
    return f"{cation[1]}i" if cation else None


_UMLAUT_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def spell_without_umlauts(text: str) -> str:
    """A German name as written where umlauts cannot be typed: 'Phenylessigsäure' -> 'Phenylessigsaeure'
    (German orthography's own substitute, not fold_accents' 'Phenylessigsaure'). Only a listed German
    name is spelled so, to index it: 'ae' cannot be read back as 'ä' in general ('Benzoesäure')."""
    return text.translate(_UMLAUT_SPELLING)


# The kana voicing marks (dakuten, handakuten) as NFKD writes them apart from their kana: not accents but
# part of the letter ('ド' is do, 'ト' to; 'ピペリジン' is piperidine), so they stay and are composed back.
_KANA_VOICING_MARKS = frozenset("\u3099\u309a")


_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"\u0131": "i"})


def fold_accents(text: str) -> str:
    """'Phénylacétone' -> 'Phenylacetone': traders' keyboards and systems drop or add accents. Compatibility
    forms are read as the letters they stand for: half-width katakana, as older Japanese systems write
    them ('ｴﾌｪﾄﾞﾘﾝ'), read as full-width, their voicing marks kept ('エフェドリン')."""
    if text.isascii():  # most declarations: NFKD leaves ASCII as it is, and no ASCII character combines
        return text
    # Turkish dotless i has no decomposition, but a keyboard without it types "i" ("HASHAS SAPI KONSANTRESI" for
    # "Haşhaş sapı konsantresi", the fifty-seventh held-out set's pdh57002)
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    if not any(c in _KANA_VOICING_MARKS for c in decomposed):
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    # A voicing mark is kept only on a kana: after any other letter it is an accent like the others, and kept
    # there it hid a Latin name ('Ephe\u3099drine' named nothing; eighteenth session's attack).
    folded: list[str] = []
    for c in decomposed:
        if not unicodedata.combining(c) or (c in _KANA_VOICING_MARKS and folded and _is_kana(folded[-1])):
            folded.append(c)
    return unicodedata.normalize("NFC", "".join(folded))


def _is_kana(character: str) -> bool:
    """Hiragana or katakana (half-width katakana are full-width once NFKD has read them)."""
    return "\u3041" <= character <= "\u30ff"


def compute_name_keys(name: str) -> list[str]:
    """Normalised keys to look a declared name up by, most literal first.

    The name as declared; without accents; the text outside brackets and each bracketed synonym
    on its own; each of those without quantities, grades, purities, forms and packaging words; and then
    without salt and hydrate words (the parent's name). A name longer than MAX_CLEANED_NAME_CHARS
    gives the first two only."""
    return list(iter_name_keys(name))


def iter_name_keys(name: str) -> Iterator[str]:
    """compute_name_keys one at a time: a look-up that the name as declared answers (most do) stops
    before the accents are folded and the grades, quantities and salt words stripped."""
    return _iter_keys(name, normalise_name)


def iter_primed_name_keys(name: str) -> Iterator[str]:
    """iter_name_keys with the primes of each piece kept (compute_primed_key): fold_primes of each
    gives iter_name_keys' key of the same piece (a key may come twice, from two spellings)."""
    return _iter_keys(name, compute_primed_key)


def compute_worded_key(name: str) -> str:
    """The name with its case and primes folded but its word breaks kept, each run of spaces, dashes,
    commas and brackets as one space ("3'-Chloropropiophenone" -> "3 chloropropiophenone"): two names
    with one name key (normalise_name) are the same spelling but for primes and case only when their
    worded keys agree ("m-ethylphenyl acetate" and "methyl phenylacetate" do not)."""
    return _NAME_STRIP_KEEPING_PRIMES_RE.sub(" ", _PRIME_RE.sub("", _fold_letters(name))).strip()


def iter_worded_name_keys(name: str) -> Iterator[str]:
    """iter_name_keys with compute_worded_key instead of normalise_name (the same pieces)."""
    return _iter_keys(name, compute_worded_key)


def find_primed_key(name: str, key: str) -> str:
    """The primed key of the piece of a declared name that gave ``key`` ("" when none did)."""
    return next((primed for primed in iter_primed_name_keys(name) if fold_primes(primed) == key), "")


def _iter_keys(name: str, normalise: Callable[[str], str], misreadings: bool = True) -> Iterator[str]:
    return (key for key, _ in _iter_marked_keys(name, normalise, misreadings))


def _iter_marked_keys(
    name: str, normalise: Callable[[str], str], misreadings: bool = True
) -> Iterator[tuple[str, bool]]:
    """_iter_keys' keys, each with whether only setting a salt word aside gave it (find_salt_word_keys)."""
    seen: set[str] = set()

    def fresh(text: str) -> str | None:
        key = normalise(text)
        if not key or key in seen:
            return None
        seen.add(key)
        return key

    if (key := fresh(name)) is not None:
        yield key, False
    name = strip_trace_limit_groups(name)  # "hemp extract (THC max 0.2 %)" names no THC
    folded = fold_accents(name)
    if len(name) > MAX_CLEANED_NAME_CHARS:  # its pieces that can be names (see MAX_CLEANED_NAME_CHARS)
        if (key := fresh(folded)) is not None:
            yield key, False
        for piece in long_name_pieces(name):
            for key, by_salt_word in _iter_marked_keys(piece, normalise):
                if key not in seen:
                    seen.add(key)
                    yield key, by_salt_word
        return
    for piece in _name_pieces(folded):
        if (key := fresh(piece)) is not None:
            yield key, False
    stripped = _stripped_pieces(name)
    for piece in stripped:
        if (key := fresh(piece)) is not None:
            yield key, False
    for piece in stripped:
        desalted = _SALT_RE.sub(" ", _FUSED_SALT_RE.sub(" ", _SALT_PREFIX_RE.sub(" ", piece)))
        if _LONE_ALKYL_OR_METAL_RE.fullmatch(desalted):
            # an ester's alkyl or a metal salt's cation left alone ("sulfat de dietil" is diethyl sulphate,
            # "fosfato de sodio" sodium phosphate): no base whose salt was named (review21b: the identifier
            # database read "dietil" as a trade name of calcium cyclamate, "sodio" as sodium metal)
            continue
        if cation := _LATIN_CATION_CHLORIDE_RE.fullmatch(piece):  # "Ephedrinii chlorati" -> "Ephedrini"
            desalted = f"{cation[1]}i"
        if _CATION_RE.search(piece):  # the acid's name first: "PMK glycidate" alone names the methyl ester
            acid = _CARBOXYLATE_END_RE.sub(r"\1ic acid", desalted.strip())
            if acid != desalted.strip() and (key := fresh(acid)) is not None:
                yield key, True
        if (key := fresh(desalted)) is not None:
            yield key, True
    if not misreadings:
        return
    # last: only a name nothing above found is a misprint
    for misread in find_misreadings(name):
        for key, by_salt_word in _iter_marked_keys(misread, normalise):
            if key not in seen:
                seen.add(key)
                yield key, by_salt_word


def iter_keys_as_written(name: str, normalise: Callable[[str], str] = normalise_name) -> Iterator[str]:
    """The look-up keys of a name as written: the name and its cleanings (compute_name_keys' order), no
    misreading of the whole name. The first of the key readings (chemistry/resolve.py NAME_KEY_READINGS).
    (A name too long to clean whole is read by its pieces, each with its own misreadings after it.)"""
    return _iter_keys(name, normalise, misreadings=False)


def find_isotope_labels(name: str) -> list[str]:
    """The isotope labels a name declares, after it ("Cocaine-D3" -> ["D3"]) or bracketed ("Cocaine (13C6)" ->
    ["13C6"]); [] when it declares none. A name longer than MAX_CLEANED_NAME_CHARS is not read."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return []
    after = [found[1] or found[2] for found in _ISOTOPE_LABEL_AFTER_NAME_RE.finditer(name)]
    return list(dict.fromkeys(after + [found[1] for found in _BRACKETED_ISOTOPE_LABEL_RE.finditer(name)]))


def strip_isotope_labels(name: str) -> str:
    """``name`` with the isotope labels after its words set aside ("Norsufentanil-d3" -> "Norsufentanil"); the name
    itself when it has none or is too long to clean. A labelled reference standard is screened as its substance."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return name
    return _ISOTOPE_LABEL_AFTER_NAME_RE.sub("", name)


def iter_unlabelled_keys(name: str, normalise: Callable[[str], str] = normalise_name) -> Iterator[str]:
    """The look-up keys of a name as written (iter_keys_as_written) once the isotope labels after its words
    are set aside ("Pseudoephedrine-D3 hydrochloride 1.0 mg/mL in methanol, CRM" -> "pseudoephedrine" among
    them); none when it has no such label (_ISOTOPE_LABEL_AFTER_NAME_RE) or is too long to clean. The key
    reading "isotope label" (chemistry/resolve.py NAME_KEY_READINGS)."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return iter(())
    unlabelled = _ISOTOPE_LABEL_AFTER_NAME_RE.sub("", name)
    return iter_keys_as_written(unlabelled, normalise) if unlabelled != name else iter(())


MAX_STEREO_RUNS = 3  # runs of stereodescriptors read in one name (each run gives a reading per descriptor)


def find_stereo_readings(name: str) -> list[str]:
    """The name with the stereodescriptors before it, or before a bracketed piece's name, read as a single
    descriptor would be: for a run of several, the name with each one alone, in the order written (the
    lexicon knows some single ones: "(+)-norpseudoephedrine" is cathine), then the name without the run
    ("(1S,2S)-(+)-Norpseudoephedrine" -> ["(1S,2S)-Norpseudoephedrine", "(+)-Norpseudoephedrine",
    "Norpseudoephedrine"]; "DL-Ephedrine" -> ["Ephedrine"]); [] when the name has none or is too long."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return []
    readings: list[str] = []
    for found in itertools.islice(_STEREO_RUN_RE.finditer(name), MAX_STEREO_RUNS):
        before, after = name[: found.start(1)], name[found.end(1) :]
        descriptors = [d.group(0) for d in _ONE_STEREO_DESCRIPTOR_RE.finditer(found[1])]
        if len(descriptors) > 1:
            readings.extend(before + descriptor.strip().rstrip("-").strip() + "-" + after for descriptor in descriptors)
        readings.append(before + after)
    return list(dict.fromkeys(readings))


def iter_stereo_reading_keys(name: str, normalise: Callable[[str], str] = normalise_name) -> Iterator[str]:
    """The look-up keys (iter_keys_as_written, then iter_unlabelled_keys) of each of the name's stereo readings
    (find_stereo_readings), in order: the key reading "stereodescriptors" (chemistry/resolve.py NAME_KEY_READINGS)."""
    for reading in find_stereo_readings(name):
        yield from iter_keys_as_written(reading, normalise)
        # and without an isotope label: "D-(-)-Pseudoephedrine-d3 hydrochloride", a labelled standard named by its
        # stereodescriptors (the thirty-fifth held-out set's pch35038), needs both readings at once
        yield from iter_unlabelled_keys(reading, normalise)


def find_salt_word_keys(name: str) -> frozenset[str]:
    """The look-up keys (normalise_name) that the name's key readings (chemistry/resolve.py NAME_KEY_READINGS: as
    written, without an isotope label, by its stereodescriptors, misread, without an acid word of a base) give
    only by setting a salt word aside: "tropin" of "tropinium-klorid", "xylazin" of "Xylazinhydrochlorid". What is
    left so is a guess at the base's name, and the identifier database's synonyms hold trade names of products
    ("tropin" is one of methylatropine bromide's, Mintussin), so the caller checks such a key found only as a synonym
    (chemistry/resolve.py names_another_substance; the twenty-first session's review: 'tropinium-klorid' was named
    mintussin)."""
    readings = [name, *find_stereo_readings(name)]
    if len(name) <= MAX_CLEANED_NAME_CHARS:
        # each reading without its isotope labels too, as the key readings take them (iter_stereo_reading_keys)
        readings += [u for r in list(readings) if (u := _ISOTOPE_LABEL_AFTER_NAME_RE.sub("", r)) != r]
    by_salt_word: set[str] = set(compute_base_salt_keys(name))
    plain: set[str] = set()
    for reading in readings:
        for key, set_aside in _iter_marked_keys(reading, normalise_name):
            (by_salt_word if set_aside else plain).add(key)
    return frozenset(by_salt_word - plain)


def iter_misread_keys(name: str, normalise: Callable[[str], str] = normalise_name) -> Iterator[str]:
    """The look-up keys of each misreading of a name (find_misreadings), in order; none for a name too long
    to clean whole (its pieces' misreadings are among iter_keys_as_written's keys). The second key reading
    (chemistry/resolve.py NAME_KEY_READINGS): iter_keys_as_written's keys, then these, are iter_name_keys'."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return
    for misread in find_misreadings(name):
        yield from _iter_keys(misread, normalise)


def find_misreadings(name: str) -> list[str]:
    """The readings of a name as misprinted: letters of other scripts drawn like Latin ones read as Latin
    (read_lookalikes_as_latin), Latin letters drawn like Cyrillic ones in a Cyrillic word read as Cyrillic
    (read_lookalikes_as_cyrillic), then digits typed or scanned for letters (read_digits_as_letters)."""
    lookalikes = [read for read in (read_lookalikes_as_latin(name), read_lookalikes_as_cyrillic(name)) if read]
    return [*lookalikes, *read_digits_as_letters(name)]


def find_misreading_behind(name: str, key: str) -> str | None:
    """The misreading of a name (find_misreadings) that gave the look-up key which found it, so that the
    flag can say its identification rests on that guess; None when the name as written gives the key."""
    if key in _iter_keys(name, normalise_name, misreadings=False):
        return None
    return next((m for m in find_misreadings(name) if key in _iter_keys(m, normalise_name)), None)


# Letters of other scripts drawn like Latin ones, as Unicode's confusables.txt (UTS #39) maps them to one
# ASCII letter: a Cyrillic or Greek letter typed or pasted into a Latin name ('Ephedrіne' with a Cyrillic
# і, 'Safrоle' with a Cyrillic о) made a name no list holds, and a Category 1 substance declared by name
# alone went unidentified (sixteenth session's attack). Read as Latin only inside a word that has Latin
# letters too, so that a Cyrillic or Greek name ('Ефедрин') is untouched; the Greek letters nomenclature
# writes (α, β, γ, δ, ω ...) are not among them.
_LATIN_LOOKALIKES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb"  # а е о р с у х і ј ѕ һ
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405"  # А В Е К М Н О Р С Т Х І Ј Ѕ
    "\u03bf\u03b9\u03bd"  # ο ι ν
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7",  # Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ
    "aeopcyxijshABEKMHOPCTXIJSoivABEZHIKMNOPTYX",
)
_WORD_RE = re.compile(r"[^\W\d_]+")


_LOOKALIKE_LETTERS = frozenset(chr(code) for code in _LATIN_LOOKALIKES)
# The Latin letters drawn like Cyrillic ones: the same pairs the other way (the Greek ones left out).
_CYRILLIC_LOOKALIKES = str.maketrans(
    "aeopcyxijshABEKMHOPCTXIJS",
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405",
)


def _has_latin_letter(word: str) -> bool:
    return any("a" <= c <= "z" or "A" <= c <= "Z" for c in word)


def _read_word_as_latin(found: re.Match[str]) -> str:
    word = found[0]
    if word.isascii():
        return word
    if _has_latin_letter(word):
        return word.translate(_LATIN_LOOKALIKES)
    # A word of capitals every one of which is drawn like a Latin capital ('ВМК', 'РМК' in Cyrillic, 'ΒΜΚ' in
    # Greek) is an abbreviation typed in look-alikes, which no Cyrillic or Greek name is (eighteenth session's
    # attack: they named nothing). A Cyrillic or Greek word with any other letter ('Ефедрин') is untouched.
    if len(word) >= 2 and word.isupper() and all(c in _LOOKALIKE_LETTERS for c in word):
        return word.translate(_LATIN_LOOKALIKES)
    return word


def read_lookalikes_as_latin(name: str) -> str | None:
    """'Ephedrіne' (a Cyrillic і) -> 'Ephedrine': the Cyrillic and Greek look-alikes of Latin letters in
    words that mix them with Latin letters, or in words of capitals made only of them ('ВМК'), read as those
    letters (_LATIN_LOOKALIKES); None when there are none."""
    if name.isascii():
        return None
    read = _WORD_RE.sub(_read_word_as_latin, name)
    return read if read != name else None


def _read_word_as_cyrillic(found: re.Match[str]) -> str:
    word = found[0]
    if word.isascii() or not _has_latin_letter(word):
        return word
    if not any("\u0400" <= c <= "\u04ff" and c not in _LOOKALIKE_LETTERS for c in word):
        return word  # no letter that is Cyrillic only: a Latin word, read_lookalikes_as_latin's
    return word.translate(_CYRILLIC_LOOKALIKES)


def read_lookalikes_as_cyrillic(name: str) -> str | None:
    """'Ефeдрин' (a Latin e) -> 'Ефедрин': the Latin look-alikes of Cyrillic letters in words that also have a
    letter only Cyrillic writes (ф, д, и ...) read as Cyrillic; the reverse of read_lookalikes_as_latin, for
    the Russian, Ukrainian and Bulgarian names, which one Latin letter hid (eighteenth session's attack).
    None when there are none."""
    if name.isascii():
        return None
    read = _WORD_RE.sub(_read_word_as_cyrillic, name)
    return read if read != name else None


# A zero or one between two letters, and the 1 of 'HC1': what optical character recognition and hurried
# typing make of o, O, l and I in names taken from scanned invoices ('Pseud0ephedrine HC1'). Chemical
# names put digits between letters only as locants next to a dash, comma or bracket, so the guess is safe
# there, and it is tried only after every reading of the name as written.
_DIGIT_FOR_LETTER_RE = re.compile(r"(?<=[^\W\d_])([01])(?=[^\W\d_])|(?<=\bHC)1\b", re.IGNORECASE)


def read_digits_as_letters(name: str) -> list[str]:
    """'Pseud0ephedrine HC1' -> ['Pseudoephedrine HCl']; a 1 between letters is tried as l, then as i
    ('Ephedr1ne'); a name without such digits gives []."""
    if not _DIGIT_FOR_LETTER_RE.search(name):
        return []
    hcl = re.sub(r"(?i)(?<=\bHC)1\b", "l", name)
    readings = [
        _DIGIT_FOR_LETTER_RE.sub(lambda m, letter=letter: "o" if m[0] == "0" else letter, hcl) for letter in "li"
    ]
    return list(dict.fromkeys(readings))


# Where a goods description's list of particulars begins: a comma or semicolon followed by a space
# ("SAFROL 98 % min., 200 kg steel drums, lot 24-117"). Commas inside chemical names have no space after
# them ("2,5-dimethoxy", "N,N-dimethyl").
_DESCRIPTION_PARTICULARS_RE = re.compile(r"[,;]\s")


# A particular that goes on with the name before it: a CAS index name writes its parent first and then,
# after a comma and a space, its substituents (prefixes ending in a hyphen: "1-methyl-", "alpha-acetyl-",
# "2,4-diisocyanato-", "dihydro-") and its functional class ("methyl ester", "oxime", "anhydride").
_INVERTED_NAME_PART_RE = re.compile(
    r"(?=\S*[^\W\d_])\S+-|(?:\S+\s+){0,3}(?:esters?|oxime|hydrazone|anhydride)", re.IGNORECASE
)


def find_inverted_name(description: str) -> str | None:
    """The CAS index name a goods description begins with, its parent and the particulars that go on with
    it ("Piperidine, 1-methyl-, 200 kg drums" -> "Piperidine, 1-methyl-"; "Benzeneacetic acid, alpha-acetyl-,
    methyl ester, 25 kg" -> "Benzeneacetic acid, alpha-acetyl-, methyl ester"); None when the first
    particular does not go on with the head (_INVERTED_NAME_PART_RE)."""
    end = None
    start = None
    for separator in itertools.islice(_DESCRIPTION_PARTICULARS_RE.finditer(description), MAX_INVERTED_NAME_PARTS + 1):
        if start is not None:
            if not _INVERTED_NAME_PART_RE.fullmatch(description[start : separator.start()].strip()):
                break
            end = separator.start()
        start = separator.end()
    else:
        if start is not None and _INVERTED_NAME_PART_RE.fullmatch(description[start:].strip()):
            end = len(description)
    return description[:end].strip() if end is not None else None


MAX_INVERTED_NAME_PARTS = 6  # a CAS index name's particulars read at most (the listed ones have up to three)


def split_description_particulars(description: str) -> list[str]:
    """A goods description cut where its particulars begin and between them ("Acetone, Safrole 98%, 200 kg
    drums" -> ["Acetone", "Safrole 98%", "200 kg drums"])."""
    return [part.strip() for part in _DESCRIPTION_PARTICULARS_RE.split(description) if part.strip()]


# Fields an export or a scan ran together into one description, separated by a bar or a line break ("OCR commercial
# invoice | Potassium permanganate, 50 kg drums | Page 1 of 1": the thirty-eighth held-out set's pch38064).
_DESCRIPTION_FIELD_RE = re.compile(r"\s*(?:\||\r?\n)\s*")
MAX_DESCRIPTION_FIELDS = 8


def split_description_fields(description: str, at_most: int = 0) -> list[str]:
    """The fields of a description run together with bars or line breaks, in order (one field when it has no such
    separator; with ``at_most``, the first at_most - 1 fields and the rest as the last)."""
    return [field for field in _DESCRIPTION_FIELD_RE.split(description.strip(), maxsplit=max(at_most - 1, 0)) if field] or [""]


def read_description_fields(description: str) -> list[str] | None:
    """The fields of a description that holds several (split_description_fields); None when it holds one, or more
    than MAX_DESCRIPTION_FIELDS (not read so), or is longer than a cleaned name may be."""
    if len(description) > MAX_CLEANED_NAME_CHARS:
        return None
    fields = split_description_fields(description)
    return fields if 2 <= len(fields) <= MAX_DESCRIPTION_FIELDS else None


# A dash with white space on both sides, between the parts of a composition (split_composition). Each alternative
# starts where a run of white space starts, so a long run is read once.
_SPACED_DASH_RE = re.compile(r"(?<!\s)\s++[-\u2013\u2014]\s+")


def split_composition(name: str) -> list[str] | None:
    """The parts of a name field that declares a composition, each part with its own share ("safrole 80 %, other
    terpenes 20 %", "Essigsäureanhydrid Gehalt 35 %, Essigsäure 65 %" -> the two parts), or None: fewer than two
    parts at a comma or semicolon and a space, or a part that states no share in per cent or per thousand. Every
    part must state one, so that the commas of a name and its particulars ("Ethanol, denatured, toluene 1%",
    "Benzeneacetic acid, ethyl ester", "Acetone 99.5%, 200 l drums") are not read as a composition's."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    parts = split_description_particulars(name)
    if len(parts) < 2:
        # "90% TOLUENE - 10% IPA": the parts joined by a spaced dash (the forty-ninth held-out set's pch49017); a dash
        # inside a name has no spaces around it ("2-propanol"), and each part must state its share all the same
        parts = [part.strip() for part in _SPACED_DASH_RE.split(name) if part.strip()]
    if len(parts) < 2:
        return None
    for part in parts:
        if not _find_stated_contents(fold_accents(part)):
            return None
    return parts


# A dangerous-goods description as transport documents write it (UN Model Regulations 5.4.1.4.1, ADR
# 5.4.1.1.1, IMDG Code 5.4.1.4.1: UN number, proper shipping name, class with any subsidiary hazard in
# brackets, packing group): "UN1090 ACETONE, 3, II", "UN 1715 ACETIC ANHYDRIDE, 8 (3), PG II" (the
# twenty-third held-out set). The UN number names an entry of the Dangerous Goods List, often a generic or
# n.o.s. one, never a substance by itself: it is set aside, not looked up, and so are the particulars
# after the name; what is left is read as a name.
_UN_NUMBER_RE = re.compile(
    r"^\s*U\.?N\.?(?:\s*[-\u2010\u2011\u2013]\s*|\s*(?:No|Nr|number|nummer)\.?\s*[:\-]?\s*|\s*)(\d{4})(?!\d)"
    r"[\s,;:\-\u2013]*",
    re.IGNORECASE,
)
_DG_CLASS = r"(?:(?:class|cl\.|klasse|division|div\.)\s*)?[1-9](?:\.[1-6])?[A-HJKLNS]?"
# Each run of white space has one place it can go (the words between "sub" and the number are optional as a
# whole, with the space before them): with "sub\s*(risk)?\s*3" a space could go to either, so a description of
# many "sub 3" particulars that fails at its end was tried 2^n ways (review, twentieth session: 26 of them took
# 100 s).
_DG_SUBSIDIARY = r"(?:sub(?:sidiary)?\.?(?:\s*(?:risks?|hazards?))?\s*)?[1-9](?:\.[1-6])?(?:\s*[,/+]\s*[1-9](?:\.[1-6])?)*"
_DG_PARTICULAR = (
    rf"{_DG_CLASS}(?:\s*\(\s*{_DG_SUBSIDIARY}\s*\))?"
    r"|sub(?:sidiary)?\.?(?:\s*(?:risks?|hazards?))?\s*[1-9](?:\.[1-6])?"
    r"|(?:(?:PG|P\.G\.|packing\s+group|pack\.?\s*gr(?:ou)?p\.?)\s*)?(?:III|II|I)"
)
# What a proper shipping name says of the goods' strength or state after the substance's name, which leaves the
# substance what it is: a concentration limit ("SULPHURIC ACID with more than 51% acid", UN1830; "... with not
# more than 51% acid", UN2796, the dilute acid, a mixture of the acid and water) and "SPENT" after a comma
# ("SULPHURIC ACID, SPENT", UN1832: the acid after use, still the acid). In the Dangerous Goods List the
# concentration words are in lower case, which UN Model Regulations 3.1.2.1 says is no part of the proper
# shipping name.
_DG_STRENGTH_RE = re.compile(
    r"\s+with\s+(?:not\s+)?(?:more|less)\s+than\s+\d+(?:[.,]\d+)?\s*%.*$|,\s*spent\s*$", re.IGNORECASE
)
# One particular after a comma, or several written with spaces between them ("8 (3) II", "class 8, PG II")
_DG_PARTICULARS_RE = re.compile(rf"(?:{_DG_PARTICULAR})(?:\s+(?:{_DG_PARTICULAR}))*", re.IGNORECASE)
# The technical names an n.o.s. entry's proper shipping name is followed by, in brackets (UN Model
# Regulations 3.1.2.8.1: "FLAMMABLE LIQUID, N.O.S. (toluene, acetone)"); an optional "contains" or
# "technical name" before them.
_NOS_TECHNICAL_NAMES_RE = re.compile(
    r"\bN\.?\s*O\.?\s*S\.?\s*\(\s*(?:(?:contains|technical\s+names?)\s*:?\s*)?([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$",
    re.IGNORECASE,
)


def read_dangerous_goods_name(text: str) -> str | None:
    """The name in a dangerous-goods description that begins with a UN number: the text with the UN number
    set aside ("UN1090", "UN 1090", "UN-1090", "UN No. 1090") and the transport particulars after the name
    (class or division with its subsidiary hazard in brackets, packing group, with or without the words
    "class", "PG", "sub. risk") set aside too ("UN1715 ACETIC ANHYDRIDE, 8 (3), II" -> "ACETIC ANHYDRIDE";
    "UN1993 FLAMMABLE LIQUID, N.O.S. (toluene, acetone), 3, II" -> "FLAMMABLE LIQUID, N.O.S. (toluene,
    acetone)"), and whatever follows them (packages, quantities); a strength or state that leaves the substance
    what it is too (_DG_STRENGTH_RE: "UN2796 SULPHURIC ACID with not more than 51% acid, 8, II" -> "SULPHURIC
    ACID"; "UN1832 SULPHURIC ACID, SPENT" -> "SULPHURIC ACID"). None when the text does not begin with a UN number, is too long, or no name comes before the particulars ("UN 1715, Class 8, PG II"). The UN
    number is never looked up: it names an entry of the Dangerous Goods List, not a substance."""
    if len(text) > MAX_CLEANED_NAME_CHARS:
        return None
    found = _UN_NUMBER_RE.match(text)
    if found is None:
        return None
    parts = [part.strip() for part in _DESCRIPTION_PARTICULARS_RE.split(text[found.end() :])]
    # the name ends where the first particular begins; what follows the particulars (packages, quantities,
    # EmS) is no part of it either
    end = next((i for i, part in enumerate(parts) if _DG_PARTICULARS_RE.fullmatch(part)), len(parts))
    name = _DG_STRENGTH_RE.sub("", ", ".join(parts[:end])).strip(" ,;")
    return name or None


def find_technical_names(name: str) -> str | None:
    """The technical names in brackets after an n.o.s. proper shipping name ("FLAMMABLE LIQUID, N.O.S.
    (toluene, acetone)" -> "toluene, acetone"): what the goods are, where the proper shipping name says only
    what kind of dangerous goods they are; None when the name ends in no such bracket."""
    found = _NOS_TECHNICAL_NAMES_RE.search(name)
    return found[1].strip() or None if found else None


def find_text_after_heading(description: str) -> str | None:
    """The words after a heading that ends in a colon, as tariff-minded exports begin a description with
    the CN heading ("PERMANGANATES: POTASSIUM PERMANGANATE 99PCT", the ninth held-out set); None when there
    is no such heading or nothing after it."""
    heading, colon, rest = description.partition(": ")
    return rest.strip() or None if colon and heading.strip() else None


# A description that lists a mixture's constituents after a word for "mixture of" (the twenty-seventh held-out
# set's "Miscela di ossido di alluminio, permanganato di potassio, carbonato di sodio e bicarbonato di sodio":
# potassium permanganate pellets seized at Genoa in 2025), in the languages of the other description words:
# English, Italian, Spanish, Portuguese, French, German, Dutch, Polish, Czech. Ours, written from knowledge.
_MIXTURE_WORD = r"(?:mixture|miscela|mezcla|mistura|m[e\u00e9]lange|mischung|gemisch|mengsel|mieszanina|sm[e\u011b]s)"
_MIXTURE_OF_RE = re.compile(
    r"^\s*(?:(?:a|an|una|un|une|uma|eine|ein|een)\s+)?" + _MIXTURE_WORD +
    # "of" in those languages, a colon, an opening bracket (the list ends where it closes), or "containing",
    # "comprising", "consisting of" (review22b G2, review23 F6: "Mixture of: ...", "Mixture (...), 25 kg bags",
    # "Miscela contenente ...", "Mixture containing: ...")
    r"(?:\s+(?:of|di|de|do|da|du|des|aus|von|van|z|ze)(?:\s*:)?\s+|\s*:\s*|\s*(?P<bracket>[(\[])\s*|"
    r"\s+(?:containing|comprising|consisting\s+of|composed\s+of|contenente|conteniendo|contendo|contenant|enthaltend|"
    r"bevattende)(?:\s*:)?\s+)(?P<rest>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
# The word after the list instead, at the end or before particulars: "Aluminium oxide / potassium permanganate /
# sodium carbonate mixture", "..., sodium carbonate mixture, 10.000 kg". Searched: one pass over the text.
_MIXTURE_LAST_RE = re.compile(r"\s" + _MIXTURE_WORD + r"(?=\s*+(?:[,;.(]|$))", re.IGNORECASE)
# Between two constituents of such a list: a comma, semicolon or spaced slash, or "and" in those languages.
# Each alternative starts only where a run of white space starts (review23 F11: a long run was read once from
# every start inside it).
_CONSTITUENT_BREAK_RE = re.compile(
    r"(?<!\s)\s*+[;,]\s+|(?<!\s)\s++/\s+|(?<!\s)\s++(?:and|e|y|et|und|en|i|a)\s+", re.IGNORECASE
)
MAX_MIXTURE_CONSTITUENTS = 12  # and the quantity or pack parts after them; those after it are not read


def _text_after_mixture_of(text: str) -> str | None:
    """What ``text`` lists after its opening word for "mixture of" (_MIXTURE_OF_RE), inside the bracket when the
    list is bracketed; None when it opens otherwise or the bracket is not closed."""
    found = _MIXTURE_OF_RE.match(text)
    if found is None:
        return None
    rest = found["rest"]
    if found["bracket"]:
        closing = rest.find(")" if found["bracket"] == "(" else "]")
        if closing < 0:
            return None
        rest = rest[:closing]
    return rest


# A word for "mixture" opening a name field with the constituents straight after it ("MIXTURE 90% TOLUENE - 10% IPA":
# the forty-ninth held-out set's pch49017, a line of a distributor's catalogue).
_BARE_MIXTURE_OPENING_RE = re.compile(r"\s*" + _MIXTURE_WORD + r"\s+(?P<rest>\S.*)", re.IGNORECASE | re.DOTALL)


def strip_mixture_opening(name: str) -> str | None:
    """What a name field lists after the word for "mixture" it opens with ("Mixture of toluene and IPA" -> "toluene
    and IPA", "Gemisch: Aceton, Toluol", "Mixture (toluene, IPA)" -> what the bracket holds, "MIXTURE 90% TOLUENE -
    10% IPA" -> the words after it): the word names no substance, and left in place it kept the first constituent from
    being read. None when the name opens otherwise (chemistry/resolve.py _look_up_name_list reads what is returned as
    a list of constituents, each one kept only as such a list's parts are)."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    if _MIXTURE_OF_RE.match(name) is not None:
        rest = _text_after_mixture_of(name)
    else:
        bare = _BARE_MIXTURE_OPENING_RE.match(name)
        rest = bare["rest"] if bare is not None else None
    if rest is None:
        return None
    return rest.strip() or None


def find_mixture_constituents(description: str) -> list[str] | None:
    """The constituents a description lists after a word for "mixture of" ("Miscela di ossido di alluminio,
    permanganato di potassio e carbonato di sodio, 10.000 kg" -> the three names and the quantity), of "mixture"
    with a colon, a bracket or "containing", or before the word "mixture" (at the end or before particulars), the
    first MAX_MIXTURE_CONSTITUENTS; None when it is written otherwise or lists fewer than two."""
    if len(description) > MAX_CLEANED_NAME_CHARS:
        return None
    if _MIXTURE_OF_RE.match(description) is not None:
        if (rest := _text_after_mixture_of(description)) is None:
            return None  # the bracket never closes
    elif (last := _MIXTURE_LAST_RE.search(description)) is not None:
        rest = description[: last.start()]
    else:
        return None
    return split_constituents(rest, description)


def split_constituents(listed: str, description: str) -> list[str] | None:
    """The constituents of a list (``listed``, part of ``description``) as find_mixture_constituents reads them, the
    first MAX_MIXTURE_CONSTITUENTS; None when it lists fewer than two, or the description states shares."""
    parts = [p.strip() for p in _CONSTITUENT_BREAK_RE.split(listed) if p.strip()]
    # (the whole description: a share after the list says the same, "Vanillin and heliotropin mixture, heliotropin
    # 0.5 %", review23b G12)
    if _find_stated_contents(fold_accents(description)):
        # a composition with shares ("... and piperonal 0.5 %"): a constituent's share decides whether it is the
        # substance, which a list read as a name field's parts does not weigh (review22b: a fragrance blend with
        # 0.5 % piperonal was read as piperonal). So only the constituents that state a share of their own of at
        # least the trace level are read (TRACE_LIMIT_BELOW_PERCENT; none of several words: "ossido di alluminio" may
        # be much of the goods or little): the Genoa customs seized "CCP 108", alumina pellets with about 7 %
        # potassium permanganate, as the Category 2B substance (the fifty-ninth held-out set's pch59070)
        shared = [part for part in parts if _states_own_share_above_trace(part)]
        return shared[:MAX_MIXTURE_CONSTITUENTS] or None
    return parts[:MAX_MIXTURE_CONSTITUENTS] if len(parts) >= 2 else None


def states_share_below_trace(part: str) -> bool:
    """Whether a part of a list states its share, and that share is below TRACE_LIMIT_BELOW_PERCENT ("heliotropin
    0.5 %" in "Vanillin and heliotropin mixture, heliotropin 0.5 %"): a trace of the goods, not one of their
    substances."""
    if len(part) > MAX_CLEANED_NAME_CHARS:
        return False
    contents = _find_stated_contents(fold_accents(part))
    return bool(contents) and min(contents)[3] < TRACE_LIMIT_BELOW_PERCENT


def _states_own_share_above_trace(part: str) -> bool:
    """Whether a constituent states its share, of at least TRACE_LIMIT_BELOW_PERCENT and not as an upper bound."""
    folded = fold_accents(part)
    contents = _find_stated_contents(folded)
    if not contents or states_trace_limit(part):
        return False
    start, end, before_number, percent = min(contents)
    return percent >= TRACE_LIMIT_BELOW_PERCENT and not _states_upper_bound(folded, start, end, before_number)


# What a description says waste or contaminated goods contain besides what they are named ("Spent caustic soda
# solution" described as "organic layer with phenylacetone residues approx. 5 %", "Recovered acetic acid" as "Contains
# acetic anhydride approx. 15 %": the thirty-second held-out set's pch32008 and pch32050). Regulation (EC) No 273/2004,
# Art. 2(a), counts a mixture containing a scheduled substance as the substance, unless it cannot easily be used or
# extracted: that is what a finished product (a perfume, a soap, nutmeg) is, and what waste or contaminated goods are
# not shown to be. So a constituent is read only where the goods say so of themselves: after a word for "contaminated
# with", or, when the goods are declared as waste or recovered material (declares_waste), after a word for "contains",
# or for "with" together with a residue word ("with phenylacetone residues"). find_stated_constituents;
# chemistry/resolve.py find_listed_constituent. Words by language, as written once accents are folded; ours, everyday
# words of each language.
CONTAMINATED_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": (r"contaminated\s+(?:with|by)", r"polluted\s+(?:with|by)"),
    "de": (r"verunreinigt\s+mit", r"kontaminiert\s+mit"),
    "fr": (r"contamine(?:e|s|es)?\s+par", r"pollue(?:e|s|es)?\s+par"),
    "nl": (r"verontreinigd\s+met",),
    "it": (r"contaminat[oaie]\s+da", r"contaminat[oaie]\s+con"),
    "es": (r"contaminad[oa]s?\s+con",),
    "pl": (r"zanieczyszczon[aey]",),
}
CONTAINS_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("contains", "containing"),
    "de": ("enthalt", "enthaltend"),
    "fr": ("contient", "contenant"),
    "nl": ("bevat", "bevattende"),
    "it": ("contiene", "contenente"),
    "es": ("contiene", "conteniendo"),
    "pl": ("zawiera", "zawierajac[aey]?"),
}
WITH_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("with",),
    "de": ("mit",),
    "fr": ("avec",),
    "nl": ("met",),
    "it": ("con",),
    "es": ("con",),
}  # not Polish "z": a one-letter word opens a match at every "z" of a text
# Words that say what remains of a substance ("phenylacetone residues", "traces of safrole").
RESIDUE_WORDS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("residues?", "traces?", "remains"),
    "de": ("ruckstanden?", "ruckstand", "spuren"),
    "fr": ("residus?", "traces?"),
    "nl": ("resten", "residuen?", "sporen"),
    "it": ("residu[io]", "tracce"),
    "es": ("residuos?", "trazas"),
    "pl": ("pozostalosci", "slady"),
}
_OPENING_WORDS = (
    f"(?:{_alternation(CONTAMINATED_WORDS_BY_LANGUAGE)}|{_alternation(CONTAINS_WORDS_BY_LANGUAGE)}|"
    f"{_alternation(WITH_WORDS_BY_LANGUAGE)})"
)
# A negation at most two words before the opening ("not contaminated with", "does not contain", "non contiene",
# "no contiene", "nie zawiera", "n'est pas contaminé par", "enthält keine" is after it) or right after it.
_NEGATION = r"(?:not|no|non|nie|nicht|ne|pas|niet|geen|sin|senza|sans|without|never|kein(?:e|en|er)?|aucun(?:e)?|ningun[oa]?|nessun[oa]?|bez|none|nothing)"
_NEGATION_BEFORE_RE = re.compile(rf"\b{_NEGATION}\b(?!\.?\s*+\d)(?:\W++\w++){{0,2}}?\W*+$", re.IGNORECASE)  # "No. 5" is a number

# A description that opens with a word for "contains", perhaps after "each" and what each unit is, as labels and
# safety data sheets word it ("contains methyl ethyl ketone, xylene, ethylbenzene": the forty-ninth held-out set's
# pch49020, a lacquer thinner; "Each tablet contains pseudoephedrine hydrochloride 60 mg", "Jede Tablette enthält
# ..."): what follows is what the goods contain, as after the heading "Contains:" (find_text_after_heading). Not
# "contains no ..." nor a negation right after the word. The words for "contains" of CONTAINS_WORDS_BY_LANGUAGE, with
# their accents; "each" in the same languages, ours, everyday words; what each unit is, at most three words or a
# volume or mass ("film-coated tablet", "5 ml").
_EACH = r"(?:each|every|jede[rsn]?|chaque|cada|ogni|elke|iedere|ka[z\u017c]d[aey])"
# What a medicine's name field may open with before "containing" ("Medicinal product containing pseudoephedrine
# hydrochloride 60 mg tablets", the fifty-seventh held-out set's pch57101): the words for a medicinal product or
# preparation in the languages of _CONTAINS_OPENING_RE; common words, written from knowledge
_MEDICINE_WORDS = (
    r"(?:(?:medicinal|pharmaceutical|veterinary)\s+products?|medicines?|medicaments?|preparations?|arzneimittel|"
    r"m[e\u00e9]dicaments?|geneesmiddel(?:en)?|medicinal[ei]|medicamentos?|produkty?\s+lecznicz[ey])"
)
_CONTAINS_OPENING_RE = re.compile(
    rf"\s*+(?:(?:{_EACH}\s++(?:\d{{1,4}}(?:[.,]\d{{1,3}})?\s*+(?:ml|g|mg)|[^\W\d_]++(?:[\s-]++[^\W\d_]++){{0,2}}?)|"
    rf"{_MEDICINE_WORDS})\s++)?"
    r"(?:contains|containing|enth(?:\u00e4|ae|a)lt|enthaltend|contient|contenant|bevat|bevattende|contiene|contenente|"
    r"conteniendo|zawiera|zawieraj(?:\u0105|a)c[aey]?)"
    rf"(?:\s*+:)?\s++(?!{_NEGATION}\b)(?P<rest>\S.*)",
    re.IGNORECASE | re.DOTALL,
)


def find_text_after_contains(description: str) -> str | None:
    """The words after a word for "contains" that opens a description, perhaps after "each" and a unit ("contains
    methyl ethyl ketone, xylene" -> "methyl ethyl ketone, xylene"; "Each tablet contains pseudoephedrine
    hydrochloride 60 mg" -> "pseudoephedrine hydrochloride 60 mg"); None when it opens otherwise, is too long to read
    (MAX_CLEANED_NAME_CHARS), or a negation follows the word ("contains no safrole")."""
    if len(description) > MAX_CLEANED_NAME_CHARS:
        return None
    found = _CONTAINS_OPENING_RE.match(description)
    if found is None or _NEGATED_OPENING_RE.search(description, 0, found.start("rest")):
        return None  # "Each batch not containing safrole", "Every sample free ..." (review30 M1)
    rest = found["rest"].strip()
    if _ZERO_SHARE_RE.search(rest):
        return None  # "contains 0 % safrole", "contains safrole 0.0 %": absent (review30 M2)
    return rest or None


# A negation, or a word saying something is free of what follows, among the words before "contains".
_NEGATED_OPENING_RE = re.compile(rf"\b(?:{_NEGATION}|free|guaranteed)\b", re.IGNORECASE)
# A share or amount of nothing: "0 %", "0.00 % w/w", "0 mg", "0 ppm".
_ZERO_SHARE_RE = re.compile(r"(?<![\d.,])0(?:[.,]0+)?\s*+(?:%|mg|ppm|g\b|µg|mcg)", re.IGNORECASE)

# A purpose right before the opening, in the same clause: what the goods are for is contaminated, not the goods
# ("wipes for equipment contaminated with safrole", review25b M1); after a comma the clause is the goods' again.
_PURPOSE_BEFORE_RE = re.compile(r"\b(?:for|fur|pour|voor|per|para|dla)\s++\w++(?:\s++\w++)?\s*+$", re.IGNORECASE)
# What says the substance was looked for and not found, in or right after the name: "(not detected)", "n.d.",
# "absent", "< LOD", "below detection".
_NOT_FOUND_AFTER_RE = re.compile(
    r"(?<!\w)(?:not\s+detected|none\s+detected|n\.?\s?d\.?(?!\w)|absent|below\s+(?:the\s+)?(?:detection|lod|loq)|"
    r"<\s*+lo[dq]|nil\b|negative\b|nicht\s+nachweisbar|nicht\s+nachgewiesen|non\s+detecte|non\s+rilevat[oa]|no\s+detectad[oa]|niewykryt)",
    re.IGNORECASE,
)
_ABOUT = r"(?:approx\.?|approximately|ca\.?|circa|about|abt\.?|~|etwa|env(?:iron)?\.?|ong(?:eveer)?\.?|oko[l\u0142]o)"
_AT_MOST_SIGN = rf"(?:<|<=|=<|\u2264|{_alternation(AT_MOST_WORDS_BY_LANGUAGE)})"
# The name runs to a list separator (a comma only between digits, as in locants: "3,4-methylenedioxy..."), a share or
# a residue word; at most 80 characters. White space around the opening word and the share is read possessively
# (*+, ++): read both ways, a run of spaces after "contains" took time growing with its square
# (benchmarks/bench_pattern_growth.py). A bound before a share ("max. 0.1 %", "< 0.5 %") is part of the share.
_STATED_CONSTITUENT_RE = re.compile(
    rf"(?<![\w])(?:(?P<contaminated>{_alternation(CONTAMINATED_WORDS_BY_LANGUAGE)})|"
    rf"(?P<contains>{_alternation(CONTAINS_WORDS_BY_LANGUAGE)})|"
    rf"(?P<with>{_alternation(WITH_WORDS_BY_LANGUAGE)}))(?=[\s:])\s*+(?::\s*+)?"
    rf"(?!{_NEGATION}\b)"
    rf"(?:(?:\(\s*+)?(?:{_ABOUT}\s*+)?(?:{_AT_MOST_SIGN}\s*+)?(?P<number_before>\d{{1,3}}(?:[.,]\d{{1,4}})?)\s*+(?:{_PER_CENT})"
    rf"(?:\s*+(?:w/w|v/v|m/m|wt\.?|by\s+weight|by\s+mass))?(?:\s*+\))?\s++(?:(?:of|von|de|van|di)\s+)?)?"
    rf"(?:(?P<residue_before>{_alternation(RESIDUE_WORDS_BY_LANGUAGE)})\s+(?:of|von|de|des|van|di|del|da|z)\s+)?"
    rf"(?:(?:de\s+l['\u2019]|d['\u2019]|l['\u2019]|du|de\s+la|des)\s*+)?"
    rf"(?P<name>[^\W_](?:[^,;|%:\n(]|(?<=\d),(?=\d)){{1,80}}?)"
    rf"(?P<residue_after>\s++{_alternation(RESIDUE_WORDS_BY_LANGUAGE)})?(?![\w-])"
    rf"(?:\s*+\(?\s*+{_ABOUT})?"
    rf"(?:\s*+\(?\s*+(?:{_AT_MOST_SIGN}\s*+)?(?P<number>\d{{1,3}}(?:[.,]\d{{1,4}})?)\s*+(?:{_PER_CENT})"
    rf"(?:\s*+(?:w/w|v/v|m/m|wt\.?|by\s+weight|by\s+mass))?\s*+\)?)?"
    # after a share the name has ended, whatever follows ("5 % and water", "5 % by GC"); else a separator or a joining
    # word ends it
    rf"(?(number)|(?=\s*(?:[,;|\n(]|\.(?!\d)|$)|\s++(?:and|und|et|en|e|y|i)\s))",
    re.IGNORECASE,
)
# The next constituent of a list after one with its share: "contains water 40 %, toluene 10 %, phenylacetone 5 %"
# (review25b H4), each with its own share.
_NEXT_CONSTITUENT_RE = re.compile(
    rf"\s*+(?:[,;]|\s(?:and|und|et|en|e|y|i)\s)\s*+(?!{_OPENING_WORDS}(?=[\s:]))"
    rf"(?P<name>[^\W_](?:[^,;|%:\n(]|(?<=\d),(?=\d)){{1,80}}?)\s*+"
    rf"(?:{_ABOUT}\s*+)?(?:{_AT_MOST_SIGN}\s*+)?(?P<number>\d{{1,3}}(?:[.,]\d{{1,4}})?)\s*+(?:{_PER_CENT})",
    re.IGNORECASE,
)
# Waste codes: the European List of Waste (Decision 2000/532/EC, "EWC 07 01 04*") and the Basel Convention's Y-codes.
_WASTE_CODE_RE = re.compile(r"\b(?:ewc|low|avv|ler|eural)\s*+(?:code\s*+)?\d{2}\s?\d{2}\s?\d{2}\*?|\bbasel\s++y\d{1,2}\b", re.IGNORECASE)
_OPENING_WORD_RE = re.compile(rf"(?<![\w]){_OPENING_WORDS}(?=[\s:])", re.IGNORECASE)
_CONTAMINATED_RE = re.compile(rf"(?<![\w]){_alternation(CONTAMINATED_WORDS_BY_LANGUAGE)}(?=[\s:])", re.IGNORECASE)
# A name ending in a word for "free of" states an absence ("contains acetone-free solvent").
_FREE_ENDING_RE = re.compile(r"[\s-](?:free|frei|libre|vrij|privo|exento|wolny)$", re.IGNORECASE)
# How much of a description is read for constituents (the pattern is linear; a longer text is read in its first part)
MAX_CONSTITUENT_TEXT_CHARS = 1000
# How many stated constituents are looked up, the most that one description can make the screener resolve
MAX_STATED_CONSTITUENTS = 64


def find_stated_constituents(description: str, name: str | None = None, any_goods: bool = False) -> list[str]:
    """The names a waste or contaminated goods' description states among what the goods contain, folded
    (fold_accents), the first MAX_STATED_CONSTITUENTS distinct ones: after a word for "contaminated with" ("Toluene,
    contaminated with phenylacetone 5 %" -> ["phenylacetone"]); and, when the goods are declared as waste or recovered
    material (declares_waste), after a word for "contains" ("Contains acetic anhydride approx. 15 %") or for "with"
    with a residue word ("organic layer with phenylacetone residues approx. 5 %"); and the list that follows such a
    constituent's share ("contains water 40 %, toluene 10 %, phenylacetone 5 %"). Not a name said absent: a negation
    before the word ("not contaminated with", "non contiene", "nie zawiera") or after it ("contains no ..."), "not
    detected"/"n.d."/"nil" after the name, "...-free", a nil share; nor what a purpose names ("for equipment
    contaminated with ..."). A share that is an upper bound counts ("contains safrole up to 30 %" must not hide it)."""
    folded = fold_accents(description[:MAX_CONSTITUENT_TEXT_CHARS])
    # ``any_goods``: what any goods are said to contain, as waste's is read (the caller keeps only controlled drugs:
    # "Herbal incense, contains JWH-018", the sixty-fourth held-out set's pdh64018)
    waste = any_goods or declares_waste(name, folded)
    # most goods are neither waste nor said to be contaminated: the constituent pattern is not run
    if not (waste or _CONTAMINATED_RE.search(folded)):
        return []
    names: list[str] = []
    for match in _STATED_CONSTITUENT_RE.finditer(folded):
        before = folded[max(0, match.start() - 40) : match.start()]
        if _NEGATION_BEFORE_RE.search(before) or _PURPOSE_BEFORE_RE.search(before):
            continue
        residue = match["residue_before"] or match["residue_after"]
        if not (match["contaminated"] or (waste and (match["contains"] or residue))):
            continue
        listed = [(match["name"], match["number"] or match["number_before"], match.start("name"), match.end())]
        end = match.end()
        while match["number"] and (following := _NEXT_CONSTITUENT_RE.match(folded, end)) is not None:
            listed.append((following["name"], following["number"], following.start("name"), following.end()))
            end = following.end()
        for constituent, number, start, stop in listed:
            constituent = constituent.strip()
            if number and float(number.replace(",", ".")) == 0:
                continue  # nil: said absent
            if _NOT_FOUND_AFTER_RE.search(folded[start : stop + 30]) or _FREE_ENDING_RE.search(constituent):
                continue
            if not re.search(r"[^\W\d_]", constituent) or len(constituent) < 2:
                continue
            if constituent.lower() not in (n.lower() for n in names):
                names.append(constituent)
            if len(names) == MAX_STATED_CONSTITUENTS:
                return names
    return names


def declares_waste(name: str | None, description: str) -> bool:
    """Whether goods are declared as waste or recovered material: a condition word (_CONDITION_RE) that says what the
    goods are, in their name or among the first words of their description (before its first separator or opening
    word: "Spent solvent, contains ...", "Distillation residue containing ..."), or a waste code (List of Waste, Basel)
    anywhere in it. A condition word about something else is left (review25b H2): "fraction" (a mass or sieve
    fraction), English "usage" (read as French "usagé" without its accent), one after "zero", "no", "from" or "for"
    ("zero waste packaging", "made from recycled oils", "for waste water treatment") or before "water", "packaging",
    "free", "on" ("waste water", "residue on evaporation"), and one later in a description ("in recycled drums")."""
    head = re.split(r"[,;|:(\n]", description, maxsplit=1)[0]
    if (opening := _OPENING_WORD_RE.search(head)) is not None:
        head = head[: opening.start()]  # "Nutmeg oil with safrole 2 % zero waste packaging": the goods end at "with"
    if name and _says_goods_are_waste(fold_accents(name[:MAX_CLEANED_NAME_CHARS]), any_position=True):
        return True
    return _says_goods_are_waste(head, any_position=False) or bool(_WASTE_CODE_RE.search(description))


_NOT_THE_GOODS_CONDITION_BEFORE_RE = re.compile(r"\b(?:zero|low|no|non|from|for|without|less|pour|fur|voor|per|para)\W*+$", re.IGNORECASE)
_NOT_THE_GOODS_CONDITION_AFTER_RE = re.compile(
    r"[\s-]*+(?:water|wasser|packaging|packing|free|frei|management|treatment|disposal|bins?|bags?|containers?|on\b|of\s+evaporation)",
    re.IGNORECASE,
)
MAX_CONDITION_WORD_POSITION = 3  # a condition word among the description's first words says what the goods are


def _says_goods_are_waste(text: str, any_position: bool) -> bool:
    for found in _CONDITION_RE.finditer(text):
        word = found[0].lower()
        if word.startswith("fraction") or word == "usage":
            continue
        before = text[: found.start()]
        if _NOT_THE_GOODS_CONDITION_BEFORE_RE.search(before) or _NOT_THE_GOODS_CONDITION_AFTER_RE.match(text, found.end()):
            continue
        if any_position or len(before.split()) < MAX_CONDITION_WORD_POSITION:
            return True
    return False


# Words a shipper puts before the goods' name when the name field holds only one of ICS2's unacceptable terms
# ("SAMPLE", "POWDER"): "SAMPLE OF PMK GLYCIDATE FOR LAB TEST NO COMMERCIAL VALUE", "WHITE POWDER BMK GLYCIDATE
# 25KG X 4 DRUMS" (the twenty-sixth held-out set's pch26065 and pch26066). English, written from those lines.
_VAGUE_OPENING_RE = re.compile(
    r"^\s*(?:(?:free\s+)?samples?(?:\s+of)?|(?:(?:white|off[\s-]*white|yellow|colou?rless|light\s+yellow)\s+)?"
    r"(?:crystalline\s+)?(?:powder|crystals?|liquid|solid)(?:\s+of)?|chemicals?(?:\s+of)?)\s*:?\s+(?P<rest>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
# Where the goods' name ends in such prose: a number, a pack or use phrase. A list separator or a bracket ends no
# name here: what follows may name another substance or say one absent (review22c: "SAMPLE OF ACETONE,
# 1-PHENYL-2-PROPANONE" had been read as acetone alone, "Sample of sassafras oil, safrole-free" as safrole).
_PROSE_NAME_END_RE = re.compile(
    r"\s+(?=\d|x\s*\d|for\s|no\s+commercial|ncv\b|msds\b|un\s*\d|in\s+(?:drums?|bags?|bottles?))",
    re.IGNORECASE,
)
MAX_PROSE_NAME_WORDS = 8


def find_name_after_vague_opening(description: str) -> str | None:
    """The goods' name in a description that opens with one of ICS2's unacceptable terms ("SAMPLE OF", "WHITE
    POWDER"), up to the first number, pack or use phrase ("SAMPLE OF PMK GLYCIDATE FOR LAB TEST" -> "PMK
    GLYCIDATE"); None when the description does not open so, or the words left are none or more than
    MAX_PROSE_NAME_WORDS."""
    if len(description) > MAX_CLEANED_NAME_CHARS:
        return None
    found = _VAGUE_OPENING_RE.match(description)
    if found is None or says_absent(description):
        return None
    name = _PROSE_NAME_END_RE.split(found["rest"], maxsplit=1)[0].strip()
    if any(mark in name for mark in ",;:(["):
        return None
    return name if name and len(name.split()) <= MAX_PROSE_NAME_WORDS else None


def find_description_head(description: str) -> str | None:
    """The words of a goods description before its first list of particulars, when there are particulars
    and the head is more than a letter or two: the goods' name, as traders write it first
    ("SAFROL 98 % min., 200 kg steel drums, for fragrance synthesis" -> "SAFROL 98 % min."); else None.
    Not the parent of a CAS index name ("Piperidine, 1-methyl-, 200 kg drums" declares N-methylpiperidine,
    not piperidine: find_inverted_name; sixteenth session's attack)."""
    found = _DESCRIPTION_PARTICULARS_RE.search(description)
    if found is None or find_inverted_name(description) is not None:
        return None
    head = description[: found.start()].strip()
    return head if len(head) >= 3 else None


# Words after a substance's name in a name field that say what the goods are sold as or for, or disclaim a
# use, as web shops and hobby retailers write them (the fourteenth held-out set: "3-CMC crystal 5 g,
# research chemical, not for human consumption", "D-Lysergic acid 100 mg reference standard", "Acetone
# 99.5% nail polish remover refill 5 L", "Sulphuric acid 96% drain cleaner 1 L"), and a bare pack word
# (the thirteenth's "acido sulfurico 98% IBC"). English, written from knowledge; none is a word of a
# chemical name, so a name is never cut inside itself at one (find_name_head).
_NAME_USE_WORDS_RE = re.compile(
    r"\b(?:research\s+chemicals?|for\s+(?:research|laboratory|lab|analytical|scientific)\s+(?:use|purposes)"
    r"(?:\s+only)?|for\s+research\s+only|not\s+for\s+human\s+(?:consumption|use)|"
    r"(?:certified\s+)?(?:reference|analytical)\s+(?:standards?|materials?)|"
    r"(?:nail\s+polish|nail\s+varnish|paint|varnish|rust|glue)\s+removers?|"
    r"(?:drain|oven|toilet|brake)\s+(?:cleaners?|openers?)|(?:pool\s+)?ph[\s-]+(?:minus|plus|down|up)|"
    r"pyrotechnics?|pyrotechnic\s+hobby|hobby|refills?|ibcs?|"
    # what a fine chemical is sold for in asymmetric synthesis ("(1R,2S)-(-)-Norephedrine, 99%, chiral
    # auxiliary", the fifteenth held-out set)
    r"chiral\s+(?:auxiliar(?:y|ies)|building\s+blocks?|resolving\s+agents?)|"
    # a marketplace listing's selling words, copied with its title into a parcel's name field ("BMK oil 99% 500ml
    # free shipping", "PMK glycidate powder 5 kg new formula": the forty-fifth held-out set, postal and e-commerce
    # consignments): shipping, stock, price and sales claims as web shops word them
    r"(?:free|fast|quick|express|discreet|safe|secure|worldwide|door[\s-]+to[\s-]+door)\s+"
    r"(?:shipping|delivery|shipment)|(?:hot|best|top)\s+(?:sales?|sell(?:er|ing)?|price|quality)(?:\s+products?)?|"
    r"(?:in|ready)\s+stock(?:\s+supply)?|factory\s+(?:supply|price|direct)|new\s+formula|"
    r"(?:high|top)\s+(?:yield|quality|purity)|fast\s+(?:reship|dispatch)|readily\s+available|"
    # the same claims in the Chinese of exporters' listings (the sixty-first held-out set's pch61004): in stock and
    # supplied (现货供应, 现货), factory direct sale (厂家直销, 厂家直供), high purity (高纯度), hot sale (热销)
    r"\u73b0\u8d27(?:\u4f9b\u5e94)?|\u5382\u5bb6\u76f4(?:\u9500|\u4f9b)|\u9ad8\u7eaf\u5ea6|\u70ed\u9500|"
    # what hobby and household goods are sold for ("Heliotropin 99% for soap and candle making", "Potassium
    # permanganate 99% pond treatment", "MEK 5L cleaning solvent")
    r"for\s+(?:soap|candle)(?:\s+and\s+(?:soap|candle))?\s+making|(?:soap|candle)\s+making|"
    r"(?:pond|aquarium)\s+(?:treatment|care)|cleaning\s+solvent)(?=\W|$)",
    re.IGNORECASE,
)
def strip_name_use_words(text: str) -> str:
    """``text`` without the words that say what the goods are sold as or for (_NAME_USE_WORDS_RE: "hot sales product",
    "high purity fast shipping", "research chemical"), white space made single; too long a text as it is."""
    if len(text) > MAX_CLEANED_NAME_CHARS:
        return text
    return " ".join(_NAME_USE_WORDS_RE.sub(" ", text).split())


# Words that say a substance is absent ("free of ephedrine", "ephedrine-free", "without ..."): a name field
# with one is not read from a part of it (find_name_head's callers), since the part may be what is absent.
# The words put before what is absent ("free of ...", "without ..."), apart from the "-free" after it.
_ABSENCE_BEFORE = r"\bfree\s+(?:of|from)\b|\bwithout\b|\bnot\s+containing\b|\bohne\b|\bsans\b|\bsin\b|\bsenza\b|\bzonder\b|\bbez\b"
_ABSENCE_RE = re.compile(rf"(?:{_ABSENCE_BEFORE}|-free\b)", re.IGNORECASE)
_ABSENCE_BEFORE_RE = re.compile(_ABSENCE_BEFORE, re.IGNORECASE)


def find_name_head(name: str) -> str | None:
    """The words of a name field before its particulars (a comma or semicolon and a space) or before
    the words that say what the goods are sold as or for (_NAME_USE_WORDS_RE), whichever comes first,
    when everything after them is such words, quantities, purities, grades, forms and packaging: the
    substance's name, as traders write it first ("Red phosphorus powder, pyrotechnic hobby, 100 g" ->
    "Red phosphorus powder"; "Acetone 99.5% nail polish remover refill 5 L" -> "Acetone 99.5%").
    None otherwise: a particular with any other word may go on with the name ("Benzoic acid, 4-hydroxy",
    "Codeine, dihydro", "Cyclohexanone, 2-(2-chlorophenyl)-2-(methylamino)- (9CI)" is ketamine: the
    survey `python -m devtools.name_heads`), as may a cut inside brackets; and a head of a letter or two."""
    ends = [
        found.start() for found in (_DESCRIPTION_PARTICULARS_RE.search(name), _NAME_USE_WORDS_RE.search(name)) if found
    ]
    if not ends:
        return None
    head = name[: min(ends)].strip(" ,;-")
    rest = _NAME_USE_WORDS_RE.sub(" ", name[min(ends) :])
    if len(head) < 3 or head.count("(") != head.count(")") or head.count("[") != head.count("]"):
        return None
    after_form = _FORM_LAST_RE.search(head) is not None
    if not all(
        _TRADE_LEFTOVER_RE.fullmatch(_strip_trade_words(fold_accents(part)))
        or (after_form and _COLOUR_PARTICULAR_RE.fullmatch(part))
        for part in rest.split(",")
    ):
        return None
    return head


# A particular that is only the goods' colour, as listings and invoices describe a powder ("Isotonitazene (ISO) powder,
# yellow", the sixty-first held-out set's pdh61007; "..., white to off-white"). English colour words, ours. Only after a
# physical form ending the head (_FORM_LAST_RE): a colour right after a name may be part of it, "Phosphorus, red" being
# red phosphorus and "Phosphorus, white" another substance.
_FORM_LAST_RE = re.compile(r"\b(?:powder|crystals?|crystalline|solid|liquid|flakes|granules|needles|oil)\s*$", re.IGNORECASE)
_COLOUR_PARTICULAR_RE = re.compile(
    r"\s*(?:(?:pale|light|dark|off)[\s-]+)?(?:white|yellow|yellowish|colou?rless|clear|brown|beige|pink|orange|"
    r"green|blue|grey|gray|red|reddish|violet|purple|amber|tan|cream)"
    r"(?:\s*(?:to|/|-|or)\s*(?:(?:pale|light|dark|off)[\s-]+)?[a-z]+)?\s*\.?",
    re.IGNORECASE,
)


# A word for "for" (or "for the") before what the goods are for, in the languages of names_eu.csv's main rows and
# Swedish ("Potassium permanganate for water treatment", "roter Phosphor für Reibflächen von Zündholzschachteln": the
# forty-third held-out set's pch43059; "Aceton zur Reinigung", "acide chlorhydrique pour piscines"). Common words,
# written from knowledge; not "do", "na" or "til", which are also other words, nor Italian "per" ("60 mg per tablet"),
# nor Spanish and Portuguese "para" before any word, which is also the locant ("Toluene para sulfonic acid": review28b
# M1).
# "para" only before a noun of use or action, which no locant precedes ("Ácido sulfúrico 98% para lixiviação", the
# sixty-seventh held-out set's pch67070; "acetona para uso industrial"): the nouns' endings -ção/-ción/-mento/-miento/
# -agem/-aje, or one of a few nouns of use; common words, written from knowledge. A share may end the words before it
# ("98% para", "99 % for").
_PARA_USE_NOUN = (
    r"[^\W\d_]+(?:\u00e7\u00e3o|\u00e7\u00f5es|cao|coes|ci\u00f3n|ciones|cion|mento|mentos|miento|mientos|agem|aje)"
    r"|usos?|ind[u\u00fa]stria|laborat[o\u00f3]rios?|piscinas?|agricultura|limpeza|limpieza"
    r"|s[i\u00ed]ntes[ie]s?|an[a\u00e1]lis[ie]s?"
)
_PURPOSE_WORD_RE = re.compile(
    r"(?<=[^\W_]|%)\s++(?:(?:for|f[u\u00fc]r|fuer|zur|zum|pour|voor|dla|pro|f[o\u00f6]r)\s+(?=[^\W\d_])"
    rf"|para\s+(?=(?:{_PARA_USE_NOUN})(?![\w-])))",
    re.IGNORECASE,
)


# A unit dose's strength, in the units medicines state it in (bulk goods are counted in kilograms and litres).
_UNIT_DOSE_RE = re.compile(r"\d\s*(?:mg|\u00b5g|\u03bcg|mcg|micrograms?)(?![^\W\d_])", re.IGNORECASE)


def find_text_before_purpose(text: str) -> str | None:
    """The words of a name or description before a word for "for" and what the goods are for ("Potassium
    permanganate for water treatment" -> "Potassium permanganate"), at least three characters with their brackets
    closed; None when there is no such word (chemistry/resolve.py resolve_before_purpose reads the words, and only
    when they name a watchlist entry and the purpose names no other substance); None too for a medicinal product's
    text (find_dose_form)."""
    if len(text) > MAX_CLEANED_NAME_CHARS or (found := _PURPOSE_WORD_RE.search(text)) is None:
        return None
    if find_dose_form(text) is not None or _UNIT_DOSE_RE.search(text):
        # a medicinal product ("Ephedrine sulfate 50 mg/ml solution for injection", "tabletten voor honden",
        # "Codeine phosphate for cough relief 15mg": review28b M2): its dose form or strength decides what it is
        # (Category 4), which the words before "for" would lose
        return None
    head = text[: found.start()].strip(" ,;-")
    if len(head) < 3 or head.count("(") != head.count(")") or head.count("[") != head.count("]"):
        return None
    return head


# A medicine described by the substance it is made from ("Codeine Based Cough Syrup (CBCS) Dialex DC 100 ml", the
# fifty-third held-out set's pdh53013; "codeine-based cough syrups", as seizure reports and regulators' notices call them;
# "ephedrine-based tablets"): the words before "based", joined by a hyphen or a space. Common English, ours.
_BASED_WORD_RE = re.compile(r"(?<=[^\W_])(?:-|\s++)based(?![\w-])", re.IGNORECASE)


def find_text_before_based(text: str) -> str | None:
    """The words of a name or description before "based" ("Codeine Based Cough Syrup" -> "Codeine") when the words
    after it name a dose form (_DOSE_FORM_RE: a medicine, whatever else bulk trade calls so), at least three
    characters with their brackets closed; None otherwise ("toluene-based adhesive", "water based ink": a mixture's
    base, which other readings read; chemistry/resolve.py resolve_before_based reads the words, and only when they
    name a watchlist entry)."""
    if len(text) > MAX_CLEANED_NAME_CHARS or (found := _BASED_WORD_RE.search(text)) is None:
        return None
    if _DOSE_FORM_RE.search(fold_accents(text[found.end() :])) is None:
        return None
    head = text[: found.start()].strip(" ,;-")
    if len(head) < 3 or head.count("(") != head.count(")") or head.count("[") != head.count("]"):
        return None
    return head


# The same in the Romance languages and German, the substance after the phrase ("Sirop à base de codéine",
# "sciroppo a base di codeina", "jarabe a base de codeína", "Hustensaft auf Basis von Codein": review31): the words
# after it up to a figure, a bracket, the particulars or a word that joins another ("pour la toux", "et de miel", "und
# Efeu": review33). Common words, ours; accents folded, as the name is read.
_BASE_OF_RE = re.compile(
    r"(?<![\w-])(?:a\s+base\s+(?:de|di|d')|auf\s+(?:der\s+)?basis\s+von)\s*+"
    r"(?P<name>[^\W\d_][^,;()\[\]\d]{2,60}?)"
    r"(?=\s+(?:pour|per|para|fur|for|contre|contro|contra|gegen|et|und|e|y|and|avec|con|mit|with)\b|[,;()\[\]\d]|\s*$)",
    re.IGNORECASE,
)


def find_text_after_base_of(text: str) -> tuple[str, str] | None:
    """(the words after "à base de" or its kind, the phrase) of a name or description ("Sirop à base de codéine" ->
    ("codéine", "à base de"), _BASE_OF_RE) when the rest names a dose form (a medicine); None otherwise
    (chemistry/resolve.py resolve_before_based reads the words, only when they name a watchlist entry)."""
    folded = fold_accents(text)
    if len(text) > MAX_CLEANED_NAME_CHARS or (found := _BASE_OF_RE.search(folded)) is None:
        return None
    if _DOSE_FORM_RE.search(folded[: found.start()] + " " + folded[found.end() :]) is None:
        return None
    # the declared letters where folding kept every character in place, else the folded ones
    written = text if len(folded) == len(text) else folded
    name = written[found.start("name") : found.end("name")].strip(" ,;-")
    phrase = " ".join(written[found.start() : found.start("name")].split())
    return (name, phrase) if len(name) >= 3 else None


def find_head_with_share(name: str) -> str | None:
    """The first part of a name field cut at its particulars (a comma or semicolon and a space) when that part
    states its share in per cent or per thousand and a particular follows ("acide chlorhydrique 33 %, inhibiteur
    de corrosion" -> "acide chlorhydrique 33 %"), or, without particulars, before "in" and a solvent ("Acetic
    anhydride 50 % in acetic acid" -> "Acetic anhydride 50 %"); None otherwise. A share ends the name: what follows is no part
    of it ("Codeine, dihydro" is a CAS index name, "Codeine 10 %, dihydro" is not), whatever its words."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    parts = split_description_particulars(name)
    # "Acetic anhydride 50 % in acetic acid" (the twenty-eighth held-out set's pch28052): the solvent after "in" is
    # the rest of the solution, not part of the name. Only when the named substance is at least half of it: "Toluene
    # 5 % in concentrate" is mostly something else, which the name would hide (review22c H1, M2); a Category 1
    # substance or a drug in a solvent is read below half too (chemistry/resolve.py resolve_head_with_share)
    before = find_head_before_solvent(name) if len(parts) < 2 else None
    if before is not None and before[1] >= MIN_SHARE_BEFORE_SOLVENT_PERCENT:
        parts = [before[0], name]
    if len(parts) < 2 or not _find_stated_contents(fold_accents(parts[0])):
        return None
    return parts[0]


def find_head_before_solvent(name: str) -> tuple[str, float] | None:
    """(The name before "in" and a solvent, its share in per cent) when a name of no particulars states a share of
    at least TRACE_LIMIT_BELOW_PERCENT before them ("NPP 10 % in ethanol" -> ("NPP 10 %", 10.0)); None otherwise,
    and for a name too long to read."""
    if len(name) > MAX_CLEANED_NAME_CHARS or len(split_description_particulars(name)) >= 2:
        return None
    if (in_solvent := _SHARE_IN_SOLVENT_RE.match(name)) is None or _OPENING_BRACKET_RE.search(in_solvent["head"]):
        return None  # a bracket before the share: "Camphor oil white (safrole 1 % in oil)" is no solution of safrole
    shares = _find_stated_contents(fold_accents(in_solvent["head"]))
    if not shares or shares[0][3] < TRACE_LIMIT_BELOW_PERCENT:
        return None
    return in_solvent["head"], shares[0][3]


MIN_SHARE_BEFORE_SOLVENT_PERCENT = 50.0  # ours: the named substance is the goods' main part


def find_constituent_before_solvent(name: str) -> tuple[str, float] | None:
    """(The constituent named after a word for "containing", its share in per cent) when what follows that word is
    a constituent's share before "in" and a solvent ("Heliotrope fragrance base containing heliotropin 20 % in DPG"
    -> ("heliotropin 20 %", 20.0), the sixtieth held-out set's pch60058); None otherwise, after a negation ("not
    containing"), and for a name too long to read. The goods are then that solution under another name; a share
    without a solvent ("Fragrance base containing heliotropin 20 %") may be a finished product's and is not read."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    # accents folded first ("enthält"), where folding keeps every character in place (the head is cut from the name)
    folded = fold_accents(name)
    found = _CONTAINING_WORD_RE.search(folded if len(folded) == len(name) else name)
    if found is None or says_something_absent_after(name[: found.end()]):
        return None
    before = name[: found.start()]
    if find_dose_form(before) is not None or _DOSE_FORM_RE.search(before) or _DROPS_RE.search(before):
        return None  # a medicine's dose form before it ("Nasal drops containing ephedrine 1 % in saline": review37)
    return find_head_before_solvent(name[found.end() :])


# Drops, a medicine's form the dose-form words leave to their context ("Nasal drops", "Nasentropfen", "druppels",
# "krople", "gocce", "gotas"); ours, common words.
_DROPS_RE = re.compile(r"\bdrops\b|tropfen|druppels|krople|gocce|gotas", re.IGNORECASE)
# A word for "containing" inside a name, in the languages of CONTAINS_WORDS_BY_LANGUAGE (the participles and the third
# person: "base containing", "Grundstoff enthaltend", "base contenant", "base contenente", "mezcla que contiene").
_CONTAINING_WORD_RE = re.compile(r"(?<=\s)" + _alternation(CONTAINS_WORDS_BY_LANGUAGE) + r"\s*:?\s+", re.IGNORECASE)

# A substance's share followed by "in" and its solvent, in the languages of the other name words.
_SHARE_IN_SOLVENT_RE = re.compile(
    r"(?P<head>\S.*?\d(?:[.,]\d+)?\s*(?:%|\u2030)(?:\s*(?:w/w|w/v|v/v|m/m))?)\s+"
    r"(?:in|en|dans|im|em|nel|nella|w|v)\s+(?P<solvent>\S.*)",
    re.IGNORECASE | re.DOTALL,
)


# What may be left of a name field's rest once its trade words are set aside (find_name_head): nothing but
# separators. A bracket, a sign or a letter may go on with the name.
_TRADE_LEFTOVER_RE = re.compile(r"[\s,;.:/&-]*")


def says_absent(text: str) -> bool:
    """Whether the text says that something is absent ("free of", "-free", "without", "ohne", ...), other than one of
    the goods' attributes no substance of the watchlist is (_HARMLESS_ABSENT_WORDS: "dust-free", "BSE-free", "without
    label", "free of charge"): "Safrole, dust-free" names safrole (review37 found it named nothing)."""
    for found in _ABSENCE_RE.finditer(text):
        if found[0].lower().endswith("-free"):
            word = _LAST_WORD_RE.search(text, 0, found.start())
        else:
            word = _FIRST_WORD_RE.match(text, found.end() + len(text[found.end() :]) - len(text[found.end() :].lstrip()))
        if word is None or word[0].lower() not in _HARMLESS_ABSENT_WORDS:
            return True
    return False


# What goods are said free of, or sold without, that no watchlist substance is: dust, animal and allergen matter,
# additives, packaging and paperwork, charges; ours, common words of product listings and certificates.
_HARMLESS_ABSENT = (
    "dust bse tse gmo gluten sugar lactose duty tax label labels coa msds sds charge charges cost costs packaging "
    "preservative preservatives colour color colours colors colorant colorants allergen allergens cruelty latex lead "
    "phthalate phthalates bpa halogen dioxin pyrogen pyrogens endotoxin endotoxins fat odour odor smoke lumps "
    "problems problem maintenance stems stem roots root foreign residue"
)
_HARMLESS_ABSENT_WORDS = frozenset(" ".join((_HARMLESS_ABSENT,)).split())
_LAST_WORD_RE = re.compile(r"([^\W\d_][\w]*)$")
# Such an attribute as a trade word of the name ("Potassium permanganate, dust-free granules", "Ephedrine HCl, BSE-free",
# "Piperonal, without COA", "free of charge"): set aside with the grades (_strip_trade_words).
_HARMLESS_ABSENCE_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_HARMLESS_ABSENT_WORDS, key=len, reverse=True)) + r")[\s-]free\b|"
    r"\b(?:free\s+of|without|ohne|sans)\s+(?:" + "|".join(sorted(_HARMLESS_ABSENT_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def says_something_absent_after(text: str) -> bool:
    """Whether the text has a word put before what is absent ("free of", "without", "ohne", ...): what follows it
    is absent. A "-free" after a word ("duty-free") says nothing of what else the text names."""
    return _ABSENCE_BEFORE_RE.search(text) is not None


def compute_base_salt_keys(name: str) -> list[str]:
    """Keys of the name with acid words that may also name an ester removed ("ephedrine sulphate"
    -> "ephedrine"); only meaningful when the key found names a base. None for a name too long to
    clean (MAX_CLEANED_NAME_CHARS)."""
    keys: list[str] = []
    for key_source in _iter_base_salt_key_sources(name):
        key = normalise_name(key_source)
        if key and key not in keys:
            keys.append(key)
    return keys


def _iter_base_salt_key_sources(name: str) -> Iterator[str]:
    """The texts compute_base_salt_keys makes its keys of (the pieces of a name too long to clean, each)."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        for piece in long_name_pieces(name):
            yield from _iter_base_salt_key_sources(piece)
        return
    for key_source in (
        _SALT_RE.sub(" ", _ESTER_OR_SALT_RE.sub(" ", _strip_cjk_acid_words(p))) for p in _stripped_pieces(name)
    ):
        if not _LONE_ALKYL_OR_METAL_RE.fullmatch(key_source):  # an ester's alkyl or a cation left alone
            yield key_source  # ("dietil-szulfát"), as in _iter_keys


def strip_salt_words(name: str) -> tuple[str, bool] | None:
    """(``name`` without its salt, hydrate and free-base words, whether a word that also names an ester was among them:
    "Deksamfetamin sulfat" -> ("Deksamfetamin", True)), or None when it has none, is too long to clean
    (MAX_CLEANED_NAME_CHARS), or nothing but an ester's alkyl or a cation is left. The last-resort readings see the
    name so when they read nothing as written (chemistry/resolve.py rewrite_unresolved_name); what such a word left is
    accepted only as a base, as the key reading "salt word of a base" is."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    unambiguous = _SALT_RE.sub(" ", _FUSED_SALT_RE.sub(" ", _SALT_PREFIX_RE.sub(" ", name)))
    stripped = _ESTER_OR_SALT_RE.sub(" ", unambiguous)
    stripped = " ".join(stripped.split()).strip(" ,;-")
    if not stripped or stripped == " ".join(name.split()) or _LONE_ALKYL_OR_METAL_RE.fullmatch(stripped):
        return None
    return stripped, stripped != " ".join(unambiguous.split()).strip(" ,;-")


def is_only_salt_words(text: str) -> bool:
    """Whether ``text`` holds nothing but salt, hydrate and free-base words ("tartrate", "fumarate", "HCl"): the salt
    form of a name before it, not a name of its own."""
    if len(text) > MAX_CLEANED_NAME_CHARS or not text.strip():
        return False
    unambiguous = _SALT_RE.sub(" ", _FUSED_SALT_RE.sub(" ", _SALT_PREFIX_RE.sub(" ", text)))
    return not _ESTER_OR_SALT_RE.sub(" ", unambiguous).strip(" ,;-()[]")


def _strip_cjk_acid_words(name: str) -> str:
    """The name without a Chinese or Japanese acid word before the base or a Japanese salt word after it
    ('盐酸麻黄素' -> '麻黄素', 'エフェドリン塩酸塩' -> 'エフェドリン'); the name itself when it has none."""
    return _JAPANESE_SALT_AFTER_BASE_RE.sub("", _CJK_ACID_BEFORE_BASE_RE.sub("", name))


def long_name_pieces(name: str) -> list[str]:
    """The pieces of a name too long to clean whole (MAX_CLEANED_NAME_CHARS) that can be names: the
    text before its first bracket and its first MAX_LONG_NAME_PIECES innermost bracketed pieces, each
    short enough to clean ("1-phenyl-2-propanone (technical grade, ... 600 characters)" gives
    "1-phenyl-2-propanone")."""
    first_bracket = min((i for i in (name.find(c) for c in "([{") if i >= 0), default=len(name))
    pieces = [name[:first_bracket]]
    for found in itertools.islice(_INNERMOST_BRACKET_RE.finditer(name), MAX_LONG_NAME_PIECES):
        pieces.append(found[1])
    return [p for p in pieces if p.strip() and len(p) <= MAX_CLEANED_NAME_CHARS]


def _name_pieces(folded: str) -> list[str]:
    """The pieces of a name (accents folded) that may each be a name, most literal first: the whole name
    (its brackets may be a stereo descriptor the name's entry needs: "(1S,2R)-(+)-Chloroephedrine
    hydrochloride" is that enantiomer, not any chloroephedrine), the name without its comment brackets,
    each bracketed piece and the pieces split_bracketed_synonyms finds. Not the names on either side of
    an "or" (split_alternative_names): those name the goods only when they all name one substance,
    which the look-up decides (chemistry/resolve.py)."""
    return [
        folded,
        strip_comment_brackets(folded),
        *find_bracket_pieces_outside_names(folded),
        *split_bracketed_synonyms(folded),
        *split_unclosed_bracket(folded),
    ]


def find_bracket_pieces_outside_names(name: str) -> list[str]:
    """The contents of each innermost-free bracketed piece of a name (_BRACKET_PIECE_RE) that is not part
    of a systematic name: a piece opened right after a hyphen ("4-(phenylamino)", a substituent at a
    locant) or closed right before a letter or digit ("(phenylamino)piperidine", a substituent of the
    parent that follows) is a substituent, not a synonym or a comment, and read alone it names a radical
    or another substance ("phenylamino" is the database's anilino radical: the fourteenth held-out set's
    pmh14019). "Phenylacetone (P2P)", "Ephedrine(HCl)" and "(S)-ephedrine" keep theirs."""
    return [
        found[1]
        for found in _BRACKET_PIECE_RE.finditer(name, 0, _end_of_last_closing_bracket(name))
        if not (found.start() > 0 and name[found.start() - 1] == "-")
        and not (found.end() < len(name) and name[found.end()].isalnum())
        and not _SALT_COMMENT_RE.fullmatch(found[1].strip())  # "(salt)", "(2:1)": no name (_SALT_COMMENT_RE)
        and not names_only_a_salt_form(found[1])
    ]


# An anion's word ("tartrate", "hydrochloride", "sulphate"): it names the salt form of what stands before it.
_ANION_WORD_END_RE = re.compile(r"(?:ate|ide|ite)s?\b", re.IGNORECASE)


def names_only_a_salt_form(piece: str) -> bool:
    """Whether a bracketed piece holds nothing but salt words with an anion's word among them ("tartrate",
    "hydrochloride monohydrate"): the form of the name before the bracket, not a synonym of its own. Read alone it would name the acid ("1P-LSD (tartrate)" is no tartaric acid: review42 F4). An acid's own name
    or formula ("(HCl)", "(H2SO4)") or a metal's salt ("(sodium acetate)") may be the goods' name and stays a piece."""
    return (
        _ANION_WORD_END_RE.search(piece) is not None
        and _CATION_RE.search(piece) is None  # "(sodium acetate)" is a substance of its own
        and is_only_salt_words(piece)
    )


def split_unclosed_bracket(name: str) -> list[str]:
    """The text before and after a last opening bracket that nothing closes, as a field cut at its length
    leaves it ("1-PHENYL-2-PROPANONE (PHENYLACETONE", an ERP export cut at 35 characters: the ninth held-out
    set); [] when every bracket is closed."""
    opened = name.rfind("(")
    if opened < 0 or ")" in name[opened:]:
        return []
    return [part for part in (name[:opened].strip(), name[opened + 1 :].strip()) if part]


# "or" between two names of one substance, as lists print synonyms ("Ergometrina o Ergonovina" in Costa
# Rica's list, the eighth held-out set's pch8021): the word in the Union's languages (accents folded),
# written from knowledge. Greek "η" is left out: it is also an article. Not the Dutch "of", which is also
# an English word inside names ("salt of ..."). Some of the words have other senses too (Portuguese "o"
# is an article, Croatian "u" is "in", Polish "o" is "of"), and a substance is named beside "or" to say it
# is absent ("free of caffeine or ephedrine"): the look-up accepts the split only when every side names
# the same substance.
# From the start of a run of white space only, and read possessively: at every start inside a long run
# (a name field of 20,000 spaces: 101 s, eighteenth session's attack) \s+ tried each length of the rest.
_ALTERNATIVE_WORD_RE = re.compile(
    r"(?<!\s)\s++(?:or|o|u|ou|oder|lub|albo|nebo|alebo|eller|tai|vagy|sau|arba|ali|ili|voi|vai|\u0438\u043b\u0438)\s+",
    re.IGNORECASE,
)


def split_alternative_names(text: str) -> list[str]:
    """The names on either side of an "or" ("Ergometrina o Ergonovina" -> ["Ergometrina", "Ergonovina"]);
    [] when the text has none. Only tried after every reading of the text as written (chemistry/resolve.py
    lookup_name_record)."""
    parts = [part.strip() for part in _ALTERNATIVE_WORD_RE.split(text)]
    return [part for part in parts if part] if len(parts) > 1 else []


def _stripped_pieces(name: str) -> list[str]:
    cleaned = [_strip_trade_words(piece) for piece in _name_pieces(fold_accents(name))]
    # a full stop after the name, once grades and purities are gone ("Aceton 99%." -> "Aceton")
    return [strip_own_abbreviation(_TRAILING_STOP_RE.sub("", piece)) for piece in cleaned]


# A name's own abbreviation after it, in capitals, as traders and ERP texts write it ("Methyl ethyl ketone MEK 99%",
# "Isopropyl alcohol IPA", "Acetoacetanilide AAA pigment grade", the fifty-fourth held-out set's nlh54007): two to six
# capital letters, the last word of the name once grades and packs are set aside.
_TRAILING_CAPITALS_RE = re.compile(r"\s([A-Z]{2,6})\s*$")
_MIN_LETTERS_BEFORE_ABBREVIATION = 4


def strip_own_abbreviation(piece: str) -> str:
    """The name without an abbreviation of its own after it ("Methyl ethyl ketone MEK" -> "Methyl ethyl ketone");
    the piece itself otherwise. An abbreviation is the name's own when it begins with the name's first letter and
    its letters come in the name in its order: "Toluene TOL", "Dichloromethane DCM", but not "Toluene TDI" (toluene
    diisocyanate, another substance), "Benzaldehyde DMA" (its dimethyl acetal) or "Acetic acid" (ACID is no
    abbreviation of ACETIC)."""
    found = _TRAILING_CAPITALS_RE.search(piece)
    if found is None:
        return piece
    before = piece[: found.start()].rstrip()
    letters = "".join(c for c in before.lower() if c.isalpha())
    abbreviation = found[1].lower()
    if len(letters) < _MIN_LETTERS_BEFORE_ABBREVIATION or letters[0] != abbreviation[0]:
        return piece
    rest = iter(letters)
    return before if all(letter in rest for letter in abbreviation) else piece


# Material numbers that ERP master data writes beside a name (the twenty-ninth held-out set: SAP short texts
# "10005040 KALIUMPERMANGANAT", "ACETONE 10005100 TECH", a description "MATNR 000000000010004741 ISOSAFROL 25 KG"):
# a number of six digits or more standing alone, perhaps after its label (SAP's field name MATNR, "material no.",
# German "Art.-Nr.", Italian "cod.", "#", and the tariff codes' HS, CN and TARIC: "SAFROL HS 29329400"). A labelled
# number is set aside whatever its digits; an unlabelled one only when its check digit makes it no CAS number (a CAS
# number written without hyphens identifies the goods: "103797 TECH"). The unlabelled numbers that pass the check
# (one in ten), and article codes ("RM-4742 PIPERONAL"), are set aside by a last-resort reading only, after the name
# as written failed (chemistry/resolve.py resolve_without_codes): research chemicals are named by such codes
# ("U-47700 hydrochloride", review23 F3).
_MATERIAL_NUMBER_LABEL = (
    r"matnr|mat\.?\s?-?nr\.?|material\s?(?:no\.?|nr\.?|number|nummer)|art\.?\s?-?nr\.?|cod\.|#|"
    r"(?:hs|cn|taric)(?:\s?code)?"
)
# A supplier's product or article code after its label, letters and digits alike, as distributors' catalogues, delivery
# notes and safety data sheets print it beside the name ("Acetone, product code S1212", "Acetona, Referencia 179124",
# "ACETONA código CWDMK", "Code du produit 11770", "Artikelnummer P074": the forty-ninth held-out set): the label says
# what the token is, so it is set aside whatever its letters. Labels in English, German, French, Spanish and Italian
# (accents folded), common words written from knowledge; one token after the label, with a digit or in capitals.
_PRODUCT_CODE_RE = re.compile(
    r"(?<![\w\-])(?:product\s+(?:code|no\.?|number)|code\s+(?:du\s+)?produit|article\s+(?:no\.?|number|code)|"
    r"item\s+(?:no\.?|number|code)|cat(?:alog(?:ue)?)?\.?\s*(?:no\.?|number)|artikel-?(?:nummer|nr\.?)|bestell-?nr\.?|"
    # the code: a token with a digit, or one in capitals ("CWDMK"); a word in small letters may be the name itself
    r"referencia|reference|ref\.|codigo|codice|sku)\s*+[:#]?\s*+"
    r"(?:(?=[^\s,;()\[\]]{0,23}\d)[^\s,;()\[\]]{2,24}+|(?-i:[A-Z][A-Z0-9\-./]{2,23}+))(?![^\s,;()\[\]])",
    re.IGNORECASE,
)
_MATERIAL_NUMBER_RE = re.compile(
    rf"(?<![\w\-.,/])(?:(?P<label>{_MATERIAL_NUMBER_LABEL})[\s:]*+)?(?P<digits>\d{{6,30}})(?![\w\-.,/])",
    re.IGNORECASE,
)


def passes_cas_check_digit(digits: str) -> bool:
    """Whether a run of digits (leading zeros aside) is of a CAS number's length and its last digit the check digit
    of the others: a CAS number written without hyphens, or a number that happens to look like one."""
    digits = digits.lstrip("0")
    return 5 <= len(digits) <= 10 and compute_cas_check_digit(digits[:-1]) == int(digits[-1])


def _drop_material_number(found: re.Match) -> str:
    """The replacement of a _MATERIAL_NUMBER_RE match: nothing, unless it is an unlabelled number that may be a
    CAS number, which stays as it was written."""
    return found[0] if not found["label"] and passes_cas_check_digit(found["digits"]) else " "


def strip_material_numbers(text: str) -> str:
    """``text`` without any material number (_MATERIAL_NUMBER_RE), those that pass the CAS check digit too: for the
    last-resort reading that sets them aside after the name as written failed (chemistry/resolve.py
    strip_codes_beside_name)."""
    return _MATERIAL_NUMBER_RE.sub(" ", text)


# An abbreviation written with a full stop after each letter ("P.M.K.", "M.D.M.A.": the thirty-third held-out set's
# concealment by spelling), read as its letters.
_DOTTED_LETTERS_RE = re.compile(r"\s*(?:[^\W\d_]\.\s?){2,}[^\W\d_]?\.?\s*")


# A strength stated as its equivalent in another form, as product information writes it ("fentanyl citrate equivalent to
# 1,000 micrograms fentanyl/ml", the forty-eighth held-out set's pdh48002; "Oxycodonhydrochlorid entsprechend 9 mg
# Oxycodon", "équivalant à 25 mg de codéine"): the substance declared is the one before it, so the words from
# "equivalent to" and a figure to the end of the field are set aside. English, German, French, Italian and Spanish
# phrases of the EU's product-information templates, written from knowledge; only before a figure ("equivalent to
# 10 mg"), which no chemical name has there; accents folded, as the name is read.
# "eq. to", "entspricht" and "pari a" too (review31). No white space before the phrase in the pattern: a sub() that
# tried every start of a long run of spaces had cost time quadratic in its length (review31).
_EQUIVALENT_STRENGTH_RE = re.compile(
    r"(?<![\w(])\(?(?:equivalent|equiv\.?|eq\.|corresponding|entsprechend|entspricht|equivalant|correspondant|"
    r"equivalente|corrispondente|pari\s+a)"
    # up to three words, the substance's, before the figure ("eq. to codeine 22 mg", "entspricht Oxycodon 9 mg")
    r"\s++(?:to|zu|a|al|de)?\s*+(?:[^\W\d_][\w-]*+\s++){0,3}+\d++(?:[.,]\d++)*+[^,;|()\[\]]*+\)?",
    re.IGNORECASE,
)
# The words of an equivalence clause that name no substance: its phrase and the units of its figure
_EQUIVALENCE_CLAUSE_WORDS = frozenset(
    (
        *("equivalent", "equiv", "corresponding", "entsprechend", "entspricht", "equivalant", "correspondant"),
        *("equivalente", "corrispondente", "pari", "base", "anhydrous"),
        *("micrograms", "microgram", "mikrogramm", "milligrams", "milligram", "milligramm", "grams", "gram", "gramm"),
    )
)


def _strip_equivalent_strength(piece: str) -> str:
    """The piece without a strength stated as its equivalent (_EQUIVALENT_STRENGTH_RE) when every word of the clause
    (of four letters or more, but its phrase, units and dose forms) is written before it: the same substance in another form
    ("Codeine phosphate 30 mg eq. to codeine 22 mg"). A clause that names another substance stays, for the name to
    say it ("Paracetamol 500 mg eq. to codeine 10 mg" is not paracetamol alone: review33)."""

    def drop_when_the_same_substance(found: re.Match[str]) -> str:
        before = fold_accents(piece[: found.start()]).casefold()
        clause = _DOSE_FORM_QUALIFIER_RE.sub(" ", _DOSE_FORM_RE.sub(" ", found[0]))  # "... 22 mg tablets"
        words = re.findall(r"[^\W\d_]{4,}", fold_accents(clause).casefold())
        return " " if all(word in before for word in words if word not in _EQUIVALENCE_CLAUSE_WORDS) else found[0]

    return _EQUIVALENT_STRENGTH_RE.sub(drop_when_the_same_substance, piece)


# Remembered per text: the readings of a long name (chemistry/resolve.py) ask the same pieces again, dozens of times
# each in a name of many particulars, and each call runs some forty patterns.
@remember_per_text
def _strip_trade_words(piece: str) -> str:
    """The piece without quantities, pack counts, purities, grades, physical and dose forms, and, in a
    piece as long as a cut field, a trade word cut short at its end (strip_cut_trade_word)."""
    if _DOTTED_LETTERS_RE.fullmatch(piece):
        return piece.replace(".", " ")
    cut = len(piece) >= MIN_CUT_FIELD_CHARS
    piece = _strip_equivalent_strength(piece)
    # contents as fractions and in g/kg first: the quantity pattern would take "990 g" of "990 g/kg"
    piece = _FRACTION_CONTENT_RE.sub(" ", _PER_THOUSAND_CONTENT_RE.sub(" ", piece))
    # a concentration in a solvent before the quantities, which would leave "in methanol" behind
    piece = _REFERENCE_MATERIAL_RE.sub(" ", _CONCENTRATION_IN_SOLVENT_RE.sub(" ", piece))
    piece = _PRICE_RE.sub(" ", _MOLAR_CONCENTRATION_RE.sub(" ", piece))
    piece = _SHIPPING_CONTAINER_RE.sub(" ", _UN_NUMBER_PARTICULARS_RE.sub(" ", _AS_PER_DOCUMENT_RE.sub(" ", piece)))
    piece = _PACK_COUNT_RE.sub(" ", _QUANTITY_RE.sub(" ", _HYPHENATED_PACK_RE.sub(" ", piece)))
    piece = _PACK_MATERIAL_RE.sub(" ", _BARE_GRADE_RE.sub(" ", piece))
    piece = _USE_GRADE_AFTER_PUNCTUATION_RE.sub(" ", piece)
    piece = _PURITY_RE.sub(" ", _PURITY_RANGE_START_RE.sub(" ", _COLOUR_BEFORE_FORM_RE.sub(" ", piece)))
    piece = _PER_CENT_FIRST_RE.sub(" ", piece)
    piece = _HARMLESS_ABSENCE_RE.sub(" ", _DENSITY_GRADE_RE.sub(" ", piece))
    # a registered or trade mark's sign after a grade mark ("ROTIPURAN®")
    piece = piece.replace("\u00ae", " ").replace("\u2122", " ")
    # dose forms before the grades and physical forms, whose "solution" would leave "oral" of "oral solution" behind
    # ("Methylphenidate oral solution" named nothing: the forty-eighth held-out set)
    before_forms = piece
    piece = _DOSE_FORM_QUALIFIER_RE.sub(" ", _DOSE_FORM_RE.sub(" ", _MEDICINE_MARK_RE.sub(" ", piece)))
    piece = _strip_generic_maker_marks(piece)
    piece = _PHYSICAL_FORM_RE.sub(" ", _GRADE_RE.sub(" ", piece))
    if _RED_WORD_RE.search(piece):
        piece = _AMORPHOUS_RE.sub(" ", piece)
    if piece != before_forms:
        # the preposition left before a form set aside ("Permanganato di potassio in compresse", "... in polvere",
        # "Potassium permanganate in tablets": the sixtieth held-out set's pch60039)
        piece = _PREPOSITION_LEFT_RE.sub("", piece)
    piece = _ISOMER_MIXTURE_RE.sub(" ", piece)
    piece = _CONDITION_RE.sub(" ", _MATERIAL_NUMBER_RE.sub(_drop_material_number, _PRODUCT_CODE_RE.sub(" ", piece)))
    # a slash left between two grades set aside ("USP/EP" -> " / ")
    piece = _LONE_SLASH_RE.sub(" ", piece)
    return strip_cut_trade_word(piece) if cut else piece


_LONE_SLASH_RE = re.compile(r"(?:(?<=\s)|^)/+(?=\s|$)")
# "in" (English, German, Italian, Dutch, Polish "w", French and Spanish "en") left last once what followed it was set
# aside; common words
_PREPOSITION_LEFT_RE = re.compile(r"\s++(?:in|en|im|w)\s*+$", re.IGNORECASE)
# A qualifier that says the goods are both geometric isomers of the name before it, as Annex I of Reg. (EC)
# 273/2004 lists "Isosafrole (cis + trans)" and traders write it without the brackets, in their own language
# ("isosafrolo cis e trans", the eighteenth held-out set's pch18010): "cis" and "trans" joined by "+", "/", "&"
# or the word "and" of English, German (und), French (et), Italian (e), Spanish (y), Portuguese (e), Polish (i),
# Dutch (en), Swedish (och), Czech and Slovak (a) and Lithuanian (ir, as the LT-NTAKD table prints
# "Izosafrolas (cis- ir trans-)", names_eu.csv), perhaps with "isomers"/"mixture" after it; the conjunctions are
# common words, written from knowledge. A name of both isomers names the substance without a stereodescriptor,
# which is how the lexicon lists it. Only the two words as a pair standing alone: "cis- and trans-2-butene" is
# a name (a hyphen joins "trans-" to it), and "cis" or "trans" alone is a stereodescriptor, read as one
# (chemistry/resolve.py, step 1a'').
_ISOMER_MIXTURE_RE = re.compile(
    r"(?<![\w-])(?:(?:mixture\s+of|mix\s+of)\s+)?cis-?\s*(?:[+/&]|and|und|et|e|y|i|en|och|a|ir)\s*trans-?"
    r"(?:\s+(?:isomers?|mixture|mix))?(?![\w-])",
    re.IGNORECASE,
)


def strip_trade_words(text: str) -> str:
    """``text`` (at most MAX_CLEANED_NAME_CHARS; longer is given back as it is) without its quantities, pack
    counts, purities, grades and forms (_strip_trade_words): "CAS 103-79-7 200 kg drums" -> "CAS 103-79-7"."""
    if len(text) > MAX_CLEANED_NAME_CHARS:
        return text
    return " ".join(_strip_trade_words(fold_accents(text)).split())


# ERP systems cut a goods name at their field's length (35 characters in the ninth held-out set's
# exports), mid-word: "ALPHA-PHENYLACETOACETONITRILE TECHN", "PSEUDOEPHEDRINE HYDROCHLORIDE USP/E",
# "ANTHRANILIC ACID TECH GRADE 25KG BA". The last word of a name that long is set aside when it is the
# beginning of a grade, form or packaging word (never a whole chemical name: those are looked up first).
MIN_CUT_FIELD_CHARS = 30
_CUT_TRADE_WORDS = (
    "technical", "technisch", "grade", "pharmaceutical", "pharma", "analytical", "reagent", "anhydrous",
    "solution", "powder", "crystals", "crystalline", "flakes", "granules", "purified", "purity", "purum",
    "puriss", "drums", "bags", "barrels", "bottles", "containers", "cartons", "pails", "kilograms", "ep",
    "usp", "bp",
)  # fmt: skip
_ENDS_WITH_CATION_SALT_PHRASE_RE = re.compile(rf"\b{_CATION_SALT_PHRASES}\W*$", re.IGNORECASE)
_CUT_WORD_RE = re.compile(r"(?:(?<=\s)|(?<=/))([a-z]+)[\s./-]*$", re.IGNORECASE)


def strip_cut_trade_word(piece: str) -> str:
    """``piece`` without a last word that is the start of a trade word cut off ("... TECHN" -> "..."); a
    single letter only after a slash ("USP/E"). Unchanged otherwise."""
    found = _CUT_WORD_RE.search(piece.rstrip())
    if found is None or _ENDS_WITH_CATION_SALT_PHRASE_RE.search(fold_accents(piece)):
        return piece  # ("... natrijeva sol": the salt phrase's last word is no cut "solution", review35)
    word = found[1].lower()
    slash = piece[: found.start()].rstrip().endswith("/")
    if (len(word) >= 2 or slash) and any(t.startswith(word) and t != word for t in _CUT_TRADE_WORDS):
        return piece[: found.start()].rstrip(" /")
    return piece


# A dose-form word that says what a raw material is for or its grade ("tablet grade", "injection grade",
# "for tablets", "raw material for capsules production", "for injection use"): a bulk substance's words. The
# purpose is read past the strength and the kind of the dose form the goods are made into ("raw material for 60 mg
# tablets", "for use in 120 mg extended-release tablets": review30's purpose gap), which a medicinal product's own
# name puts after its purpose words only as a use ("60 mg tablets for cold relief" is read after, not here).
_DOSE_FORM_AS_USE_BEFORE_RE = re.compile(
    r"\b(?:for|pour|f(?:ue|u)r|zur?|per|para|voor|do|used?\s+in)\s+(?:the\s+)?"
    r"(?:(?:production|manufactur\w*|making)\s+of\s+)?"
    r"(?:\d+(?:[.,]\d+)?\s*+(?:mg|\u00b5g|\u03bcg|mcg|micrograms?)(?:\s*+/\s*+\d*\s*+ml)?\s+)?"
    rf"(?:{_DOSE_FORM_QUALIFIER_RE.pattern}\s+)?$",
    re.IGNORECASE,
)
# From the start of a run of white space and hyphens only ((?<![\s-]): a dose form ends with a letter, where it is
# matched), possessively: searched, every start in a run of 500 spaces read the rest of it (11 ms; 45 ms on 1,000:
# the eighteenth attack's leftovers).
_DOSE_FORM_AS_USE_AFTER_RE = re.compile(
    r"(?<![\s-])[\s-]*+(?:grade|quality|qualit[ea]t|use|usage|production|manufactur\w*|making|purposes?|herstellung)(?=\W|$)",
    re.IGNORECASE,
)
# A bulk pack: a quantity in kilograms, tonnes, pounds or gallons, or a bulk container ("25 kg",
# "20 x 25 kg drums", "fibre drums", "IBC", "Faesser"). Medicinal products come in mg, ml, blisters,
# bottles and cartons; dose-form words beside a bulk pack do not make a medicinal product.
_BULK_PACK_RE = re.compile(
    # the units spelled out too ("1000 kilograms", "500 kilo") and barrels and FIBCs, which wrote tablets
    # in bulk as the Category 4 product when no CN code was declared (sixteenth session's attack)
    r"(?<![\w\-.])\d+(?:[.,]\d+)?\s*(?:kgs?|kilos?|kilograms?|kilogrammes?|t|mt|tonnes?|tons?|lbs?|pounds?|gal|gallons?)(?![\w\-])|"
    r"\b(?:drums?|barrels?|bags?|big\s*bags?|fibcs?|sacks?|ibcs?|totes?|pails?|jerrycans?|kegs?|carboys?|"
    # (and the tanks bulk liquids ship in: review30 M3, a flexitank holds no syrup in doses; not pallets or sea
    # containers, which carry medicines too: held-out 40's pch40073, capsules on pallets)
    r"flexitanks?|flexibags?|iso[\s-]?tanks?|"
    r"fass|fasser|faesser|sacke|saecke|futs?|sacs?)(?=\W|$)",
    re.IGNORECASE,
)
# A consignment's gross weight ("GW 220 KGS", "gross weight: 480 kg", as air waybills and entry summary declarations
# state it: the thirty-sixth held-out set's cartons of medicaments): the weight of cartons, pallets and all, no pack of
# a bulk substance, so not read as one (_BULK_PACK_RE)
_GROSS_WEIGHT_RE = re.compile(
    r"\b(?:g\.?\s?w\.?|gross\s+(?:weight|wt\.?)|brutto(?:gewicht)?)\s*:?\s*\d+(?:[.,]\d+)?\s*(?:kgs?|kilos?|t|mt|lbs?)\b",
    re.IGNORECASE,
)
# How much of the text before a dose form is read for a use ("for the manufacture of").
_USE_CONTEXT_CHARS = 40


def declares_bulk_pack(*texts: str | None) -> bool:
    """Whether a declared name or description declares a bulk pack ("25 kg", "fibre drums", "IBC"):
    a bulk substance, whatever medicinal-product heading or dose form is declared with it."""
    return any(t and _BULK_PACK_RE.search(_GROSS_WEIGHT_RE.sub(" ", fold_accents(t[:MAX_CLEANED_NAME_CHARS]))) for t in texts)


# Words that declare the goods an active substance, a medicine's raw material, rather than a medicament: "active
# substance" and its German "Wirkstoff" as Directive 2001/83/EC Art. 1(3a) defines it ("any substance ... intended
# to be used in the manufacture of a medicinal product"; the German text read at gesetze.legal/eu/rl_2001_83_eg/1,
# 1.12.2026), ICH Q7's "Active Pharmaceutical Ingredient (API) (or Drug Substance)", and French "principe actif"
# and "substance active" (common words of French pharmacy, written from knowledge). "API" in capitals only, as
# a word of its own. A medicine's label names its active substance too ("Wirkstoff: Pseudoephedrin 60 mg"), so
# such a word declares an active substance only where no dose strength is stated (_DOSE_STRENGTH_RE) and, in
# chemistry/matching.py match_cn_scope, no dose form.
_ACTIVE_SUBSTANCE_RE = re.compile(
    r"(?<![\w-])(?:(?i:active\s+pharmaceutical\s+ingredients?|drug\s+substances?|active\s+substances?|"
    r"wirkstoffe?|principes?\s+actifs?|substances?\s+actives?)|APIs?)(?![\w-])"
)
# A dose's strength: a mass in milligrams or micrograms ("60 mg", "50 microgram/h"), which an active substance in
# bulk is not declared by.
_DOSE_STRENGTH_RE = re.compile(
    r"(?<![\w\-.])\d+(?:[.,]\d+)?\s*(?:mg|\u00b5g|\u03bcg|mcg|ug|micrograms?|mikrogramm)(?![\w\-])", re.IGNORECASE
)


def declares_active_substance(*texts: str | None) -> bool:
    """Whether a declared name or description declares the goods an active substance ("API powder, 50 kg",
    "Wirkstoff Ephedrin, Gehalt 99 %"; _ACTIVE_SUBSTANCE_RE) and states no dose strength ("Wirkstoff:
    Pseudoephedrin 60 mg" is a medicine's label): a medicine's raw material, which chapter 30's medicament
    headings do not hold (chemistry/matching.py match_cn_scope)."""
    given = [fold_accents(t[:MAX_CLEANED_NAME_CHARS]) for t in texts if t]
    if any(_DOSE_STRENGTH_RE.search(t) for t in given):
        return False
    return any(_ACTIVE_SUBSTANCE_RE.search(t) for t in given)


# A declared content at least this high names the substance itself, not a preparation of it. Ours, an
# operational threshold, not the law's: a pharmacopoeia's assay limits for an active substance sit about
# 98-101 %, and heading 3003 holds "two or more constituents which have been mixed together" (HS and
# CN heading text; its explanatory note: a single substance "together with an excipient").
UNMIXED_MIN_PERCENT = 98.0
_PERCENT_NUMBER_RE = re.compile(rf"(\d+(?:[.,]\d+)?)\s*(?:{_PER_CENT})", re.IGNORECASE)
# An upper bound before the number ("< 99 %", "<= 99%", "NMT 99 %", "not more than", "up to") or after it
# ("99 % max"): it states no content. "<=" as typed in ASCII, as _PURITY_RE reads it.
_AT_MOST_RE = re.compile(rf"(?:<|\u2264|=<|<=|{_alternation(AT_MOST_WORDS_BY_LANGUAGE)})\s*$", re.IGNORECASE)
_AT_MOST_AFTER_RE = re.compile(r"^\s*(?:max\b|maximum\b|at\s+most\b)", re.IGNORECASE)


def _states_upper_bound(folded: str, start: int, end: int, before_number: str) -> bool:
    """Whether a stated content (_find_stated_contents: its span and what comes before its number) is an upper bound,
    by a sign or word before it ("< 99 %", "max 5 %") or after it ("99 % max")."""
    before = folded[max(0, start - 16) : start] + before_number
    return bool(_AT_MOST_RE.search(before.rstrip()) or _AT_MOST_AFTER_RE.match(folded[end:]))
# Ours, not the law's: a limit below 1 % is the kind certificates of analysis state for an impurity or a trace, to say
# the goods hold next to none of it (essential oils are sold by their safrole limit, "Camphor oil white (safrole max
# 0.5 %)", hemp extracts by their THC limit). Regulation (EC) No 273/2004, Art. 2(a), sets no share: it leaves out
# mixtures from which the substance cannot easily be used or extracted. A limit of 1 % or more ("safrole max 1 %, 200 l
# drums" on a large consignment is litres of safrole) leaves the name to be read as before.
TRACE_LIMIT_BELOW_PERCENT = 1.0
# The words for "at most" the trace limits are written with besides AT_MOST_WORDS_BY_LANGUAGE's (accents folded;
# everyday words of each language, written from knowledge): "maximal", "unter", "inferieur a", "inferiore a(l/llo)",
# "menos del", "ponizej", "maks.", "minder dan", "maximaal", "kleiner als".
_TRACE_AT_MOST_WORDS = (
    r"maximal|unter|kleiner\s+als|inferieure?\s+a|inferiore\s+a(?:l(?:lo|la)?)?|menos\s+del?|ponizej|maks\.?|"
    r"minder\s+dan|maximaal|max\.?\s*:"
)
# A constituent's name: a letter or a locant first ("1,3-"), then no share, list separator, slash or bracket of its own (a comma only
# between a locant's digits, "1,3-benzodioxole"), at most 80 characters; then the limit before or after the figure, a
# per-cent sign perhaps with its basis ("% w/w") and a method ("GC", "by HPLC"), and a full stop.
_TRACE_LIMIT_RE = re.compile(
    rf"(?P<name>(?:[^\W\d_]|\d{{1,3}}(?:,\d{{1,3}})*-)(?:[^,;%/()\[\]{{}}<>=\u2264\u2030\u066a\uff05]|(?<=\d),(?=\d)){{0,80}}?)\s*+(?::\s*+)?"
    rf"(?:(?:<|\u2264|=<|<=|{_alternation(AT_MOST_WORDS_BY_LANGUAGE)}|{_TRACE_AT_MOST_WORDS})\s*+"
    rf"(?P<number>\d{{1,3}}(?:[.,]\d{{1,4}})?)\s*+(?:{_PER_CENT})|"
    rf"(?P<number_first>\d{{1,3}}(?:[.,]\d{{1,4}})?)\s*+(?:{_PER_CENT})\s*+(?:max\.?|maximum|at\s+most))"
    r"(?:\s*+(?:w/w|w/v|v/v|m/m))?(?:\s*+(?:by\s+)?(?:gc|hplc|glc))?\s*+\.?",
    re.IGNORECASE,
)
# Whether a text may state a trace limit at all (strip_trace_limit_groups' quick check): a per-cent sign or word.
_TRACE_LIMIT_SIGN_RE = re.compile(rf"\d\s*+(?:{_PER_CENT})", re.IGNORECASE)
# A unit after a figure: the figure is a quantity ("1.000 kg", "0.99 L"), not a content.
_CONTENT_UNIT = r"(?:[kmu\u00b5]?g|[mu\u00b5c]?l|lbs?|oz|t|tons?|tonnes?|m3|pcs)\b"
# A content as a fraction after a word that says it is one ("purity 0.99", "assay: 0,995", "content >= 0.98",
# "purity: >= 0.990"), not followed by a per-cent sign (then it is 0.99 %, which _PURITY_RE reads), by more
# digits (a comma or full stop after it ends the number: "purity 0.99, USP", the review) nor by a
# unit ("net content 1.000 kg", "content 0.99 L": a quantity, read as 100 % it made a mixed medicament under
# 3003 'unmixed', eighteenth session's attack), and in grams per kilogram ("990 g/kg"). A bare fraction says
# nothing: it may be a density or a pack's litres. Possessive (*+) white space, as in _PURITY_RE.
_FRACTION_CONTENT_RE = re.compile(
    rf"\b{_CONTENT_WORD}(?:\s*+[:>=<\u2265\u2264])*+\s*+(?:min(?:imum)?\.?\s*+)?"
    rf"(?P<fraction>0[.,]\d{{1,4}}|1[.,]0{{1,4}})(?!\d|[.,]\d|\s*(?:{_PER_CENT})|\s*{_CONTENT_UNIT})",
    re.IGNORECASE,
)
# A content that is not the goods' share: a pack's quantity ("net content 1.000", the eighteenth session's
# attack: read as 100 % it made a mixed medicament 'unmixed' under 3003) or a specification's impurity or loss
# ("water content 0.3 %, assay 99.5 %", "loss on drying: 0.5 %", the review): the word, then no separator or
# figure before the number. Left out of "the first content stated decides", which would otherwise let a
# leading water content hide a 99.5 % assay. (A unit after the figure: _CONTENT_UNIT.)
_NOT_THE_GOODS_CONTENT_RE = re.compile(rf"\b{_alternation(NOT_THE_GOODS_WORDS_BY_LANGUAGE)}\b[^,;%\d]*$", re.IGNORECASE)
# Parts per thousand: "990 g/kg", "990 g per kg", "990 mg/g", "999 ‰" (the attack's leftovers).
_PER_THOUSAND_CONTENT_RE = re.compile(
    r"(?<![\w.,-])(\d{1,4}(?:[.,]\d+)?)\s*(?:g\s*/\s*kg\b|g\s+per\s+kg\b|mg\s*/\s*g\b|\u2030)", re.IGNORECASE
)


def declares_unmixed_substance(*texts: str | None, substance_names: Iterable[str | None] = ()) -> bool:
    """Whether a declared name or description states a content of the substance of at least
    UNMIXED_MIN_PERCENT ("99%", "min. 99,5 %", "assay >= 98 %"): the substance unmixed, which heading
    3003 (medicaments of two or more constituents mixed together) cannot hold (chemistry/matching.py
    match_cn_scope). An upper bound ("< 99 %", "max 99%", "99 % max") states no content, nor does a pack's
    quantity or an impurity ("net content 1.000 kg", "water 0.3 %": _NOT_THE_GOODS_CONTENT_RE).

    Which content decides: the first stated of the identified substance (``substance_names``: its names, as
    resolved and as declared), a content whose subject, the words before it back to a separator (or, when
    none, after it), names the substance: "lactose 80 %, pseudoephedrine 20 %" is 20 % pseudoephedrine in
    either order, and "lactose 1 %, ephedrine 99 %" 99 % ephedrine (before the nineteenth session the first
    content stated decided, and an excipient stated first decided for the substance). When no content names
    the substance (or no names are given), the first content stated decides: declarations give the goods'
    own first ("purity 99 %"), and a later one may be another constituent's ("pseudoephedrine 2 % (98 %
    sucrose)": a preparation, not 98 % pseudoephedrine)."""
    goods_contents = []
    for text in texts:
        if not text:
            continue
        folded = fold_accents(text[:MAX_CLEANED_NAME_CHARS])
        contents = sorted(_find_stated_contents(folded))
        for index, (start, end, before_number, percent) in enumerate(contents):
            if _states_upper_bound(folded, start, end, before_number):
                continue
            if _NOT_THE_GOODS_CONTENT_RE.search(folded[max(0, start - 32) : start] + before_number):
                continue  # "net content 1.000 kg", "water content 0.3 %, assay 99.5 %": not the goods' share
            after_previous = contents[index - 1][1] if index else 0
            goods_contents.append((folded, after_previous, start, end, percent))
    if not goods_contents:
        return False
    substance_keys = {key for name in substance_names if name for key in compute_name_keys(name)}
    if substance_keys:
        for folded, after_previous, start, end, percent in goods_contents:
            if _subject_names(_find_content_subject(folded, after_previous, start, end), substance_keys):
                return percent >= UNMIXED_MIN_PERCENT
    return goods_contents[0][-1] >= UNMIXED_MIN_PERCENT


# How far before or after a content its subject is read, and where it ends: a list's separators ("lactose 80 %,
# ephedrine 20 %"), an opening bracket ("pseudoephedrine 2 % (98 % sucrose)"), or the previous content.
_SUBJECT_CHARS = 60
_SUBJECT_BEFORE_RE = re.compile(r"[^,;(\[{+]*$")
_SUBJECT_AFTER_RE = re.compile(r"[^,;()\[\]{}+]*")


def _find_content_subject(folded: str, after_previous: int, start: int, end: int) -> str:
    """The words a stated content is of: those before it back to a separator or the previous content
    ("lactose 80 %" -> "lactose"), or, when there are none, those after it ("98 % sucrose" -> "sucrose")."""
    before = folded[max(after_previous, start - _SUBJECT_CHARS) : start]
    subject = _SUBJECT_BEFORE_RE.search(before)[0].strip()  # the pattern matches every text, if only emptily
    if _LETTER_WORD_RE.search(subject):
        return subject
    return _SUBJECT_AFTER_RE.match(folded[end : end + _SUBJECT_CHARS])[0].strip()


def _subject_names(subject: str, substance_keys: set[str]) -> bool:
    """Whether a content's subject names the substance: one of its name keys, or one of its words, is one of the
    substance's name keys ("Ephedrine HCl" and "Ephedrine sulfate" name ephedrine; "pseudoephedrine" does not)."""
    if not _LETTER_WORD_RE.search(subject):
        return False
    words = {word.lower() for word in _LETTER_WORD_RE.findall(subject)}
    return not substance_keys.isdisjoint(words) or any(key in substance_keys for key in iter_name_keys(subject))


def _find_stated_contents(folded: str) -> list[tuple[int, int, str, float]]:
    """(start, end, what comes before the number, the content in per cent) of each content a text states:
    in per cent ("99 %", "99,5 Prozent"), as a fraction after a content word ("purity 0.99", "assay:
    0,995") or per thousand ("990 g/kg", "990 mg/g", "999 ‰") — the seventeenth session's attack declared Category 1
    under CN 3003 with the last two, which only the per cent were read as."""
    contents = []
    for found in _PURITY_RE.finditer(folded):
        if (number := _PERCENT_NUMBER_RE.search(found[0])) is not None:
            percent = float(number[1].replace(",", "."))
            contents.append((found.start(), found.end(), found[0][: number.start()], percent))
    for found in _FRACTION_CONTENT_RE.finditer(folded):
        fraction = float(found["fraction"].replace(",", "."))
        contents.append(
            (found.start(), found.end(), found[0][: found.start("fraction") - found.start()], fraction * 100)
        )
    for found in _PER_THOUSAND_CONTENT_RE.finditer(folded):
        contents.append((found.start(), found.end(), "", float(found[1].replace(",", ".")) / 10))
    return contents


def find_dose_form(*texts: str | None) -> str | None:
    """The first dose form named in a declared name or description ("pseudoephedrine 60 mg tablets" ->
    "tablets"), or None: the item is then declared as a medicinal product (Category 4 scope).

    A dose form lowers a Category 1 substance to the Category 4 product when no CN code is declared
    (a declared code decides alone: chemistry/matching.py match_cn_scope), so the words must declare one:
    a dose-form word naming a raw material's use or grade ("tablet grade", "for capsules") is none, and
    no dose form is read when a text declares a bulk pack ("25 kg drums": bulk substance) or is too long
    to read whole (MAX_CLEANED_NAME_CHARS: the part not read may declare the pack), nor when a text declares
    an analytical reference material (_REFERENCE_MATERIAL_RE: "CRM, 1 mL ampoule"). Words bulk trade uses
    too (_NOT_ONLY_MEDICINAL_RE: "caps", "syrup", a bare "injection") are a dose form only with a unit dose right
    beside them ("60 mg tabs", "syrup 30 mg/5 ml") or, for a liquid's word, a dose per spoonful in any text, and
    only when no dose form that medicines alone use is named."""
    given = [t for t in texts if t]
    if any(len(t) > MAX_CLEANED_NAME_CHARS for t in given):
        return None
    folded = [fold_accents(t) for t in given]
    if declares_bulk_pack(*given) or any(_REFERENCE_MATERIAL_RE.search(t) for t in folded):
        return None
    spoon_dose = any(_SPOON_DOSE_RE.search(text) for text in folded)
    beside_unit_dose = None  # the first word bulk trade uses too, a unit dose beside it
    for text in folded:
        # a pharmacy's mark of a dose form ("Pseudoephedrin Ret Tabl 120 mg 20 Stk", "... HCl ER 120 mg": review27 F5)
        if (mark := next((m for m in _MEDICINE_MARK_RE.finditer(text) if m["dose"]), None)) is not None:
            return mark["dose"].lower()
        for found in _DOSE_FORM_RE.finditer(text):
            before = text[max(0, found.start() - _USE_CONTEXT_CHARS) : found.start()]
            if _DOSE_FORM_AS_USE_BEFORE_RE.search(before) or _DOSE_FORM_AS_USE_AFTER_RE.match(text, found.end()):
                continue
            dose_form = " ".join(found[0].split()).lower()
            if not _NOT_ONLY_MEDICINAL_RE.match(dose_form):
                return dose_form
            if beside_unit_dose is None and _states_unit_dose_beside(text, found, spoon_dose):
                beside_unit_dose = dose_form  # unless a dose form only medicines use follows
    return beside_unit_dose


# A unit dose right before or after a word that bulk trade uses too ("60 mg tabs", "syrup 30 mg/5 ml", "injection 30
# mg/ml"), and a dose per spoonful anywhere (an oral liquid's "30 mg/5 ml"): bulk goods are counted in kilograms and
# litres, so the word is then the medicinal product's dose form.
_UNIT_DOSE_BEFORE_RE = re.compile(r"\d\s*+(?:mg|\u00b5g|\u03bcg|mcg)\s*+$", re.IGNORECASE)
_UNIT_DOSE_AFTER_RE = re.compile(
    # (not a limit per kilogram or litre: "screw caps 10 mg/kg heavy metals", review30 L2)
    r"\s*+\d{1,4}(?:[.,]\d{1,3})?\s*+(?:mg|\u00b5g|\u03bcg|mcg)(?![^\W\d_]|\s*+/\s*+(?:kg|g|l)\b)", re.IGNORECASE
)
_SPOON_DOSE_RE = re.compile(
    r"\d\s*+(?:mg|\u00b5g|\u03bcg|mcg)\s*+(?:/|per|pro|par|por|in)\s*+(?:5|10|15)\s*+ml(?![^\W\d_])", re.IGNORECASE
)


def _states_unit_dose_beside(text: str, found: re.Match[str], spoon_dose: bool) -> bool:
    """Whether a unit dose stands right beside the dose-form word ``found`` of ``text``, or a dose per spoonful is
    stated (``spoon_dose``) and the word is a liquid's; never when the text says the goods are for, or used in,
    making such products ("raw material for 60 mg tabs", "API for cough syrup 30 mg/5 ml": review30 H3)."""
    if _BULK_PURPOSE_RE.search(text):
        return False
    if _UNIT_DOSE_BEFORE_RE.search(text, max(0, found.start() - 12), found.start()):
        return True
    if _UNIT_DOSE_AFTER_RE.match(text, found.end()):
        return True
    return spoon_dose and _LIQUID_WORD_RE.match(found[0]) is not None


# Words that say the goods go into the product rather than being it, anywhere in the text of a word that bulk trade
# uses too: a purpose ("for", "used in"), a raw material or active ingredient, a granulate. Common words, ours.
_BULK_PURPOSE_RE = re.compile(
    r"\b(?:for|f(?:ue|u)r|pour|voor|para|zur?|used\s+in|use\s+in|api|raw\s+materials?|active\s+(?:pharmaceutical\s+)?"
    r"ingredient|granulates?|bulk|intermediate|manufactur\w*|production)\b",
    re.IGNORECASE,
)
_LIQUID_WORD_RE = re.compile(r"(?:syrup|sirup|sirop|siroop|sciroppo|jarabe|syrop)$", re.IGNORECASE)


# Words that say nothing of what goods contain, only that they are a medicament, not in measured doses, in bulk,
# and how they are packed: the headings' own words as declarations write them, in English, German, French, Dutch,
# Italian and Spanish, and placeholders typed into an empty field. Ours, written from the tariff's heading texts
# and the twenty-first held-out set's lines ("medicine not in measured doses, 50 kg", "medicament bulk, 100 kg",
# "Arzneimittel, lose Ware, 25 kg Fass"): a description of these words alone leaves the goods named by their
# identifier (Presentation.identifier_only); any other word (a second ingredient, "mixture", "syrup",
# "granulate", "premix") may name what they are, and the identifier then does not speak alone.
_CONTENT_SILENT_WORDS = frozenset(
    " ".join(
        (
            "medicine medicines medicament medicaments medicinal product products pharmaceutical pharmaceuticals "
            "not in measured dose doses put up for retail sale packing packings bulk loose "
            "kg kgs g l t mt net gross x of and drum drums bag bags fibre fiber hdpe steel carton cartons box boxes "
            "pallet pallets can cans container containers ibc "
            "arzneimittel arzneiware arzneiwaren lose loser ware nicht dosiert fass fasser faesser sack sacke saecke "
            "kanister karton "
            "medicament medicaments medicamenteux en vrac fut futs sac sacs "
            "geneesmiddel geneesmiddelen los vat vaten "
            "medicinale medicinali farmaco farmaci sfuso fusto fusti "
            "medicamento medicamentos granel a bidon bidones tambor "
            "n a na none nil unknown tbd keine angabe cas rn lek leki luzem lot batch charge",
        )
    ).split()
)
# A name field that names nothing: empty, a placeholder ("-", "N/A", "none", "keine Angabe") or a CAS number typed
# into it (no run of three letters but "CAS"); a Chinese, Japanese or Korean character names something.
# Kana, the CJK ideographs and Hangul: a name in a CJK script (one character may be a word).
CJK_CHARACTERS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_NAMES_SOMETHING_RE = re.compile(rf"[^\W\d_]{{3,}}|[{CJK_CHARACTERS}]")  # CJK: one character a word


def says_nothing_of_content(*texts: str | None) -> bool:
    """Whether the texts hold only words of _CONTENT_SILENT_WORDS (and numbers, units, punctuation): they say
    the goods are a medicament in bulk and how they are packed, nothing of what they contain."""
    for text in texts:
        if not text:
            continue
        if len(text) > MAX_CLEANED_NAME_CHARS:
            return False
        if "%" in text or "\u2030" in text:
            return False  # a stated share: a composition (review22b: "medicament bulk, 2 %")
        words = re.findall(r"[^\W\d_]+", fold_accents(text).lower())
        if any(w not in _CONTENT_SILENT_WORDS for w in words):
            return False
    return True


def names_something(name: str | None) -> bool:
    """Whether a declared name field names anything: not empty, not a placeholder ("-", "N/A", "none",
    "unknown"), not a CAS number typed into it ("345-78-8", "CAS 345-78-8"). A SMILES or InChI typed into it does
    name something here (its letters), so the goods are not taken as named by an identifier alone."""
    if not name or not _NAMES_SOMETHING_RE.search(name):
        return False
    return not says_nothing_of_content(name)


# Words that say how goods are presented -- a formulation, a product form, a physical state, a colour, a pack --
# and name no substance, beside the trade words strip_trade_words sets aside (grades, "liquid", "crystal",
# "powder", dose forms, packs) and _CONTENT_SILENT_WORDS. Not stripped from a name as those are: after a
# substance's name they say what the goods are ("Ephedrine HCl premix" is a mixture, "Safrole oil" may be the
# essential oil). Alone they name nothing, but PubChem's synonyms give some of them to one substance as a trade or
# street name, and the identifier database then named a declaration "Premix" chlormequat chloride, "Dust" and
# "Mist" phencyclidine, "Green" ketamine (names_presentation_only; the survey `python -m
# devtools.presentation_names` lists each such synonym). English common words, ours: the survey's words and the
# common product forms the dose forms above lack; a word missing here leaves a name read as before.
PRESENTATION_WORDS = frozenset(
    " ".join(
        (
            # formulations: what the goods are made up as, not of what
            "premix premixes concentrate concentrates formula formulas formulation formulations mixture mixtures "
            "blend blends",
            # product forms the dose forms above do not hold as a bare word
            "tablet pill pills spray sprays gel gels cream creams lotion lotions ointment ointments emulsion "
            "emulsions suspension suspensions drops patch patches nasal",
            # physical states and forms (_FORM_NOUN_RE's nouns, read here alone)
            "oil oils oily solid solids paste pastes fluid fluids gas vapour vapor dust mist flake block blocks",
            # a colour alone (the colours _COLOUR reads before a form, and the common ones PubChem gives as
            # street names: "green" ketamine, "pink")
            "white black red yellow green blue brown pink grey gray beige colourless colorless",
            # packs
            "pack packs sample samples",
        )
    ).split()
)
_PRESENTATION_WORD_RE = re.compile(r"[^\W\d_]+")


def names_presentation_only(name: str) -> bool:
    """Whether a name holds words, each of them a word of how goods are presented, none naming a substance: a
    trade word (strip_trade_words: "Liquid", "Crystal", "Tech", "25 kg drums") or a word of PRESENTATION_WORDS
    ("Premix", "Tablet premix", "Green"). Such a name resolves to no substance, whatever synonym the identifier
    database gives it (chemistry/resolve.py _lookup_database_name). False for a name with any other word, even a
    letter or two ("B-K powder" is a trade name), or a figure the trade words leave (a code: "1085 blue"), and for
    a name longer than MAX_CLEANED_NAME_CHARS."""
    if len(name) > MAX_CLEANED_NAME_CHARS or not _PRESENTATION_WORD_RE.search(name):
        return False
    left = strip_trade_words(name).lower()
    if _UNICODE_DIGIT_RE.search(left):
        return False
    return all(word in PRESENTATION_WORDS for word in _PRESENTATION_WORD_RE.findall(left))


def find_presentation_keys(name: str) -> frozenset[str]:
    """The look-up keys (normalise_name) that the name's key readings (chemistry/resolve.py NAME_KEY_READINGS: as
    written, without an isotope label, by its stereodescriptors, misread, without an acid word of a base) give of
    a piece that names presentation only (names_presentation_only): "liquid" of "Liquid", "premix" of "Tablet premix" and of "Acetone (premix)".
    The identifier database's synonym under such a key is a trade name, not what was declared."""
    readings = [name, *find_stereo_readings(name)]
    if len(name) <= MAX_CLEANED_NAME_CHARS and (unlabelled := _ISOTOPE_LABEL_AFTER_NAME_RE.sub("", name)) != name:
        readings.append(unlabelled)
    # the worded key of each piece (compute_worded_key) is its name key with the word breaks kept
    worded = [key for reading in readings for key in _iter_keys(reading, compute_worded_key)]
    worded += [compute_worded_key(text) for text in _iter_base_salt_key_sources(name)]  # "Liquid sulphate"
    return frozenset(key.replace(" ", "") for key in worded if names_presentation_only(key))


@dataclass(frozen=True, slots=True)
class Presentation:
    """How a declared name and description present the goods: what decides, with the CN code, whether a
    substance found exactly is judged as the Category 4 medicinal product (chemistry/matching.py
    match_cn_scope), and what the CN_MISMATCH signal says of heading 3003 (pipeline/signals.py). Read once
    per item (read_presentation) and passed as one value: the readings always travel together."""

    dose_form: str | None = None  # the first dose form the words name (find_dose_form: "tablets")
    bulk_pack: bool = False  # the words declare a bulk pack (declares_bulk_pack: "25 kg drums")
    unmixed: bool = False  # the words declare the substance unmixed (declares_unmixed_substance: "99%")
    # the words declare an active substance, a medicine's raw material (declares_active_substance: "API powder")
    active_substance: bool = False
    # the goods are named by one substance's structure identifier alone (a CAS number, SMILES or InChI; no name,
    # and a description that says nothing of their content): a substance, which the mixtures of heading 3003 are
    # not (pipeline/signals.py read_goods_presentation)
    identifier_only: bool = False
    # the words state a unit dose ("50 mg/ml", "0.2 mg", "1 mg tablets": states_unit_dose), as a medicine's do
    unit_dose: bool = False

    @property
    def declares_one_substance(self) -> bool:
        """Whether the words declare the goods one substance, which heading 3003 (medicaments of two or more
        constituents mixed together) does not hold: its content stated unmixed, or its identifier alone with no
        dose form (chemistry/matching.py match_cn_scope; the CN_MISMATCH signal says which)."""
        return self.unmixed or (self.identifier_only and not self.dose_form)


# Words that say nothing of the goods' presentation (or none were read): no dose form, no bulk pack, not unmixed.
PRESENTATION_UNSTATED = Presentation()


def read_presentation(*texts: str | None, substance_names: Iterable[str | None] = ()) -> Presentation:
    """The presentation that a declared name and description state (Presentation); ``substance_names``: the
    names of the substance identified, whose stated content decides whether it is declared unmixed
    (declares_unmixed_substance)."""
    return Presentation(
        find_dose_form(*texts),
        declares_bulk_pack(*texts),
        declares_unmixed_substance(*texts, substance_names=substance_names),
        declares_active_substance(*texts),
        unit_dose=states_unit_dose(*texts),
    )


def states_unit_dose(*texts: str | None) -> bool:
    """Whether a declared name or description states a unit dose: milligrams or micrograms, perhaps per millilitre or
    per dose ("50 mg/ml", "0,2 mg", "1 mg tablets", "500 micrograms"), not per kilogram or litre ("10 mg/kg heavy
    metals"). A text too long to read states none."""
    return any(
        text and len(text) <= MAX_CLEANED_NAME_CHARS and _UNIT_DOSE_RE.search(fold_accents(text)) for text in texts
    )


_UNIT_DOSE_RE = re.compile(
    r"(?<![\w.,])\d{1,4}(?:[.,]\d{1,3})?\s*+(?:mg|\u00b5g|\u03bcg|mcg|ug|micrograms?|milligrams?)(?![^\W\d_])"
    r"(?!\s*+/\s*+(?:kg|g|l)\b)",
    re.IGNORECASE,
)


# An abbreviation as traders write one beside a name: no space, at most MAX_ABBREVIATION_CHARS, two
# letters or more, every letter a capital ("4-AP", "BMK", "P-2-P", "4-ANPP", "GBL"). A full name has a run
# of at least five letters and is no abbreviation ("4-aminopyridine", "piperonyl methyl ketone").
MAX_ABBREVIATION_CHARS = 10
_ABBREVIATION_RE = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Z0-9\-]*")
_LONG_WORD_RE = re.compile(r"[^\W\d_]{5,}")
_LETTER_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def is_abbreviation(text: str) -> bool:
    """Whether ``text`` (trade words stripped) is written as an abbreviation (_ABBREVIATION_RE)."""
    text = text.strip()
    return len(text) <= MAX_ABBREVIATION_CHARS and _ABBREVIATION_RE.fullmatch(text) is not None


def find_abbreviation_and_full_name(name: str) -> tuple[str, str] | None:
    """(The abbreviation, the full name) of a name given as an abbreviation and a full name, either in
    brackets after the other ("4-AP (4-aminopyridine) 98%" -> ("4-AP", "4-aminopyridine"); "4-aminopyridine
    (4-AP)" -> the same), each without its trade words; None for any other name."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    pieces = split_bracketed_synonyms(fold_accents(name))
    if len(pieces) != 2:
        # the grade after the brackets ("TMA (trimethylaluminum) electronic grade": review38)
        pieces = split_bracketed_synonyms(_strip_trade_words(fold_accents(name)))
    if len(pieces) != 2:
        return None
    outside, inside = (_TRAILING_STOP_RE.sub("", _strip_trade_words(p)).strip() for p in pieces)
    for abbreviation, full in ((outside, inside), (inside, outside)):
        if is_abbreviation(abbreviation) and not is_abbreviation(full) and _LONG_WORD_RE.search(full):
            return " ".join(abbreviation.split()), " ".join(full.split())
    return None


# An abbreviation in capitals before its full name without brackets: after a colon, as the Greek law
# prints its tables ("DMT: N,N-DIMETHYLTRYPTAMINE", the thirteenth held-out set's pdh13004), or after a
# space ("MAPA methyl alpha-phenylacetoacetate", pch13042). After a space only when the full name has a
# small letter, so that the capitals stand out as an abbreviation: in a field typed all in capitals
# ("ACETONE TECHNICAL GRADE") the first word is a word, not an abbreviation.
_ABBREVIATION_BEFORE_NAME_RE = re.compile(r"([A-Z0-9][A-Z0-9\-]*)(?:\s*:\s*|\s+)(\S.*)", re.DOTALL)


def find_abbreviation_before_full_name(name: str) -> tuple[str, str] | None:
    """(The abbreviation, the full name) of a name given as an abbreviation in capitals followed by a
    colon or a space and a full name ("DMT: N,N-DIMETHYLTRYPTAMINE" -> ("DMT", "N,N-DIMETHYLTRYPTAMINE")), the
    full name without its trade words; brackets may be the full name's own, balanced and not right after the
    abbreviation ("NPP 1-(2-phenylethyl)piperidin-4-one"). None for any other name (a bracketed full name, "NPP
    (N-phenethyl-4-piperidone)", is read by find_abbreviation_and_full_name)."""
    if len(name) > MAX_CLEANED_NAME_CHARS:
        return None
    found = _ABBREVIATION_BEFORE_NAME_RE.fullmatch(fold_accents(name).strip())
    if found is None or found[2][:1] in "([{" or not brackets_balance(found[2]):
        # "NPP (N-phenethyl-4-piperidone)" is read by find_abbreviation_and_full_name; a bracket inside the full
        # name is the name's own ("NPP 1-(2-phenylethyl)piperidin-4-one", the forty-fifth held-out set's pch45051)
        return None
    abbreviation = found[1]
    full = _TRAILING_STOP_RE.sub("", _strip_trade_words(found[2])).strip()
    after_colon = ":" in found[0][len(abbreviation) : len(found[0]) - len(found[2])]
    if not (after_colon or any(c.islower() for c in full)):
        return None
    if is_abbreviation(abbreviation) and not is_abbreviation(full) and _LONG_WORD_RE.search(full):
        return abbreviation, " ".join(full.split())
    return None


def brackets_balance(text: str) -> bool:
    """Whether every bracket of ``text`` closes in order (round, square and curly)."""
    stack: list[str] = []
    for char in text:
        if char in "([{":
            stack.append(")]}"["([{".index(char)])
        elif char in ")]}" and (not stack or stack.pop() != char):
            return False
    return not stack


def abbreviation_fits(abbreviation: str, full_name: str) -> bool:
    """Whether an abbreviation can stand for a full name: its letters and digits appear in the name in
    order and its first letter is the name's first ("4-AP" fits 4-aminopyridine and 4-anilinopiperidine,
    "MEK" methyl ethyl ketone; "BMK" does not fit methyl benzoate)."""
    short = [c for c in abbreviation.lower() if c.isalnum()]
    folded = fold_accents(full_name).lower()
    full = [c for c in folded if c.isalnum()]
    # the name's first letter, or its first word's after locants ("DMF", N,N-dimethylformamide)
    first_letters = {next((c for c in full if c.isalpha()), None)}
    if (word := _LETTER_WORD_RE.search(folded)) is not None:
        first_letters.add(word[0][0])
    if next((c for c in short if c.isalpha()), None) not in first_letters:
        return False
    letters = iter(full)
    return all(c in letters for c in short)  # a subsequence: each found after the one before
