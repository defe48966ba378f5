"""The store on SQLite and on PostgreSQL: idempotent ingestion, filters, search, keyset paging, cases."""

from __future__ import annotations

import copy

import orjson
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.workbench.conftest import example_flags, example_follow_ups
from workbench import store
from workbench.cases import CaseChange, case_message, new_event
from workbench.extract import flag_row, search_words, words_of
from workbench.models import Base, FlagRecord, FlagTerm, schema_filters


def ingest_examples(engine) -> list[dict]:
    flags = list(example_flags())
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, flags)
    return flags


def page_ids(engine, params, cursor="", limit=50):
    with Session(engine) as session:
        rows, nxt = store.list_flags(session, store.parse_filter(params), cursor, limit)
    return [r.flag_id for r in rows], nxt


def test_migrations_make_the_schema_the_models_describe(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts=schema_filters(conn.dialect.name))
        assert compare_metadata(context, Base.metadata) == []


def test_ingesting_the_same_flags_twice_stores_each_once(engine):
    flags = ingest_examples(engine)
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, flags)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlagRecord)) == len({f["flag_id"] for f in flags})
        terms = session.scalar(select(func.count()).select_from(FlagTerm))
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, flags[:5])
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlagTerm)) == terms


def test_a_flag_twice_in_one_batch_is_stored_once(engine):
    flags = list(example_flags())[:6]
    with Session(engine) as session, session.begin():
        assert store.ingest_flags(session, flags + flags[:3]) == 9
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlagRecord)) == 6
        terms = {(t.term, t.flag_id) for t in session.scalars(select(FlagTerm))}
    assert terms == {(t, f["flag_id"]) for f in flags for t in store.flag_terms(f)}
    assert set(page_ids(engine, [("q", flags[1]["declaration_id"])])[0]) == {flags[1]["flag_id"]}


def test_the_list_is_newest_first_and_pages_cover_every_flag_once(engine):
    flags = ingest_examples(engine)
    seen, cursor = [], ""
    while True:
        ids, cursor = page_ids(engine, [], cursor, limit=7)
        seen += ids
        if not cursor:
            break
    expected = sorted(flags, key=lambda f: (f["occurred_at"], f["flag_id"]), reverse=True)
    assert seen == [f["flag_id"] for f in expected]


def test_filters_by_severity_country_signal_method_and_date(engine):
    flags = ingest_examples(engine)
    critical, _ = page_ids(engine, [("severity", "critical")], limit=500)
    assert set(critical) == {f["flag_id"] for f in flags if f["severity"] == "critical"}
    unmasking, _ = page_ids(
        engine, [("method", "unmasking"), ("severity", "critical"), ("severity", "high")], limit=500
    )
    assert set(unmasking) == {
        f["flag_id"]
        for f in flags
        if f["severity"] in ("critical", "high") and any(m["method"] == "unmasking" for m in f["matches"])
    }
    assert unmasking
    bulk, _ = page_ids(engine, [("signal", "BULK_QUANTITY")], limit=500)
    assert set(bulk) == {f["flag_id"] for f in flags if any(s["code"] == "BULK_QUANTITY" for s in f["signals"])}
    dispatch = flags[0]["transport"]["dispatch_country"]
    by_country, _ = page_ids(engine, [("country", dispatch.lower())], limit=500)
    assert flags[0]["flag_id"] in by_country
    day = flags[0]["occurred_at"][:10]
    on_day, _ = page_ids(engine, [("from", day), ("to", day)], limit=500)
    assert set(on_day) == {f["flag_id"] for f in flags if f["occurred_at"].startswith(day)}
    assert page_ids(engine, [("from", "2001-01-01"), ("to", "2001-01-02")])[0] == []


def test_search_finds_substance_names_identifiers_declarations_and_parties(engine):
    flags = ingest_examples(engine)
    target = next(f for f in flags if f["substance"].get("inchikey") and f["consignee"].get("eori"))
    for text in (
        target["substance"]["inchikey"],
        target["declaration_id"],
        target["consignee"]["eori"].lower(),
        target["consignor"]["name"],
    ):
        found, _ = page_ids(engine, [("q", text)], limit=500)
        assert target["flag_id"] in found, text
    assert page_ids(engine, [("q", "no-such-word-anywhere")])[0] == []


def test_hostile_search_text_is_a_search_not_sql(engine):
    ingest_examples(engine)
    assert page_ids(engine, [("q", "' OR 1=1 --")])[0] == []
    assert page_ids(engine, [("q", '"; DROP TABLE flags; --')])[0] == []
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlagRecord)) > 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ([("severity", "urgent")], "unknown severity"),
        ([("country", "Netherlands")], "two-letter"),
        ([("cn", "12ab")], "CN code"),
        ([("from", "yesterday")], "YYYY-MM-DD"),
        ([("from", "2026-02-01"), ("to", "2026-01-01")], "ends before"),
        ([("q", " ".join(f"w{i}" for i in range(20)))], "at most"),
    ],
)
def test_bad_filters_say_what_is_wrong(params, message):
    with pytest.raises(store.BadFilter, match=message):
        store.parse_filter(params)


def test_a_damaged_page_link_is_a_bad_filter():
    with pytest.raises(store.BadFilter, match="damaged"):
        store.decode_cursor("bm90IGEgY3Vyc29y")


def test_a_case_history_merges_by_event_id_and_sets_the_status(engine):
    from datetime import datetime

    flag = ingest_examples(engine)[0]
    fid = flag["flag_id"]
    assign = new_event(CaseChange("assign", "ann", assignee="bob"), datetime(2026, 11, 1, 10))
    first = case_message(fid, [], assign)
    dismiss = new_event(CaseChange("dismiss", "bob", reason_code="legitimate_trade"), datetime(2026, 11, 1, 11))
    second = case_message(fid, first["events"], dismiss)
    with Session(engine) as session, session.begin():
        store.ingest_case(session, fid, first["events"])
        store.ingest_case(session, fid, copy.deepcopy(second["events"]))
        store.ingest_case(session, fid, second["events"])
    with Session(engine) as session:
        history = store.case_history(session, fid)
        row = store.get_flag(session, fid)
        assert [e.action for e in history] == ["assign", "dismiss"]
        assert (row.case_status, row.assignee) == ("dismissed", "bob")
    dismissed, _ = page_ids(engine, [("status", "dismissed")])
    assert dismissed == [fid]


def test_search_covers_descriptions_and_finds_a_word_whether_rare_or_common(engine, monkeypatch):
    flags = ingest_examples(engine)
    described = next(f for f in flags if len((f.get("declared") or {}).get("description") or "") > 20)
    word = max(words_of(described["declared"]["description"]), key=len)
    expected = {f["flag_id"] for f in flags if word in search_words(f)}
    rare, _ = page_ids(engine, [("q", word)], limit=500)
    # The same search with every word counted common: it then filters a walk in list order.
    monkeypatch.setattr(store, "COMMON_WORDS", 1)
    common, _ = page_ids(engine, [("q", word)], limit=500)
    assert described["flag_id"] in rare
    assert set(rare) == expected and common == rare


def test_forgetting_the_topics_keeps_users_and_audit(engine):
    from datetime import datetime

    from workbench.models import AuditEntry, User

    ingest_examples(engine)
    with Session(engine) as session, session.begin():
        session.add(User(username="ann", password_hash="x", role="admin", created_at=datetime(2026, 1, 1)))
        store.record_audit(session, "ann", "view_flag", "f1")
        store.save_offsets(session, {("flags", 0): 10})
    with Session(engine) as session, session.begin():
        store.forget_topics(session)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlagRecord)) == 0
        assert store.load_offsets(session) == {}
        assert session.scalar(select(func.count()).select_from(User)) == 1
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
    # The full-text index was emptied too: read again, a declaration is found once.
    flags = ingest_examples(engine)
    assert page_ids(engine, [("q", flags[0]["declaration_id"])])[0].count(flags[0]["flag_id"]) == 1


def test_repository_records_newest_message_wins_and_unknown_fields_are_kept(engine):
    record = {"record_id": "r1", "structure_key": "KEY-A", "seen_at": "2026-11-01T00:00:00Z", "entry_name": "PMK"}
    newer = {**record, "entry_name": "PMK (renamed)", "sightings": 3}
    with Session(engine) as session, session.begin():
        store.ingest_repository(session, [("KEY-A", record)])
        store.ingest_repository(session, [("KEY-A", newer)])
    with Session(engine) as session:
        (row,) = store.substance_sightings(session, "KEY-A")
        assert row.name == "PMK (renamed)"
        assert '"sightings": 3' in row.raw


FILTERS = [
    [],
    [("severity", "critical")],
    [("severity", "high"), ("severity", "critical"), ("method", "unmasking")],
    [("country", "NL"), ("signal", "BULK_QUANTITY")],
    [("country", "NL"), ("country", "DE"), ("signal", "SCHEDULED_SUBSTANCE"), ("severity", "low")],
    [("signal", "CATCH_ALL_CN"), ("q", "sodium")],
    [("q", "piperidine")],
    [("q", "ltd"), ("severity", "critical")],
    [("cn", "29329900"), ("from", "2026-01-01"), ("to", "2026-12-31")],
]


def test_sqlite_and_postgresql_answer_every_filter_alike(tmp_path, postgres_url, monkeypatch):
    from tests.workbench.pgcluster import create_database
    from workbench.db import make_engine, migrate

    engines = [make_engine(f"sqlite:///{tmp_path / 'a.db'}"), make_engine(create_database(postgres_url, "alike"))]
    for engine in engines:
        migrate(engine)
        ingest_examples(engine)
    for common in (2000, 1):  # words driving the query, then words filtering a walk
        monkeypatch.setattr(store, "COMMON_WORDS", common)
        for params in FILTERS:
            sqlite_ids, postgres_ids = (page_ids(engine, params, limit=500)[0] for engine in engines)
            assert sqlite_ids == postgres_ids, params
    assert any(page_ids(engines[0], params, limit=500)[0] for params in FILTERS[1:])
    for engine in engines:
        engine.dispose()


def test_the_full_text_migration_converts_stored_flags_and_goes_back(engine):
    import sqlalchemy as sa

    from workbench.db import migrate

    migrate(engine, "0001")
    flags = list(example_flags())[:10]
    columns = ["raw", "case_status", "assignee", *flag_row(flags[0]).__slots__]
    old_flags = sa.table("flags", *(sa.column(c) for c in columns))
    old_terms = sa.table("flag_terms", sa.column("term"), sa.column("occurred_at"), sa.column("flag_id"))
    with engine.begin() as conn:
        for flag in flags:
            row = flag_row(flag)
            values = {c: getattr(row, c) for c in row.__slots__}
            conn.execute(
                old_flags.insert().values(raw=orjson.dumps(flag).decode(), case_status="open", assignee="", **values)
            )
            old = [
                *(t for t in store.flag_terms(flag) if not t.startswith(("severity:", "version:"))),
                *search_words(flag),
            ]
            conn.execute(
                old_terms.insert(), [{"term": t, "occurred_at": row.occurred_at, "flag_id": row.flag_id} for t in old]
            )
    migrate(engine)
    target = flags[3]
    assert target["flag_id"] in page_ids(engine, [("q", target["declaration_id"])])[0]
    critical = {f["flag_id"] for f in flags if f["severity"] == "critical"}
    assert set(page_ids(engine, [("severity", "critical")])[0]) == critical
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(FlagTerm).where(~FlagTerm.term.contains(":"))) == 0
    migrate(engine, "0001")  # back: what came from the topics is emptied, to be read again
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM flags")) == 0
    migrate(engine)
    ingest_examples(engine)
    assert target["flag_id"] in page_ids(engine, [("q", target["declaration_id"])])[0]


def _insert_without_words_row(engine, flags) -> None:
    """Flags as the code of migration 0002 stored them (no full-text row number on the flag)."""
    import sqlalchemy as sa

    postgres = engine.dialect.name == "postgresql"
    columns = ["raw", "case_status", "assignee", "words", *flag_row(flags[0]).__slots__]
    flags_0002 = sa.table("flags", *(sa.column(c) for c in columns))
    with engine.begin() as conn:
        for flag in flags:
            row = flag_row(flag)
            words = search_words(flag)
            conn.execute(
                flags_0002.insert().values(
                    raw=orjson.dumps(flag).decode(),
                    case_status="open",
                    assignee="",
                    words=words if postgres else " ".join(words),
                    **{c: getattr(row, c) for c in row.__slots__},
                )
            )


def test_the_full_text_row_migration_numbers_stored_flags_and_goes_back(engine):
    import sqlalchemy as sa

    from workbench.db import migrate

    flags = list(example_flags())
    migrate(engine, "0002")
    _insert_without_words_row(engine, flags[:10])
    migrate(engine, "0003")  # the full-text table still keeps each flag's id (0004 drops the copy)
    for flag in flags[:10]:
        assert flag["flag_id"] in page_ids(engine, [("q", flag["declaration_id"])])[0]
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, flags[10:20])
    for flag in flags[:20]:
        assert flag["flag_id"] in page_ids(engine, [("q", flag["declaration_id"])])[0]
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            numbered = conn.execute(sa.text("SELECT flag_id, words_row FROM flags")).all()
            assert len({n for _, n in numbered}) == 20 and None not in {n for _, n in numbered}
            # each flag's number is its full-text row: the flag id stored there says so
            tied = conn.scalar(
                sa.text(
                    "SELECT count(*) FROM flags JOIN flag_words ON flag_words.rowid = flags.words_row "
                    "WHERE flag_words.flag_id = flags.flag_id"
                )
            )
            assert tied == 20
    migrate(engine, "0002")  # back: the words stay searchable, new flags get full-text rows again
    _insert_without_words_row(engine, flags[20:22])
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            indexed = conn.scalar(sa.text("SELECT count(DISTINCT flag_id) FROM flag_words"))
            assert indexed == 22
    migrate(engine)
    for flag in flags[:22]:
        assert flag["flag_id"] in page_ids(engine, [("q", flag["declaration_id"])])[0]


def test_the_contentless_full_text_migration_keeps_search_results_both_ways(engine):
    from workbench.db import migrate

    flags = list(example_flags())
    searches = [[("q", "piperidine")], [("q", flags[3]["declaration_id"])], [("q", "ltd"), ("severity", "critical")]]
    migrate(engine, "0003")
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, flags[:30])
    before = [page_ids(engine, params, limit=500)[0] for params in searches]
    assert all(before) and flags[3]["flag_id"] in before[1]
    migrate(engine)
    assert [page_ids(engine, params, limit=500)[0] for params in searches] == before
    with Session(engine) as session, session.begin():  # new flags reach the index through the new trigger
        store.ingest_flags(session, flags[30:])
    after = [page_ids(engine, params, limit=500)[0] for params in searches]
    assert flags[40]["flag_id"] in page_ids(engine, [("q", flags[40]["declaration_id"])])[0]
    migrate(engine, "0003")
    assert [page_ids(engine, params, limit=500)[0] for params in searches] == after
    migrate(engine)
    assert [page_ids(engine, params, limit=500)[0] for params in searches] == after


def test_the_finding_migration_fills_stored_flags_without_a_match_and_goes_back(engine):
    from workbench.db import migrate

    flags = [*example_flags()[:40], *example_follow_ups()[:20]]

    def findings() -> dict[str, tuple[str, str]]:
        with Session(engine) as session:
            return {r.flag_id: (r.method, r.entry_name) for r in session.scalars(select(FlagRecord))}

    with Session(engine) as session, session.begin():
        store.ingest_flags(session, flags)
    expected = {f["flag_id"]: (flag_row(f).method, flag_row(f).entry_name) for f in flags}
    assert findings() == expected
    migrate(engine, "0004")  # what the code before stored: nothing for a flag without a match
    before = findings()
    unmatched = {f["flag_id"] for f in flags if not f["matches"]}
    assert unmatched and all(before[i] == ("", "") for i in unmatched)
    assert all(before[i] == expected[i] for i in expected if i not in unmatched)
    migrate(engine)
    assert findings() == expected


def test_a_vacuum_keeps_search_results(tmp_path):
    """SQLite may renumber a table's implicit rowids on VACUUM; the full-text rows are tied to the
    flags by a column of their own, so a search finds the same flags after one."""
    from workbench.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'vacuum.db'}")
    migrate(engine)
    flags = ingest_examples(engine)
    with Session(engine) as session, session.begin():  # gaps in the flags' rowids for VACUUM to close
        session.execute(FlagRecord.__table__.delete().where(FlagRecord.flag_id.in_([f["flag_id"] for f in flags[:5]])))
    searches = [[("q", "piperidine")], [("q", flags[20]["declaration_id"])], [("q", "ltd"), ("severity", "critical")]]
    before = [page_ids(engine, params, limit=500)[0] for params in searches]
    with engine.connect() as conn:
        conn.exec_driver_sql("VACUUM")
    assert [page_ids(engine, params, limit=500)[0] for params in searches] == before
    assert flags[20]["flag_id"] in before[1]
    engine.dispose()


def test_related_flags_and_trader_flags_are_found_through_their_words(engine, monkeypatch):
    from workbench.extract import trader_key

    flags = ingest_examples(engine)
    first = flags[0]
    twin = {**copy.deepcopy(first), "flag_id": "e" * 32, "occurred_at": "2026-06-01T00:00:00Z"}
    stranger = {**copy.deepcopy(first), "flag_id": "d" * 32, "declaration_id": first["declaration_id"] + "9"}
    stranger["consignor"] = {"name": "Someone Else Ltd", "eori": "DE999999999"}
    stranger["consignee"] = {"name": "Nobody Known GmbH", "eori": "DE888888888"}
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, [twin, stranger])
    consignee = trader_key(first["consignee"])
    expected = {
        f["flag_id"] for f in [*flags, twin] if consignee in (trader_key(f["consignor"]), trader_key(f["consignee"]))
    }
    for common in (2000, 1):  # words driving the query, then filtering a walk
        monkeypatch.setattr(store, "COMMON_WORDS", common)
        with Session(engine) as session:
            row = store.get_flag(session, first["flag_id"])
            related = store.related_flags(session, row)
            assert [r.flag_id for r in related["same declaration"]] == [twin["flag_id"]]
            assert {r.flag_id for r in store.trader_flags(session, consignee)} == expected
            traders = [rows for name, rows in related.items() if name.startswith("same trader")]
            assert traders and "d" * 32 not in {r.flag_id for rows in traders for r in rows}


def test_a_flag_of_a_structure_no_list_names_is_listed_by_its_smiles_not_its_cover_description():
    from tests.workbench.conftest import example_flags

    novel = next(f for f in example_flags() if f.get("novel_designer_precursor") and f["declared"].get("description"))
    assert novel["substance"]["name"] is None
    assert flag_row(novel).substance_name == novel["substance"]["smiles"]
