"""The thirty-ninth held-out set (devtools/data/evaluation_heldout39.csv): every row is well-formed and cites a source.

Written blind like the earlier sets (before any screening, by an evaluator who had not read the detection code, its
name tables or the other sets' bodies). Theme: declarations that passed through spreadsheets and integrations that
mangle fields. What Excel, CSV exports and careless integrations do to goods data before it reaches customs: CAS
numbers read as dates (shown as UK, US, German or ISO dates, or exported as the date's serial number) and declared as
names because their check digit no longer holds, CAS numbers stored as integers (hyphens and padding zeros lost) and
then given thousands separators, a leading zero of a CAS segment dropped, text wrapped in smart or doubled quotes,
HTML entities and literal JSON escapes, UTF-8 read as Windows-1252, non-breaking, zero-width and soft-hyphen
characters, PDF dashes, names cut at a comma by an unquoted CSV export, name and CAS merged into one field, trailing
cell notes ("see sheet 2"), upper-casing by legacy interfaces, fields truncated to a fixed length, and SMILES and
InChI truncated or broken by line wrapping (declared as names when they no longer parse). The legitimate look-alikes
are mangled the same ways. Every note says which spreadsheet or integration produced its mangling. Its recall is a
measurement (docs/evaluation.md), not a gate.
"""

import datetime
import re
from pathlib import Path

from rdkit import Chem, RDLogger

from devtools.evaluation import load_rows
from tests.devtools.test_evaluation_heldout import (
    assert_formulas,
    cas_numbers,
    check_digit_holds,
)

HELDOUT39 = Path(__file__).resolve().parents[2] / "devtools" / "data" / "evaluation_heldout39.csv"

# the programs and integrations a note may name as the origin of its row's mangling
MANGLERS = (
    "Excel",
    "CSV",
    "integration",
    "export",
    "HTML",
    "JSON",
    "PDF",
    "Word",
    "Windows-1252",
    "legacy",
    "ERP",
    "web",
    "template",
    "fixed-length",
    "fixed-width",
    "line wrap",
    "TSV",
    "tab-separated",
)
# how Excel shows a CAS it read as a date (year-month-day), by the display format the note names
DATE_FORMATS = {
    "UK dd/mm/yyyy": "%d/%m/%Y",
    "US m/d/yyyy": "%m/%d/%Y",
    "German dd.mm.yyyy": "%d.%m.%Y",
    "ISO yyyy-mm-dd": "%Y-%m-%d",
    "d-mmm-yyyy": "%d-%b-%Y",
}
ORIGINAL_CAS = re.compile(r"original CAS (\d{4})-(\d{2})-(\d)\b")
MANGLING_MARKERS = {
    "invisible or typographic characters": re.compile("[\u00a0\u200b\u00ad\ufeff\u2010\u2011\u2212]"),
    "HTML entity": re.compile(r"&(#\d+|[a-z]+);"),
    "literal JSON escape": re.compile(r"\\u[0-9a-f]{4}"),
    "mojibake": re.compile("\u00c3|\u00c2|\u00e2\u20ac|\u00ce\u00b1"),
    "smart quotes and dashes": re.compile("[\u201c\u201d\u2019\u2013\u2014]"),
    "doubled or prefixed quotes": re.compile(r"^(\"\"|')"),
    "cell note": re.compile(r"see sheet|\*$", re.IGNORECASE),
    "merged fields": re.compile(r"\S;\S|\s;\S"),
    "surrounding whitespace or line break": re.compile(r"^\s|\s$"),
    "Excel date": re.compile(r"^(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}-[A-Z][a-z]{2}-\d{4})$"),
}


def marked_manglings(row) -> set[str]:
    """The manglings a row visibly carries in its value or description, or that its note attests."""
    found = {
        name
        for name, pattern in MANGLING_MARKERS.items()
        if pattern.search(row.value) or pattern.search(row.description)
    }
    if (
        row.kind == "cas"
        and "-" not in row.value
        and not MANGLING_MARKERS["invisible or typographic characters"].search(row.value)
    ):
        found.add("CAS stored as a number")
    if row.kind == "cas" and ("(" in row.value or re.match("CAS", row.value)):
        found.add("comment or prefix kept in the CAS cell")
    if row.value.isupper() and re.search("[A-Z]{4}", row.value):
        found.add("upper-cased")
    for phrase, name in (
        ("unquoted CSV", "cut by a CSV delimiter"),
        ("serial number", "Excel date serial"),
        ("truncated", "truncated"),
        ("line wrap", "line wrapping"),
        ("zero-padded", "zero padding"),
        ("leading zero", "leading zero dropped"),
        ("concatenated", "concatenated fields"),
        ("joined", "joined fields"),
        ("thousands", "thousands separators"),
    ):
        if phrase in row.note:
            found.add(name)
    return found


def test_thirty_ninth_heldout_every_row_is_mangled_and_says_by_what():
    """Each row carries a mangling a spreadsheet or integration really produces, and its note names the culprit;
    positives and look-alikes are mangled the same many ways."""
    rows = load_rows(HELDOUT39)
    for row in rows:
        assert "Mangling:" in row.note, row.id
        culprit = row.note.split("Mangling:", 1)[1]
        assert any(word in culprit for word in MANGLERS), row.id
        assert marked_manglings(row), row.id
    positives = set().union(*(marked_manglings(row) for row in rows if row.positive))
    look_alikes = set().union(*(marked_manglings(row) for row in rows if not row.positive))
    assert len(positives) >= 14 and len(look_alikes) >= 12
    assert len(look_alikes - positives) <= 1  # look-alikes are mangled the ways the positives are


def test_thirty_ninth_heldout_cas_numbers_read_as_dates_are_recoverable():
    """A CAS Excel turned into a date (or the date's serial number) shows the original CAS's year, month and day in the
    display format its note names, and is declared as a name, its check digit no longer holding."""
    rows = load_rows(HELDOUT39)
    dated = [row for row in rows if "as the date" in row.note]
    assert len(dated) >= 12
    assert sum(1 for row in dated if row.positive) >= 3 and sum(1 for row in dated if not row.positive) >= 8
    for row in dated:
        year, month, day = (int(part) for part in ORIGINAL_CAS.search(row.note).groups())
        assert row.kind == "name", row.id
        assert not check_digit_holds(re.sub(r"\D", "", row.value)), row.id
        if "serial number" in row.note:
            shown = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(row.value))
        else:
            (fmt,) = [fmt for label, fmt in DATE_FORMATS.items() if label in row.note]
            shown = datetime.datetime.strptime(row.value, fmt).date()
        assert shown == datetime.date(year, month, day), row.id
        assert 1900 <= year <= 9999  # Excel leaves earlier "dates" as text


def test_thirty_ninth_heldout_broken_structures_are_not_declared_as_structures():
    """A SMILES broken by line wrapping or truncation no longer parses and is declared as a name; a structure whose
    note says it still parses is declared as one and parses; CAS fields whose separators break the CAS are names."""
    RDLogger.DisableLog("rdApp.*")
    rows = load_rows(HELDOUT39)
    broken = [row for row in rows if "no longer parses" in row.note]
    assert len(broken) >= 3
    for row in broken:
        assert row.kind == "name" and Chem.MolFromSmiles(row.value) is None, row.id
    for row in rows:
        if "still parses" in row.note:
            assert row.kind in {"smiles", "inchi"}, row.id
        if row.kind == "name" and re.fullmatch(r"[\d,]+", row.value) and "," in row.value:
            assert not all(check_digit_holds(n) for n in cas_numbers(row.value)), row.id


def test_thirty_ninth_heldout_structures_have_the_formulas_of_their_notes():
    assert_formulas(
        load_rows(HELDOUT39),
        {
            "pch39012": "C10H9NaO3",  # BMK glycidic acid sodium salt
            "pch39041": "C15H13NaO7",  # IMDPAM sodium salt
            "pch39042": "C10H15NO",  # ephedrine InChI
            "pch39045": "C20H32N2O6S",  # pseudoephedrine sulphate
            "pch39056": "C14H21ClN2O",  # norfentanyl hydrochloride
            "pmh39004": "C9H11NaO4S",  # BMK bisulfite adduct
            "pmh39011": "C19H28N2O3",  # N-Boc-norfentanyl
            "pmh39014": "C15H21NO2",  # NPP ethylene ketal
            "pmh39017": "C15H23NO3",  # N-Boc-ephedrine
            "pph39003": "C10H9NO4",  # MDP2NP
            "pdh39020": "C11H13NO3",  # methylone
            "pdh39025": "C12H17NO",  # 3,4-dimethylmethcathinone
        },
    )
