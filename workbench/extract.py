"""What the store indexes of a flag, a repository record or a dead letter: pure functions of the
message (a JSON object), tolerant of fields they do not know (producers add fields over time).

Filters go through *terms*: one row per (term, flag), ``<facet>:<value>`` for the multi-valued
filters (country, signal, method, category, CN code, watchlist entry) and severity and watchlist
version, looked up by equality in one index ordered like the flags list (newest first), so a
filtered page reads a term's flags in order and stops after a page. Search words (lower-case words
of names, identifiers, descriptions, declarations and parties) go to the database's full-text
index instead (SQLite FTS5, a PostgreSQL GIN index): tens of mostly unique words per flag would
otherwise be tens of writes at random places of one large index per flag.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
WORD = re.compile(r"[^\W_]+")
MAX_TERM_LENGTH = 80
MAX_TERMS_PER_FLAG = 400  # a declaration with a novel-length description does not bloat the index
FACETS = ("country", "signal", "method", "category", "cn", "entry")


@dataclass(frozen=True, slots=True)
class FlagRow:
    flag_id: str
    occurred_at: datetime
    screened_at: datetime | None
    severity: str
    severity_rank: int
    score: float
    method: str
    category: str
    entry_id: str
    entry_name: str
    substance_name: str
    inchikey: str
    structure_key: str
    declaration_id: str
    event_id: str
    consignor_key: str
    consignee_key: str
    cn_code: str
    watchlist_version: str
    summary: str


def words_of(text: str) -> list[str]:
    """Lower-case words of a text, the way search strings are split: '4676-39-5' -> 4676, 39, 5."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [w[:MAX_TERM_LENGTH] for w in WORD.findall(folded)]


def facet_term(facet: str, value: str) -> str:
    return f"{facet}:{value.strip().casefold()}"[:MAX_TERM_LENGTH]


def parse_time(value: Any) -> datetime | None:
    """An RFC 3339 string as a naive UTC datetime (the store keeps UTC without a zone: SQLite has none)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value)  # Python 3.11 reads a trailing 'Z' itself
    except ValueError:
        return None
    offset = when.utcoffset()
    if offset is not None:
        when = (when - offset).replace(tzinfo=None) if offset else when.replace(tzinfo=None)
    return when


def trader_key(party: Any) -> str:
    """'eori:<EORI>' when the trader has one, else 'name:<normalised name>' (case, spaces, punctuation)."""
    if not isinstance(party, dict):
        return ""
    eori = str(party.get("eori") or "").strip().upper()
    if eori:
        return f"eori:{eori}"[: MAX_TERM_LENGTH * 2]
    words = words_of(str(party.get("name") or ""))
    return f"name:{' '.join(words)}"[: MAX_TERM_LENGTH * 2] if words else ""


def primary_match(flag: dict) -> dict:
    """The finding that made the score: the match component that counted most, else the first match."""
    matches = [m for m in flag.get("matches") or [] if isinstance(m, dict)]
    if not matches:
        return {}
    counted: dict[str, float] = {}
    for part in flag.get("score_components") or []:
        if isinstance(part, dict) and str(part.get("source", "")).startswith("match:"):
            counted[str(part["source"])] = float(part.get("counted") or 0.0)

    def weight(match: dict) -> float:
        entry = match.get("entry") or {}
        return counted.get(f"match:{match.get('method')}:{entry.get('id')}", -1.0)

    best = max(matches, key=weight)
    return best if weight(best) > 0 else matches[0]


# The words a list row names a finding without chemistry by: the follow-up flags' stateful signals
# (pipeline/intelligence.py) and the screening signals a flag can rest on alone.
FINDING_WORDS = {
    "SPLIT_SHIPMENT": "split shipment",
    "SYNTHESIS_KIT": "synthesis kit",
    "NEW_TRADER": "new trader",
    "SUPPLIER_CHANGE": "supplier change",
    "REPEAT_MASK": "repeated novel mask",
}
FOLLOW_UP_METHOD = "follow-up"
SIGNAL_METHOD = "signal"


def signal_finding(flag: dict) -> tuple[str, str]:
    """What a flag without a chemistry finding found, as the list's (method, text): a follow-up flag
    names its stateful signal and what it rests on ("split shipment: 3 consignments of ... total 120 kg
    ..."), any other flag its strongest signal. ('', '') when it has no signal either."""
    listed = flag.get("signals")
    signals = [s for s in listed if isinstance(s, dict) and s.get("code")] if isinstance(listed, list) else []
    if not signals:
        return "", ""
    follow_up = bool(flag.get("follow_up_of"))
    # A follow-up flag carries one stateful signal; a screening flag's strongest signal is its finding.
    strongest = max(signals, key=_signal_weight)
    code = str(strongest["code"])
    # The route's sources end a synthesis-kit detail: the flag page has them, the list row needs the kit.
    detail = str(strongest.get("detail") or "").split("; sources:", 1)[0]
    words = FINDING_WORDS.get(code, code.lower().replace("_", " "))
    more = f" (+{len(signals) - 1} more signal(s))" if len(signals) > 1 else ""
    text = f"{words}: {detail}" if detail else words
    return (FOLLOW_UP_METHOD if follow_up else SIGNAL_METHOD), text[: 300 - len(more)] + more


def _signal_weight(signal: dict) -> float:
    """A signal's weight, 0 when it is not a number: migration 0005 reads flags the consumer stored
    without reading their weights, and one garbled weight must not stop the upgrade."""
    try:
        return float(signal.get("weight") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def flag_row(flag: dict) -> FlagRow:
    """The indexed columns of a flag. Raises ValueError when it has no id or no time."""
    flag_id = str(flag.get("flag_id") or "")
    occurred_at = parse_time(flag.get("occurred_at"))
    if not flag_id or occurred_at is None:
        raise ValueError("not a flag: no flag_id or occurred_at")
    substance = flag.get("substance") or {}
    declared = flag.get("declared") or {}
    primary = primary_match(flag)
    entry = primary.get("entry") or {}
    # A flag without a chemistry finding (a follow-up flag, a flag resting on its signals) says what it
    # found in the method and entry-name columns, so its list row is not blank.
    method, finding = (
        (str(primary.get("method") or ""), str(entry.get("name") or "")) if primary else signal_finding(flag)
    )
    severity = str(flag.get("severity") or "info")
    inchikey = str(substance.get("inchikey") or "")
    return FlagRow(
        flag_id=flag_id[:64],
        occurred_at=occurred_at,
        screened_at=parse_time(flag.get("screened_at")),
        severity=severity,
        severity_rank=SEVERITY_RANK.get(severity, 0),
        score=float(flag.get("score") or 0.0),
        method=method[:32],
        category=str(entry.get("category") or ""),
        entry_id=str(entry.get("id") or ""),
        entry_name=finding[:300],
        # A structure no list names (a novel mask) is shown by its SMILES, not by the cover description
        # declared with it ("fine chemical"), which would hide what the flag is about.
        substance_name=str(
            substance.get("name")
            or declared.get("name")
            or substance.get("smiles")
            or declared.get("description")
            or ""
        )[:300],
        inchikey=inchikey[:64],
        structure_key=inchikey[:64] or _identifier_key(declared),
        declaration_id=str(flag.get("declaration_id") or "")[:200],
        event_id=str(flag.get("event_id") or "")[:200],
        consignor_key=trader_key(flag.get("consignor")),
        consignee_key=trader_key(flag.get("consignee")),
        cn_code=str(declared.get("cn_code") or "")[:16],
        watchlist_version=str(flag.get("watchlist_version") or "")[:100],
        summary=str(flag.get("summary") or "")[:1000],
    )


def _identifier_key(declared: dict) -> str:
    # The repository's key for a sighting without a structure (schemas/records.py structure_key).
    for kind in ("cas", "name", "cn_code"):
        value = declared.get(kind)
        if value:
            return f"id:{kind}:{str(value).strip().casefold()}"[:64]
    return ""


def flag_terms(flag: dict) -> set[str]:
    """The facet terms of a flag (``<facet>:<value>``): one row each in the terms table."""
    # Called for every stored flag: plain loops, no helper call per term.
    terms: set[str] = set()
    add = terms.add
    transport = flag.get("transport") or {}
    declared = flag.get("declared") or {}
    countries = [
        transport.get("dispatch_country"),
        transport.get("destination_country"),
        declared.get("origin_country"),
        *(transport.get("transit_countries") or ()),
    ]
    for key in ("consignor", "consignee", "declarant"):
        party = flag.get(key)
        if isinstance(party, dict):
            countries.append(party.get("country"))
    for country in countries:
        if isinstance(country, str) and country:
            add(f"country:{country.strip().casefold()}"[:MAX_TERM_LENGTH])
    for signal in flag.get("signals") or ():
        if isinstance(signal, dict) and signal.get("code"):
            add(facet_term("signal", str(signal["code"])))
    for match in flag.get("matches") or ():
        if not isinstance(match, dict):
            continue
        entry = match.get("entry") or {}
        if match.get("method"):
            add(facet_term("method", str(match["method"])))
        if entry.get("category"):
            add(facet_term("category", str(entry["category"])))
        if entry.get("id"):
            add(facet_term("entry", str(entry["id"])))
    if declared.get("cn_code"):
        add(facet_term("cn", str(declared["cn_code"])))
    # Severity and watchlist version are terms too (not indexes of their own on the flags table):
    # a rare severity is then read in list order like any facet.
    add(facet_term("severity", str(flag.get("severity") or "info")))
    if flag.get("watchlist_version"):
        add(facet_term("version", str(flag["watchlist_version"])))
    return terms if len(terms) <= MAX_TERMS_PER_FLAG else set(sorted(terms)[:MAX_TERMS_PER_FLAG])


def search_words(flag: dict) -> list[str]:
    """The words search finds a flag by (substance names and identifiers, the declaration, entry
    names, CAS numbers, declared description, trader names and EORIs), each once, at most
    MAX_TERMS_PER_FLAG of them: kept in the full-text index, not the terms table."""
    declared = flag.get("declared") or {}
    substance = flag.get("substance") or {}
    # Declaration and parties first: the related-flags and trader pages find flags by these words,
    # so a long description must not push them past the limit.
    text = [flag.get("declaration_id")]
    for party in (flag.get(k) for k in ("consignor", "consignee", "declarant")):
        if isinstance(party, dict):
            text += [party.get("name"), party.get("eori")]
    text += [substance.get("name"), substance.get("inchikey"), substance.get("formula")]
    for match in flag.get("matches") or []:
        if isinstance(match, dict):
            entry = match.get("entry") or {}
            text += [entry.get("name"), entry.get("cas")]
    text += [declared.get(k) for k in ("description", "name", "cas", "inchi", "cn_code")]
    # One pass over the values joined by spaces gives the same words in the same order as a pass
    # per value (a space ends a word and joins no characters under NFKC), at a fraction of the cost.
    joined = " ".join(
        value if isinstance(value, str) else str(value)
        for value in text
        if isinstance(value, str | int | float) and value != ""
    )
    return list(dict.fromkeys(words_of(joined)))[:MAX_TERMS_PER_FLAG]


@dataclass(frozen=True, slots=True)
class RepositoryRow:
    record_key: str
    structure_key: str
    seen_at: datetime | None
    entry_id: str
    name: str


def repository_row(record: dict, key: str) -> RepositoryRow:
    """A repository message (one sighting, or a per-substance record on a compacted topic): the
    Kafka key or its record id identifies it, its structure key groups it."""
    structure_key = str(record.get("structure_key") or key or "")
    record_key = str(record.get("record_id") or key or structure_key)
    identifiers = record.get("identifiers") if isinstance(record.get("identifiers"), dict) else {}
    seen = parse_time(record.get("seen_at")) or parse_time(record.get("last_seen_at"))
    if not record_key or not structure_key:
        raise ValueError("not a repository record: no record id, structure key or message key")
    return RepositoryRow(
        record_key=record_key[:200],
        structure_key=structure_key[:200],
        seen_at=seen,
        entry_id=str(record.get("entry_id") or "")[:100],
        name=str(record.get("entry_name") or record.get("name") or identifiers.get("name") or "")[:300],
    )
