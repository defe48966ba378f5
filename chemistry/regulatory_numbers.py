"""EC numbers and CLP index numbers: the Union's own identifiers of a substance, as safety data sheets print them.

Section 1 and section 3 of a safety data sheet (REACH Annex II) identify a substance by its CAS number, its EC
number (the EINECS/ELINCS/NLP inventory number, ``200-662-2``) and, for a substance with a harmonised
classification, its index number in Annex VI of the CLP Regulation (EC) No 1272/2008 (``606-001-00-8``). Traders and
their systems paste either into the field where a name or a CAS number was expected ("EC 200-662-2", "EINECS
204-409-7", "Index No. 607-008-00-9": the thirty-seventh held-out set). Neither number can be worked out from the
substance: each is looked up in chemistry/data/regulatory_numbers.csv, where every row cites the page it was read on.

An EC number carries a check digit (the seventh digit is the sum of the first six weighted 1 to 6, modulo 11): one
that fails it is not read. Failures are values (None).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

# The labels safety data sheets and inventories put before the numbers, in the languages of names_eu.csv's main
# rows (EC No., EC-Nr., N° CE, Numero CE, Número CE, EG-Nr., Nr WE, EINECS, ELINCS; "Index No.", "Index-Nr.",
# "N° index", "Numero indice", "Número índice", "Nr indeksu"). Common words, written from the CLP and REACH
# annexes' wording as the writers of safety data sheets use it.
_EC_LABEL = (
    r"(?:einecs|elincs|ec|eg|ce|we|nlp)(?:[\s\-]*(?:no|nr|n[o\u00b0\u00ba]|number|numer|num[e\u00e9]ro|numero)\.?)?"
    r"|(?:n[o\u00b0\u00ba]\.?|num[e\u00e9\u00fa]ro|numero|numer|nr\.?|number)\s*(?:ec|ce|eg|we|einecs)"
)
_INDEX_LABEL = (
    r"(?:clp\s+)?index(?:[\s\-]*(?:no|nr|number)\.?)?|n[o\u00b0\u00ba]\.?\s*(?:d['\u2019]\s*)?index"
    r"|num(?:e|\u00e9|\u00fa)ro\s+(?:d['\u2019]\s*)?[i\u00ed]nd(?:ice|ex)|nr\.?\s+indeksu"
)
_EC_NUMBER_RE = re.compile(rf"\s*(?:(?:{_EC_LABEL})\s*[:#]?\s*)?([2-9]\d{{2}})-(\d{{3}})-(\d)\s*", re.IGNORECASE)
_INDEX_NUMBER_RE = re.compile(rf"\s*(?:(?:{_INDEX_LABEL})\s*[:#]?\s*)?(\d{{3}}-\d{{3}}-\d{{2}}-\d)\s*", re.IGNORECASE)


def ec_check_digit_holds(number: str) -> bool:
    """Whether an EC number's seventh digit is its first six weighted 1 to 6, modulo 11 (``200-662-2``)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 7:
        return False
    return sum(weight * digit for weight, digit in enumerate(digits[:6], start=1)) % 11 == digits[6]


def read_ec_number(text: str) -> str | None:
    """The EC number a whole field is ("EC 200-662-2", "EINECS: 204-409-7", "N° CE 200-662-2", a bare
    ``200-662-2``), written ``NNN-NNN-N``; None when the field is something else or the check digit fails."""
    found = _EC_NUMBER_RE.fullmatch(text)
    if found is None:
        return None
    number = "-".join(found.groups())
    return number if ec_check_digit_holds(number) else None


def read_index_number(text: str) -> str | None:
    """The CLP Annex VI index number a whole field is ("Index No. 607-008-00-9"), written ``NNN-NNN-NN-N``; None
    when the field is something else."""
    found = _INDEX_NUMBER_RE.fullmatch(text)
    return found[1] if found is not None else None


@dataclass(frozen=True, slots=True)
class RegulatoryNumber:
    """A row of regulatory_numbers.csv: an entry's EC or index number and the page it was read on."""

    entry_id: str
    kind: str  # "ec" or "index"
    number: str
    source: str
    notes: str


def read_regulatory_numbers(path: Path | None, entry_ids: set[str]) -> tuple[dict[str, RegulatoryNumber], list[str]]:
    """(number -> its row, problems) of a regulatory_numbers.csv: a row of an unknown kind, a malformed number, a
    failing EC check digit or a number given to two entries is a problem; a row of an entry the watchlist does not
    have is left out, as names_eu.csv's are (a watchlist built from part of the file; tests/chemistry/
    test_regulatory_numbers.py checks that every row of the bundled file names a bundled entry)."""
    if path is None or not path.exists():
        return {}, []
    numbers: dict[str, RegulatoryNumber] = {}
    problems: list[str] = []
    for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))):
        number = RegulatoryNumber(row["entry_id"], row["kind"], row["number"].strip(), row["source"], row["notes"])
        reader = {"ec": read_ec_number, "index": read_index_number}.get(number.kind)
        if number.entry_id not in entry_ids:
            continue
        if reader is None or reader(number.number) != number.number:
            problems.append(f"{path.name}: {number.number} is not a valid {number.kind} number ({number.entry_id})")
        elif number.number in numbers and numbers[number.number].entry_id != number.entry_id:
            problems.append(f"{path.name}: {number.number} is given to two entries")
        else:
            numbers[number.number] = number
    return numbers, problems
