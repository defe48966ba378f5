"""Writing to and reading from the workbench database: idempotent ingestion of topic messages and
the queries of the pages. Functions take a Session; the caller owns the transaction.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta

import orjson
from sqlalchemy import (
    Select,
    Text,
    and_,
    bindparam,
    column,
    delete,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from workbench.extract import (
    FACETS,
    MAX_TERM_LENGTH,
    SEVERITY_RANK,
    FlagRow,
    facet_term,
    flag_row,
    flag_terms,
    repository_row,
    search_words,
    words_of,
)
from workbench.models import FULL_TEXT_TABLE as _FULL_TEXT_TABLE
from workbench.models import (
    AuditEntry,
    CaseEvent,
    ConsumedOffset,
    DeadLetterRecord,
    FlagRecord,
    FlagTerm,
    RepositoryEntry,
)

PAGE_SIZE = 50
# SQLite's full-text table (made by the migrations): contentless, the index of the flags' search
# words under the row id each flag names in ``words_row``.
FULL_TEXT = table(_FULL_TEXT_TABLE, column("rowid"), column("words"))
# The next full-text row id, taken per inserted flag inside the batch's statement (so under the
# database's write lock: two writers cannot take the same number; the unique index would refuse it).
_NEXT_WORDS_ROW_SQL = "SELECT coalesce(max(words_row), 0) + 1 FROM flags"
# Search words matching at least this many flags are common: they filter a walk of the list's order
# (a page is found within the first few hundred flags) instead of driving the query from their
# matches (which would then all be read and sorted).
COMMON_WORDS = 2000
RAREST_COUNT = 5000
MAX_SEARCH_WORDS = 8
MAX_FILTER_VALUES = 30
_CURSOR = re.compile(r"^[A-Za-z0-9_=-]{1,400}$")


class BadFilter(ValueError):
    """A filter or search value the flags list cannot use (the page says which)."""


def _insert(session: Session, model):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


# -- ingestion -------------------------------------------------------------------------------------
# The flags table's columns as ingest_flag_rows writes them, in the order of its rows: the times
# (bound as SQLAlchemy stores them), the other FlagRow columns as they are, then the rest.
_TIMES = ("occurred_at", "screened_at")
_ROW_REST = tuple(name for name in FlagRow.__slots__ if name not in ("flag_id", *_TIMES))
_FLAG_COLUMNS = ("flag_id", *_TIMES, *_ROW_REST, "raw", "words", "case_status", "assignee")


def ingest_flags(session: Session, flags: Iterable[dict]) -> int:
    """Store flags not stored yet (a flag id is deterministic: a re-delivered flag is the same flag).
    Returns how many were readable; an unreadable one raises ValueError before anything is written."""
    return ingest_flag_rows(session, [(flag_row(flag), flag) for flag in flags])


def ingest_flag_rows(session: Session, flags: Sequence[tuple[FlagRow, dict]]) -> int:
    """ingest_flags for flags whose columns are made already (the consumer makes them to tell the
    unreadable ones apart): (flag_row(flag), flag) pairs.

    One statement per table for the whole batch, straight to the driver (thousands of rows:
    SQLAlchemy's per-row parameter processing would cost as much as extracting them): the flags
    (with their search words, which SQLite's trigger copies into the FTS5 table for the flags
    actually inserted) and their facet terms."""
    if not flags:
        return 0
    connection = session.connection()
    dialect = connection.dialect
    postgres = dialect.name == "postgresql"
    time_type = FlagTerm.__table__.c.occurred_at.type.dialect_impl(dialect)
    stamp = time_type.bind_processor(dialect) or (lambda value: value)
    rows, terms = [], []
    for row, flag in flags:
        words = search_words(flag)
        when = stamp(row.occurred_at)
        rows.append(
            (
                row.flag_id,
                when,
                stamp(row.screened_at),
                *[getattr(row, name) for name in _ROW_REST],
                orjson.dumps(flag).decode(),
                words if postgres else " ".join(words),
                "open",
                "",
            )
        )
        flag_id = row.flag_id
        terms += [(term, when, flag_id) for term in flag_terms(flag)]
    if postgres:
        _write_flags_postgresql(connection, rows, terms)
        return len(rows)
    columns = ", ".join(_FLAG_COLUMNS)
    marks = ", ".join(["?"] * len(_FLAG_COLUMNS))
    connection.exec_driver_sql(
        f"INSERT INTO flags ({columns}, words_row) VALUES ({marks}, ({_NEXT_WORDS_ROW_SQL})) ON CONFLICT DO NOTHING",
        rows,
    )
    connection.exec_driver_sql(
        "INSERT INTO flag_terms (term, occurred_at, flag_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", terms
    )
    return len(rows)


def _write_flags_postgresql(connection, rows: list[tuple], terms: list[tuple]) -> None:
    """PostgreSQL: a statement per row (executemany) costs the server a round of parsing, planning
    and executing each time, ~200,000 times for 20,000 flags' terms. The flags are copied (COPY)
    into a temporary table of the session and inserted from it, and the terms are one statement over
    three arrays; both ON CONFLICT DO NOTHING, as idempotent as a row at a time."""
    columns = ", ".join(_FLAG_COLUMNS)
    cursor = connection.connection.driver_connection.cursor()
    try:
        # Made once per database session and emptied at each commit (a second batch in the same
        # transaction inserts the first one's rows again: nothing, as they conflict).
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS flags_incoming (LIKE flags INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        with cursor.copy(f"COPY flags_incoming ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO flags ({columns}) SELECT {columns} FROM flags_incoming ON CONFLICT DO NOTHING")
    finally:
        cursor.close()
    term, when, flag_id = zip(*terms, strict=True) if terms else ((), (), ())
    connection.exec_driver_sql(
        "INSERT INTO flag_terms (term, occurred_at, flag_id) "
        "SELECT * FROM unnest(%s::text[], %s::timestamp[], %s::text[]) ON CONFLICT DO NOTHING",
        (list(term), list(when), list(flag_id)),
    )


def ingest_repository(session: Session, records: Iterable[tuple[str, dict]]) -> int:
    """(message key, record): the newest message for a record key wins, as on a compacted topic."""
    rows = {}
    for key, record in records:
        row = repository_row(record, key)
        rows[row.record_key] = {**asdict(row), "raw": json.dumps(record, ensure_ascii=False)}
    if rows:
        stmt = _insert(session, RepositoryEntry)
        stmt = stmt.on_conflict_do_update(
            index_elements=["record_key"],
            set_={c: stmt.excluded[c] for c in ("structure_key", "seen_at", "entry_id", "name", "raw")},
        )
        session.execute(stmt, list(rows.values()))
    return len(rows)


def ingest_dead_letters(session: Session, letters: Iterable[tuple[str, dict]]) -> int:
    from workbench.extract import parse_time

    rows = [
        {
            "position": position[:300],
            "received_at": parse_time(letter.get("received_at")),
            "reason_code": str(letter.get("reason_code") or "other")[:32],
            "reason": str(letter.get("reason") or ""),
            "raw": json.dumps(letter, ensure_ascii=False),
        }
        for position, letter in letters
    ]
    if rows:
        session.execute(_insert(session, DeadLetterRecord).on_conflict_do_nothing(), rows)
    return len(rows)


def ingest_case(session: Session, flag_id: str, events: Sequence[dict]) -> None:
    """Merge a case's events (by event id: the same event twice is stored once) and set the flag's
    case status and assignee from the whole history."""
    from workbench.cases import case_event_row, case_state

    rows = [case_event_row(flag_id, e) for e in events]
    rows = [r for r in rows if r is not None]
    if rows:
        session.execute(_insert(session, CaseEvent).on_conflict_do_nothing(), rows)
    history = case_history(session, flag_id)
    status, assignee = case_state(history)
    session.execute(
        update(FlagRecord).where(FlagRecord.flag_id == flag_id).values(case_status=status, assignee=assignee)
    )


def case_history(session: Session, flag_id: str) -> list[CaseEvent]:
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.flag_id == flag_id).order_by(CaseEvent.at, CaseEvent.event_id)
        )
    )


def load_offsets(session: Session) -> dict[tuple[str, int], int]:
    return {(o.topic, o.partition): o.next_offset for o in session.scalars(select(ConsumedOffset))}


def save_offsets(session: Session, offsets: dict[tuple[str, int], int]) -> None:
    if not offsets:
        return
    stmt = _insert(session, ConsumedOffset)
    stmt = stmt.on_conflict_do_update(
        index_elements=["topic", "partition"], set_={"next_offset": stmt.excluded.next_offset}
    )
    session.execute(stmt, [{"topic": t, "partition": p, "next_offset": o} for (t, p), o in offsets.items()])


def forget_topics(session: Session) -> None:
    """Empty everything that comes from the topics, and their offsets: the consumer then reads them
    again from the beginning (users and the audit log stay)."""
    for model in (FlagTerm, FlagRecord, RepositoryEntry, DeadLetterRecord, CaseEvent, ConsumedOffset):
        session.execute(delete(model))
    if session.get_bind().dialect.name == "sqlite":
        # A contentless FTS5 table is emptied by its 'delete-all' command (DELETE is refused).
        session.connection().exec_driver_sql(
            f"INSERT INTO {_FULL_TEXT_TABLE} ({_FULL_TEXT_TABLE}) VALUES ('delete-all')"
        )


def record_audit(session: Session, username: str, action: str, target: str) -> None:
    session.add(AuditEntry(at=utcnow(), username=username[:100], action=action[:32], target=target[:300]))


def utcnow() -> datetime:
    """Now, as the store keeps times: UTC without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


# -- the flags list -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class FlagFilter:
    severities: tuple[str, ...] = ()
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> accepted values (any of)
    watchlist_version: str = ""
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""
    case_status: str = ""

    def words(self) -> list[str]:
        words = list(dict.fromkeys(words_of(self.text)))
        if len(words) > MAX_SEARCH_WORDS:
            raise BadFilter(f"search with at most {MAX_SEARCH_WORDS} words")
        return words

    def query_items(self) -> list[tuple[str, str]]:
        """The filter as query-string pairs (links to the next page and exports keep it)."""
        items = [("severity", s) for s in self.severities]
        for facet, values in self.facets.items():
            items += [(facet, v) for v in values]
        for name, value in (
            ("version", self.watchlist_version),
            ("from", self.date_from.isoformat() if self.date_from else ""),
            ("to", self.date_to.isoformat() if self.date_to else ""),
            ("q", self.text),
            ("status", self.case_status),
        ):
            if value:
                items.append((name, value))
        return items


CASE_STATUSES = ("open", "assigned", "acknowledged", "dismissed")


def parse_filter(params: Sequence[tuple[str, str]]) -> FlagFilter:
    """A FlagFilter from query parameters; BadFilter says what is wrong with a value."""
    values: dict[str, list[str]] = {}
    for name, value in params:
        value = value.strip()
        if value:
            values.setdefault(name, []).append(value)
    for name, given in values.items():
        if len(given) > MAX_FILTER_VALUES:
            raise BadFilter(f"at most {MAX_FILTER_VALUES} values for {name}")
    severities = tuple(values.get("severity", []))
    unknown = [s for s in severities if s not in SEVERITY_RANK]
    if unknown:
        raise BadFilter(f"unknown severity {unknown[0][:40]!r}; one of {', '.join(SEVERITY_RANK)}")
    facets = {}
    for facet in FACETS:
        # A text box may hold several values: "NL DE" or "NL, DE".
        given = [v for text in values.get(facet, []) for v in re.split(r"[\s,;]+", text) if v]
        if facet == "country":
            given = [c.upper() for c in given]
            if any(not re.fullmatch(r"[A-Z]{2}", c) for c in given):
                raise BadFilter("countries are two-letter ISO codes, e.g. NL")
        if facet == "cn":
            given = [c.replace(" ", "").replace(".", "") for c in given]
            if any(not re.fullmatch(r"\d{6}(\d{2})?", c) for c in given):
                raise BadFilter("a CN code has 8 digits (or an HS code 6), e.g. 29329900")
        if any(len(v) > 60 for v in given):
            raise BadFilter(f"{facet} value too long")
        if given:
            facets[facet] = tuple(dict.fromkeys(given))
    status = (values.get("status") or [""])[0]
    if status and status not in CASE_STATUSES:
        raise BadFilter(f"unknown case status; one of {', '.join(CASE_STATUSES)}")
    text = " ".join(values.get("q", []))
    if len(text) > 300:
        raise BadFilter("search text longer than 300 characters")
    filt = FlagFilter(
        severities=severities,
        facets=facets,
        watchlist_version=(values.get("version") or [""])[0][:100],
        date_from=_date(values, "from"),
        date_to=_date(values, "to"),
        text=text,
        case_status=status,
    )
    filt.words()  # too many words: said now
    if filt.date_from and filt.date_to and filt.date_from > filt.date_to:
        raise BadFilter("the date range ends before it starts")
    return filt


def _date(values: dict[str, list[str]], name: str) -> date | None:
    given = values.get(name)
    if not given:
        return None
    try:
        return date.fromisoformat(given[0])
    except ValueError:
        raise BadFilter(f"{name}: a date as YYYY-MM-DD") from None


def encode_cursor(occurred_at: datetime, flag_id: str) -> str:
    return base64.urlsafe_b64encode(f"{occurred_at.isoformat()}|{flag_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        if not _CURSOR.match(cursor):
            raise ValueError
        when, flag_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(when), flag_id
    except ValueError:
        raise BadFilter("the page link is damaged: start again from the first page") from None


LIST_COLUMNS = [c for c in FlagRecord.__table__.columns if c.name not in ("raw", "words", "words_row")]


def flags_query(
    filt: FlagFilter,
    after: tuple[datetime, str] | None = None,
    *,
    dialect: str = "sqlite",
    common_words: bool = True,
    driver_term: str = "",
) -> Select:
    """The flags matching ``filt``, newest first (occurred_at, then flag id), after a cursor.

    Every term group (each facet's values, a single severity, the watchlist version) must match,
    and every search word. Which part drives the query is chosen here rather than left to the
    planner's estimates: search words that are rare (``common_words`` false: fewer than
    COMMON_WORDS matches) drive it from the full-text index, and their few flags are sorted;
    otherwise a group with one term drives it (``driver_term``, else the first), its index rows
    already in the list's order, so the page is read in order and stops at the page size whatever
    the filter; otherwise the flags' time index does. Other groups are checked per flag on the
    terms' primary key."""
    words = filt.words()
    groups: list[list[str]] = [[facet_term(f, v) for v in vs] for f, vs in filt.facets.items()]
    if len(filt.severities) == 1:
        groups.append([facet_term("severity", filt.severities[0])])
    if filt.watchlist_version:
        groups.append([facet_term("version", filt.watchlist_version)])
    singles = [] if words and not common_words else [g for g in groups if len(g) == 1]
    driver = next((g for g in singles if g[0] == driver_term), singles[0] if singles else None)
    if driver is not None:
        groups.remove(driver)
        t0 = FlagTerm.__table__.alias("t0")
        time_col, id_col = t0.c.occurred_at, t0.c.flag_id
        stmt = (
            select(*LIST_COLUMNS)
            .select_from(t0.join(FlagRecord, FlagRecord.flag_id == t0.c.flag_id))
            .where(t0.c.term == driver[0])
        )
    elif words and not common_words and dialect == "postgresql":
        # The rare words' few flags, found through the GIN index, then sorted: ordered by the CTE's
        # own columns, the page cannot be read by walking the flags' time index and testing each
        # flag's words, which PostgreSQL chooses when it estimates the words far more common than
        # they are (reading every flag of a million for a declaration id that has ten).
        matches = (
            select(FlagRecord.flag_id, FlagRecord.occurred_at)
            .where(_words_match(words, dialect, common_words))
            .cte("word_matches")
            .prefix_with("MATERIALIZED")
        )
        time_col, id_col = matches.c.occurred_at, matches.c.flag_id
        stmt = select(*LIST_COLUMNS).select_from(matches.join(FlagRecord, FlagRecord.flag_id == matches.c.flag_id))
        words = []  # matched in the CTE
    else:
        time_col, id_col = FlagRecord.occurred_at, FlagRecord.flag_id
        stmt = select(*LIST_COLUMNS)
    for group in groups:
        check = select(literal_column("1")).where(
            FlagTerm.term.in_(group),
            FlagTerm.occurred_at == FlagRecord.occurred_at,
            FlagTerm.flag_id == FlagRecord.flag_id,
        )
        if dialect == "postgresql":
            # OFFSET 0 keeps PostgreSQL from turning the check into a join, which it then plans from
            # an estimate of how many flags both terms share (once one, for 4 s of hash join and sort
            # instead of a walk of the driving term that stops after a page).
            check = check.offset(0)
        stmt = stmt.where(exists(check))
    if words:
        stmt = stmt.where(_words_match(words, dialect, common_words))
    if len(filt.severities) > 1:
        stmt = stmt.where(FlagRecord.severity.in_(filt.severities))
    if filt.case_status:
        stmt = stmt.where(FlagRecord.case_status == filt.case_status)
    if filt.date_from:
        stmt = stmt.where(time_col >= datetime.combine(filt.date_from, datetime.min.time()))
    if filt.date_to:
        stmt = stmt.where(time_col < datetime.combine(filt.date_to + timedelta(days=1), datetime.min.time()))
    if after is not None:
        stmt = stmt.where(or_(time_col < after[0], and_(time_col == after[0], id_col < after[1])))
    return stmt.order_by(time_col.desc(), id_col.desc())


def _words_match(words: list[str], dialect: str, common: bool):
    """Flags that have every one of the words."""
    if dialect == "postgresql":
        return FlagRecord.words.op("@>")(bindparam("search_words", words, type_=postgresql.ARRAY(Text)))
    # By row id: the matches come from the index's document lists alone, without reading each
    # match's stored flag id (for a common word, well over 100,000 reads of the content table).
    matching = select(FULL_TEXT.c.rowid).where(_full_text_match(words))
    # Common words: '+' makes SQLite test membership of the matches per flag of the walk instead of
    # starting from them (the matches' row ids are read once into a temporary index).
    words_row = literal_column("+flags.words_row") if common else FlagRecord.words_row
    return words_row.in_(matching)


def _full_text_match(words: list[str]):
    # Each word quoted: an FTS5 string, never query syntax (the words are letters and digits only).
    return FULL_TEXT.c.words.match(" ".join(f'"{w}"' for w in words))


def _common_words(session: Session, words: list[str]) -> bool:
    """Whether the words match at least COMMON_WORDS flags (counted up to there, from the index)."""
    if not words:
        return False
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        some = select(FlagRecord.flag_id).where(_words_match(words, dialect, False))
    else:
        some = select(FULL_TEXT.c.rowid).where(_full_text_match(words))
    return session.scalar(select(func.count()).select_from(some.limit(COMMON_WORDS).subquery())) >= COMMON_WORDS


def _query_of(session: Session, filt: FlagFilter):
    dialect = session.get_bind().dialect.name
    common = _common_words(session, filt.words())
    driver = _rarest_term(session, filt)

    def query(after: tuple[datetime, str] | None) -> Select:
        return flags_query(filt, after, dialect=dialect, common_words=common, driver_term=driver)

    return query


def _rarest_term(session: Session, filt: FlagFilter) -> str:
    """Of the filter's one-term groups, the one with the fewest flags (counted up to RAREST_COUNT on
    the terms' key): the page's matches are all among its flags, so walking it reads the fewest rows."""
    terms = [facet_term(f, vs[0]) for f, vs in filt.facets.items() if len(vs) == 1]
    if len(filt.severities) == 1:
        terms.append(facet_term("severity", filt.severities[0]))
    if filt.watchlist_version:
        terms.append(facet_term("version", filt.watchlist_version))
    if len(terms) < 2:
        return terms[0] if terms else ""

    def count(term: str) -> int:
        some = select(FlagTerm.flag_id).where(FlagTerm.term == term).limit(RAREST_COUNT)
        return session.scalar(select(func.count()).select_from(some.subquery()))

    return min(terms, key=count)


def list_flags(session: Session, filt: FlagFilter, cursor: str = "", limit: int = PAGE_SIZE) -> tuple[list, str]:
    """One page of flags and the cursor of the next page ('' on the last)."""
    after = decode_cursor(cursor) if cursor else None
    rows = list(session.execute(_query_of(session, filt)(after).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].occurred_at, rows[-1].flag_id) if more and rows else ""


def iterate_flags(session: Session, filt: FlagFilter, chunk: int = 500) -> Iterable[FlagRecord]:
    """Every flag matching the filter (raw included), newest first, read in keyset chunks (exports)."""
    after = None
    query = _query_of(session, filt)
    while True:
        ids = [r.flag_id for r in session.execute(query(after).limit(chunk))]
        if not ids:
            return
        by_id = {f.flag_id: f for f in session.scalars(select(FlagRecord).where(FlagRecord.flag_id.in_(ids)))}
        for flag_id in ids:
            yield by_id[flag_id]
        last = by_id[ids[-1]]
        after = (last.occurred_at, last.flag_id)


def get_flag(session: Session, flag_id: str) -> FlagRecord | None:
    return session.get(FlagRecord, flag_id[:64])


def related_flags(session: Session, flag: FlagRecord, limit: int = 20) -> dict[str, list]:
    """Flags with the same declaration, the same substance, the same consignor or consignee."""
    related = {
        "same declaration": _newest_with_words(
            session,
            words_of(flag.declaration_id),
            FlagRecord.declaration_id == flag.declaration_id,
            limit,
            flag.flag_id,
        )
    }
    if flag.structure_key:
        related["same substance"] = list(
            session.execute(
                select(*LIST_COLUMNS)
                .where(FlagRecord.structure_key == flag.structure_key, FlagRecord.flag_id != flag.flag_id)
                .order_by(FlagRecord.occurred_at.desc())
                .limit(limit)
            )
        )
    for key in dict.fromkeys(k for k in (flag.consignor_key, flag.consignee_key) if k):
        related[f"same trader ({key.split(':', 1)[0]})"] = trader_flags(session, key, limit, flag.flag_id)
    return related


def _newest_with_words(session: Session, words: list[str], condition, limit: int, exclude: str = "") -> list:
    """The newest flags that have ``words`` (found through the full-text index, so that declarations
    and traders need no index of their own on the flags table) and meet ``condition``."""
    if not words:
        return []
    dialect = session.get_bind().dialect.name
    return list(
        session.execute(
            select(*LIST_COLUMNS)
            .where(_words_match(words, dialect, _common_words(session, words)), condition)
            .where(FlagRecord.flag_id != exclude)
            .order_by(FlagRecord.occurred_at.desc(), FlagRecord.flag_id.desc())
            .limit(limit)
        )
    )


def substance_flags(session: Session, structure_key: str, limit: int = 500) -> list:
    return list(
        session.execute(
            select(*LIST_COLUMNS)
            .where(FlagRecord.structure_key == structure_key)
            .order_by(FlagRecord.occurred_at.desc())
            .limit(limit)
        )
    )


def substance_sightings(session: Session, structure_key: str) -> list[RepositoryEntry]:
    return list(
        session.scalars(
            select(RepositoryEntry)
            .where(RepositoryEntry.structure_key == structure_key)
            .order_by(RepositoryEntry.seen_at)
        )
    )


def trader_flags(session: Session, key: str, limit: int = 500, exclude: str = "") -> list:
    kind, _, value = key.partition(":")
    words = words_of(value)
    if kind == "name" and len(key) >= MAX_TERM_LENGTH * 2:
        words = words[:-1]  # the key was cut, maybe inside its last word
    return _newest_with_words(
        session,
        words[:MAX_SEARCH_WORDS],
        or_(FlagRecord.consignor_key == key, FlagRecord.consignee_key == key),
        limit,
        exclude,
    )


def novel_substances(session: Session, limit: int = 200) -> list:
    """Structures flagged only by unmasking, family or similarity (no exact or identifier match on
    the watchlist): candidates for a listing proposal."""
    known = exists().where(
        FlagTerm.flag_id == FlagRecord.flag_id,
        FlagTerm.occurred_at == FlagRecord.occurred_at,
        FlagTerm.term.in_([facet_term("method", "exact"), facet_term("method", "identifier")]),
    )
    return list(
        session.execute(
            select(
                FlagRecord.structure_key,
                func.max(FlagRecord.substance_name).label("name"),
                func.count().label("flags"),
                func.min(FlagRecord.occurred_at).label("first_seen"),
                func.max(FlagRecord.occurred_at).label("last_seen"),
                func.max(FlagRecord.severity_rank).label("worst"),
            )
            .where(FlagRecord.inchikey != "", FlagRecord.method.in_(["unmasking", "family", "similarity"]), ~known)
            .group_by(FlagRecord.structure_key)
            .order_by(func.max(FlagRecord.occurred_at).desc())
            .limit(limit)
        )
    )


def newest_alerts(session: Session, since: datetime, limit: int = 20) -> list:
    """High and critical flags stored after ``since`` (by screening time): the live banner."""
    return list(
        session.execute(
            select(FlagRecord.flag_id, FlagRecord.severity, FlagRecord.summary, FlagRecord.screened_at)
            .where(FlagRecord.severity.in_(["high", "critical"]), FlagRecord.screened_at > since)
            .order_by(FlagRecord.screened_at.desc())
            .limit(limit)
        )
    )


def dead_letters(session: Session, limit: int = 200) -> list[DeadLetterRecord]:
    return list(session.scalars(select(DeadLetterRecord).order_by(DeadLetterRecord.received_at.desc()).limit(limit)))


def audit_entries(session: Session, limit: int = 500) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


def watchlist_versions(session: Session) -> list[str]:
    return list(session.scalars(select(FlagRecord.watchlist_version).distinct().limit(50)))
