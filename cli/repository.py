"""`precwatch repository show|list|export` (analysts) and `precwatch dead-letters` (operators).

The repository topic is compacted and keyed by substance: the latest record of each key is the
repository (pipeline/repository.py latest_records), also on the embedded broker, where compaction
never runs. Everything printed to a terminal goes through ``terminal_safe``: records quote
declarations. Nothing here logs; trader names are not in repository records at all, and the
original of a dead letter (which may quote them) is printed only when asked for.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, TextIO

import orjson
from pydantic import ValidationError

from chemistry.identifiers import normalise_name, parse_declared_cas
from cli.render import json_safe, terminal_safe
from cli.topics import read_records
from pipeline.repository import latest_records, parse_time
from pipeline.settings import Settings
from schemas.flags import DeadLetter
from schemas.records import RepositoryTopicRecord


@dataclass(slots=True)
class Repository:
    """The repository as read from its topic: substance key -> record (JSON data), and what was skipped."""

    records: dict[str, dict]
    unreadable: list[str]  # keys whose latest record is not a valid repository record


def read_repository(settings: Settings) -> Repository:
    """Read the repository topic from its beginning to its end: the latest record per substance."""
    pairs = (
        (r.key, r.value)
        for r in read_records(
            settings, settings.topic_repository, what="the repository", setting="PRECWATCH_TOPIC_REPOSITORY"
        )
    )
    records, unreadable = {}, []
    for key, value in latest_records(pairs).items():
        try:
            records[key] = RepositoryTopicRecord.model_validate_json(value).model_dump(mode="json")
        except ValidationError:
            unreadable.append(key)
    return Repository(records, unreadable)


def warn_unreadable(repository: Repository, err: TextIO) -> None:
    for key in repository.unreadable:
        print(f"precwatch: the latest record of {terminal_safe(key)!r} is not a repository record: skipped", file=err)


# -- finding and choosing ----------------------------------------------------------------------------
def find_substances(records: dict[str, dict], query: str) -> list[dict]:
    """The records a KEY, InChIKey, CAS number or name stands for: the key first, then CAS, then the names
    declared, then the matched watchlist entry's id or name (case, spacing and punctuation ignored)."""
    text = query.strip()
    if not text:
        return []
    if text in records:
        return [records[text]]
    upper = text.upper()
    found = [r for r in records.values() if (r.get("inchikey") or "").upper() == upper]
    if found:
        return found
    cas, _ = parse_declared_cas(text)
    if cas:
        found = [r for r in records.values() if set(cas) & set(r["cas_numbers"])]
        if found:
            return found
    wanted = normalise_name(text)
    if not wanted:
        return []
    found = [r for r in records.values() if wanted in {normalise_name(n) for n in r["names"]}]
    if found:
        return found
    # The watchlist entry's id or name: every substance matched to it (a listed one and its masks).
    return [
        r
        for r in records.values()
        if wanted in (normalise_name(r.get("entry_name") or ""), normalise_name(r.get("entry_id") or ""))
    ]


def select_substances(records: Iterable[dict], *, novel: bool = False, since: datetime | None = None) -> list[dict]:
    """Records (novel designer precursors only, and/or seen at or after ``since``), most recently seen first."""
    chosen = [
        r
        for r in records
        if (not novel or r["record_type"] == "novel_designer_precursor")
        and (since is None or parse_time(r["last_seen_at"]) >= since)
    ]
    return sorted(chosen, key=lambda r: (parse_time(r["last_seen_at"]), r["substance_key"]), reverse=True)


# -- rendering ---------------------------------------------------------------------------------------
def _name(record: dict) -> str:
    # Never the matched entry's name: a mask is not the substance it converts to.
    return (record["names"] or [None])[0] or record.get("smiles") or record["substance_key"]


def render_row(record: dict) -> str:
    """One line per substance for `repository list`."""
    kind = "NOVEL" if record["record_type"] == "novel_designer_precursor" else record["status"]
    entry = f"{record.get('method')}:{record.get('entry_id')}" if record.get("entry_id") else "-"
    return terminal_safe(
        f"{kind:10s} {record['substance_key']:32s} {record['sightings']:5d} sighting(s)  "
        f"last {record['last_seen_at'][:10]}  {entry}  {_name(record)}"
    )


def render_substance(record: dict) -> str:
    """The whole record, readable, for `repository show`."""
    lines = []
    novel = record["record_type"] == "novel_designer_precursor"
    head = "NOVEL DESIGNER PRECURSOR" if novel else record["status"].upper()
    lines.append(f"{head}  {record['substance_key']}  ({record['key_type']})")
    for label, value in (("SMILES", record.get("smiles")), ("formula", record.get("formula"))):
        if value:
            lines.append(f"  {label}: {value}")
    if record["names"]:
        lines.append("  names: " + "; ".join(record["names"]))
    if record["cas_numbers"]:
        lines.append("  CAS: " + ", ".join(record["cas_numbers"]))
    if record.get("entry_id"):
        lines.append(
            f"  matched: {record['entry_id']} {record.get('entry_name')} [{record.get('category')}] "
            f"by {record.get('method')} (watchlist {record['watchlist_version']})"
        )
    lines.append(
        f"  sightings: {record['sightings']}, first {record['first_seen_at']}, last {record['last_seen_at']}; "
        f"declared net mass {record['total_net_mass_kg']:g} kg"
        + (f" ({record['sightings_without_mass']} without a mass)" if record["sightings_without_mass"] else "")
    )
    for label, field in (
        ("CN codes", "cn_codes"),
        ("dispatched from", "dispatch_countries"),
        ("origin", "origin_countries"),
        ("descriptions", "descriptions"),
    ):
        if record[field]:
            lines.append(f"  {label}: " + "; ".join(record[field]))
    if novel:
        for evidence in record["evidence"]:
            path = " -> ".join(f"{s['rule']} ({s['product_smiles']})" for s in evidence["path"])
            lines.append(
                f"  converts to {evidence['entry_id']} {evidence['entry_name']} [{evidence['category']}]: "
                + (path or evidence["detail"])
            )
        lines.append("  listing proposal, to complete:")
        lines += [f"    - {point}" for point in record["listing_proposal"]["to_complete"]]
    lines.append("  recent sightings:")
    for s in record["recent_sightings"]:
        flagged = f"flag {s['flag_id']} {s['severity']}" if s["flag_id"] else "not flagged"
        lines.append(f"    {s['seen_at']}  {s['declaration_id']} item {s['item_line']}  {flagged}")
    if record["capped"]:
        lines.append("  lists at their cap (later values not kept): " + ", ".join(record["capped"]))
    return "\n".join(terminal_safe(line) for line in lines)


# -- export ------------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "substance_key",
    "record_type",
    "status",
    "key_type",
    "inchikey",
    "smiles",
    "formula",
    "names",
    "cas_numbers",
    "entry_id",
    "entry_name",
    "category",
    "method",
    "first_seen_at",
    "last_seen_at",
    "sightings",
    "total_net_mass_kg",
    "sightings_without_mass",
    "cn_codes",
    "dispatch_countries",
    "origin_countries",
    "converts_to",
    "flag_ids",
    "watchlist_version",
)
# A cell a spreadsheet would run as a formula; declarations are written by whoever files them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_repository(records: Iterable[dict], fmt: str, out: BinaryIO) -> int:
    """Write the records as JSON Lines (whole records) or CSV (one row per substance, lists joined with
    '; '); returns how many."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json_safe(orjson.dumps(record).decode()).encode() + b"\n")
            count += 1
        return count
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        converts = [
            f"{c['entry_id']} ({c['how']})" for c in (record.get("listing_proposal") or {}).get("converts_to", [])
        ]
        writer.writerow([_cell(converts if c == "converts_to" else record.get(c)) for c in CSV_COLUMNS])
        count += 1
    out.write(text.getvalue().encode())
    return count


# -- dead letters ------------------------------------------------------------------------------------
ORIGINAL_SHOWN_CHARS = 500


def render_dead_letter(letter: dict, show_original: bool) -> str:
    where = f"{letter.get('source')}/{letter.get('partition')}/{letter.get('offset')}"
    size = letter.get("original_size") or len(letter["original"])
    lines = [
        f"{letter['received_at']}  {letter['reason_code']:12s} {where}  at {letter['error_location']}",
        f"    {letter['reason']}",
        f"    original: {size} bytes ({letter['original_encoding']})"
        + (f", sha256 {letter['original_sha256']}" if letter.get("original_sha256") else ""),
    ]
    if show_original:
        original = letter["original"]
        cut = (
            f" ... [{len(original) - ORIGINAL_SHOWN_CHARS} more characters]"
            if len(original) > ORIGINAL_SHOWN_CHARS
            else ""
        )
        lines.append(f"    {original[:ORIGINAL_SHOWN_CHARS]}{cut}")
    return "\n".join(terminal_safe(line) for line in lines)


@dataclass(slots=True)
class DeadLetterSummary:
    shown: int = 0
    unreadable: int = 0


def show_dead_letters(
    settings: Settings,
    *,
    follow: bool = False,
    since: datetime | None = None,
    raw_json: bool = False,
    show_original: bool = False,
    out: TextIO | None = None,
    on_ready: Callable[[], None] | None = None,
    until: int | None = None,
) -> DeadLetterSummary:
    """Print the dead letters: without ``follow`` those the topic holds (from ``since``, else the beginning),
    then stop; with it, those published from now on (or from ``since``) until interrupted, or until
    ``until`` were shown."""
    out = out or sys.stdout
    summary = DeadLetterSummary()
    for record in read_records(
        settings,
        settings.topic_dead_letters,
        what="the dead letters",
        setting="PRECWATCH_TOPIC_DEAD_LETTERS",
        from_beginning=not follow,
        since=since,
        follow=follow,
        on_ready=on_ready,
    ):
        try:
            letter = DeadLetter.model_validate_json(record.value or b"").model_dump(mode="json")
        except ValidationError:
            summary.unreadable += 1
            print(
                f"precwatch: record at {record.topic}/{record.partition}/{record.offset} is not a dead letter: skipped",
                file=sys.stderr,
            )
            continue
        summary.shown += 1
        # orjson escapes control characters inside strings: raw JSON is safe on a terminal.
        text = json_safe(orjson.dumps(letter).decode()) if raw_json else render_dead_letter(letter, show_original)
        out.write(text + "\n")
        out.flush()
        if until is not None and summary.shown >= until:
            break
    return summary
