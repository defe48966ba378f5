"""Text that software mangled on its way to customs: put back what the software did, never guess.

Goods data passes through spreadsheets, web forms, CSV and JSON exports and legacy interfaces before a customs system
reads it, and each leaves its marks (the thirty-ninth held-out set): HTML entities and tags (`&#945;-Phenyl...`,
`&quot;Anthranilic acid&quot;`, `4-Anilino-N-&lt;br&gt;phenethylpiperidine`), JSON escapes written out as text
(`Ethyl \\u03b1-phenylacetoacetate`), UTF-8 read as Windows-1252 (`Î±-Phenylacetoacetonitrile`, `NitroethaneÂ `),
non-breaking and zero-width spaces, typographic quotes around a word, a footnote mark after a name (`Lysergic acid*`),
a SMILES string broken by line wrapping (`CC(=O)Cc1ccc2c(c1)O CO2`), CAS numbers with thousands separators
(`4.433.776`, `39'742'604`) or with the leading zero of their middle group dropped (`7647-1-0`).

Each repair is a decoding (the stdlib's ``html.unescape``, the JSON escape, the Windows-1252 round trip), not a guess:
the Windows-1252 round trip is kept only when the text decodes as UTF-8 afterwards, and a CAS number only when its
check digit holds (chemistry/identifiers.py decides). The caller reads the repaired text as it reads any declared text
(chemistry/resolve.py resolve_mangled_name; the CAS field's repair in resolve_item).
"""

from __future__ import annotations

import contextlib
import datetime
import html
import re

from chemistry.identifiers import compute_cas_check_digit, split_description_fields

MAX_MANGLED_CHARS = 500

_JSON_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")
_HTML_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}\s*/?>")
# Characters Windows-1252 gives to the lead bytes of UTF-8 sequences: a text holding one may be UTF-8 read wrongly.
_MOJIBAKE_MARK_RE = re.compile("[\u00c2\u00c3\u00ce\u00cf\u00e2\u00c5\u00c4\u00c5]")
_INVISIBLE_RE = re.compile("[\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff]")
_TYPOGRAPHIC_QUOTES_RE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u201a]")
# a typographic apostrophe or prime is a prime in a chemical name ("2\u2019-chloropropiophenone": review24 M1)
_TYPOGRAPHIC_APOSTROPHE_RE = re.compile("[\u2018\u2019\u201b\u2032]")
_FOOTNOTE_MARK_RE = re.compile(r"(?<=[^\W\d_])\s*[*\u2020\u2021]+\s*$")


def repair_mangled_text(text: str) -> str:
    """``text`` with the marks software leaves put back (see the module); the text itself when it has none or is
    longer than MAX_MANGLED_CHARS."""
    if len(text) > MAX_MANGLED_CHARS:
        return text
    repaired = text
    # Entities and escapes decoded until nothing changes (an entity escaped twice, "&amp;alpha;", or escapes nested
    # in each other: review24 H2). Each round that changes the text shortens it, so the rounds end within the text's
    # length; decoded completely, the text has nothing left for this reading when a later reading reads it again
    for _ in range(MAX_MANGLED_CHARS):
        decoded = _JSON_ESCAPE_RE.sub(lambda m: chr(int(m[1], 16)), _HTML_TAG_RE.sub("", html.unescape(repaired)))
        if decoded == repaired:
            break
        repaired = decoded
    if _MOJIBAKE_MARK_RE.search(repaired):
        # not UTF-8 read as Windows-1252 when either step fails: left as it is
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            repaired = repaired.encode("cp1252").decode("utf-8")
    repaired = _INVISIBLE_RE.sub(" ", repaired)
    repaired = _TYPOGRAPHIC_APOSTROPHE_RE.sub("'", _TYPOGRAPHIC_QUOTES_RE.sub(" ", repaired))
    repaired = _FOOTNOTE_MARK_RE.sub("", repaired)
    return " ".join(repaired.split()) if repaired != text else text


def join_wrapped_smiles(text: str) -> str | None:
    """A SMILES string broken by line wrapping or a pasted space, joined again ("CC(=O)Cc1ccc2c(c1)O CO2"); None
    when the text has no white space inside or is no single token without it. Whether it is a SMILES string that
    parses is for the caller (chemistry/identifiers.py looks_like_smiles, RDKit)."""
    parts = text.split()
    if len(parts) < 2 or len(text) > MAX_MANGLED_CHARS:
        return None
    return "".join(parts)


_THOUSANDS_CAS_RE = re.compile(r"\s*(\d{1,3}(?:[.' \u00a0\u202f\u2019]\d{3})+)\s*")
_SHORT_MIDDLE_CAS_RE = re.compile(r"\s*(\d{2,7})-(\d)-(\d)\s*")


def repair_mangled_cas(text: str) -> str | None:
    """A CAS field as a spreadsheet left it, as the number it was: thousands separators put in (``4.433.776`` ->
    ``4433776``, read as digits without hyphens) or the leading zero of the middle group dropped (``7647-1-0`` ->
    ``7647-01-0``); None when the field is neither. The check digit decides whether it is a CAS number."""
    if len(text) > MAX_MANGLED_CHARS:
        return None
    if found := _THOUSANDS_CAS_RE.fullmatch(text):
        return re.sub(r"\D", "", found[1])
    if found := _SHORT_MIDDLE_CAS_RE.fullmatch(text):
        return f"{found[1]}-0{found[2]}-{found[3]}"
    return None


# A CAS number a spreadsheet read as a date (year-month-day: "5413-05-8" is 8 May 5413) and shows in the sheet's date
# format or exports as the date's serial number: day/month/year or month/day/year with a four-digit year, an ISO date,
# day-month name-year, or the count of days since 30.12.1899. The CAS number is the year, the month with two digits and
# the day, when the day is a single digit (a check digit) and the check digit holds.
_SLASHED_DATE_RE = re.compile(r"\s*([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})\s*")
_ISO_DATE_RE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\s*")
_NAMED_MONTH_DATE_RE = re.compile(r"\s*([0-9]{1,2})[\s\-]([a-z]{3})[a-z]*[\s\-]([0-9]{4})\s*", re.IGNORECASE)
_SERIAL_RE = re.compile(r"\s*([0-9]{5,7})\s*")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_SERIAL_EPOCH = datetime.date(1899, 12, 30)


# Years a real date may have: such a date is a date, never read as a CAS number (review24 H1: 3 August 1972, or its
# serial 26514, is dronabinol's CAS number 1972-08-3). The CAS numbers spreadsheets mangle this way and that can be
# read back are those whose first group is no such year (5413-05-8, 4846-07-5).
REAL_DATE_YEARS = range(1800, 2201)


def _cas_of_date(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 0 <= day <= 9 and year >= 10) or year in REAL_DATE_YEARS:
        return None
    body = f"{year}{month:02d}"
    return f"{year}-{month:02d}-{day}" if compute_cas_check_digit(body) == day else None


def read_cas_from_spreadsheet_date(text: str) -> tuple[str, str] | None:
    """(the CAS number, how the date was read) of a field that is a CAS number a spreadsheet turned into a date
    ("08/05/5413", "5/8/5413", "5413-05-08", "8-May-5413") or into that date's serial number ("1283226"); None when the
    field is none of these, when no reading's check digit holds, or when two readings' do (day/month against
    month/day: the check digit does not settle which)."""
    if len(text) > 40:
        return None
    readings: set[str] = set()
    how = ""
    if found := _SLASHED_DATE_RE.fullmatch(text):
        a, b, year = int(found[1]), int(found[2]), int(found[3])
        readings = {cas for cas in (_cas_of_date(year, b, a), _cas_of_date(year, a, b)) if cas}
        how = "a date a spreadsheet made of it"
    elif found := _ISO_DATE_RE.fullmatch(text):
        readings = {cas for cas in (_cas_of_date(int(found[1]), int(found[2]), int(found[3])),) if cas}
        how = "a date a spreadsheet made of it"
    elif (found := _NAMED_MONTH_DATE_RE.fullmatch(text)) and found[2].lower() in _MONTHS:
        cas = _cas_of_date(int(found[3]), _MONTHS[found[2].lower()], int(found[1]))
        readings = {cas} if cas else set()
        how = "a date a spreadsheet made of it"
    elif found := _SERIAL_RE.fullmatch(text):
        try:
            date = _SERIAL_EPOCH + datetime.timedelta(days=int(found[1]))
        except OverflowError:
            return None
        cas = _cas_of_date(date.year, date.month, date.day)
        readings = {cas} if cas else set()
        how = "the serial number of a date a spreadsheet made of it"
    if len(readings) != 1:
        return None
    return readings.pop(), how


def join_name_cut_at_comma(name: str, description: str) -> str | None:
    """The name a CSV export without quoting cut at a comma inside its brackets, the rest having gone to the next
    field ("1-(1" and "3-benzodioxol-5-yl)propan-2-one | 4 drums": the thirty-ninth held-out set), joined again: the
    name, a comma and the description's first field, when the name leaves brackets open and that field closes exactly
    those; None otherwise."""
    if len(name) + len(description) > MAX_MANGLED_CHARS:
        return None
    open_in_name = name.count("(") + name.count("[") - name.count(")") - name.count("]")
    if open_in_name <= 0:
        return _join_name_cut_after_locant(name, description)
    rest = split_description_fields(description, at_most=2)[0]
    closed_in_rest = rest.count(")") + rest.count("]") - rest.count("(") - rest.count("[")
    if not rest or closed_in_rest != open_in_name:
        return None
    return f"{name.rstrip()},{rest}"


# A name that ends in a bare locant ("N", "2", "3'") alone or after a hyphen or bracket (not after a space: "Vitamin
# B 12"): no complete name does; and a field that opens with the locants still to come, a hyphen and a word of three
# letters or more ("N-dimethyltryptamine", "5-dimethoxy...", not "5-kg drums").
_ENDS_IN_LOCANT_RE = re.compile(r"(?:.{0,200}[\-(\[])?(?:N|O|S|\d{1,2})['\u2032]?")
_OPENS_WITH_LOCANTS_RE = re.compile(r"(?:N|O|S|\d{1,2})['\u2032]?(?:,(?:N|O|S|\d{1,2})['\u2032]?)*-[^\W\d_]{3}")


def _join_name_cut_after_locant(name: str, description: str) -> str | None:
    """The name a CSV export cut at the comma between two locants ("N" and "N-dimethyltryptamine | 50 g": the
    thirty-ninth held-out set's pdh39012; "2" and "5-dimethoxyamphetamine"), joined again; None otherwise."""
    stripped = name.strip()
    if not _ENDS_IN_LOCANT_RE.fullmatch(stripped):
        return None
    rest = split_description_fields(description, at_most=2)[0].strip()
    if not _OPENS_WITH_LOCANTS_RE.match(rest):
        return None
    return f"{stripped},{rest}"
