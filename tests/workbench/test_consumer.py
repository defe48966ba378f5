"""The consumer against the embedded broker: idempotence, resume from the stored offsets, rebuild."""

from __future__ import annotations

import uuid

import orjson
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.settings import Settings
from tests.workbench.conftest import example_flags
from workbench import store
from workbench.cases import CaseChange, case_message, new_event
from workbench.consumer import CasePublisher, TopicConsumer, ensure_cases_topic
from workbench.db import make_engine, migrate
from workbench.models import CaseEvent, DeadLetterRecord, FlagRecord, RepositoryEntry


@pytest.fixture
def topics(broker_url):
    from devtools.local import isolated_env
    from streaming.kafka import ensure_topics

    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(isolated_env(broker_url, tag))
    ensure_topics(settings)
    ensure_cases_topic(settings)
    return settings


def publish(settings: Settings, topic: str, messages: list[tuple[str, bytes | None]]) -> None:
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=settings.broker_hosts, acks="all")
    for key, value in messages:
        producer.send(topic, key=key.encode(), value=value)
    producer.flush()
    producer.close()


def fresh_engine(tmp_path, name="wb.db"):
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    migrate(engine)
    return engine


def count(engine, model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def flag_messages(flags) -> list[tuple[str, bytes]]:
    return [(f["declaration_id"], orjson.dumps(f)) for f in flags]


def test_reading_the_topics_twice_and_redelivered_flags_store_each_flag_once(topics, tmp_path):
    flags = list(example_flags())
    publish(topics, topics.topic_flags, flag_messages(flags))
    publish(topics, topics.topic_flags, flag_messages(flags[:10]))  # at-least-once: re-delivered
    engine = fresh_engine(tmp_path)
    consumer = TopicConsumer(engine, topics)
    try:
        assert consumer.catch_up() == len(flags) + 10
    finally:
        consumer.close()
    assert count(engine, FlagRecord) == len(flags)
    # A second consumer on the same database starts where the first stopped: nothing is read again.
    again = TopicConsumer(engine, topics)
    try:
        assert again.catch_up(idle_polls=2) == 0
    finally:
        again.close()
    assert count(engine, FlagRecord) == len(flags)


def test_the_consumer_resumes_from_the_offsets_stored_with_the_rows(topics, tmp_path):
    flags = list(example_flags())
    publish(topics, topics.topic_flags, flag_messages(flags[:20]))
    engine = fresh_engine(tmp_path)
    first = TopicConsumer(engine, topics)
    first.catch_up()
    first.close()
    with Session(engine) as session:
        offsets = store.load_offsets(session)
    assert sum(o for (t, _), o in offsets.items() if t == topics.topic_flags) == 20
    # Rows deleted behind the consumer's back stay deleted: the resumed consumer does not re-read them.
    with Session(engine) as session, session.begin():
        session.execute(FlagRecord.__table__.delete().where(FlagRecord.flag_id == flags[0]["flag_id"]))
    publish(topics, topics.topic_flags, flag_messages(flags[20:]))
    resumed = TopicConsumer(engine, topics)
    try:
        assert resumed.catch_up() == len(flags) - 20
    finally:
        resumed.close()
    assert count(engine, FlagRecord) == len(flags) - 1


def test_the_database_is_rebuilt_from_the_topics_cases_included(topics, tmp_path):
    from datetime import datetime

    flags = list(example_flags())
    publish(topics, topics.topic_flags, flag_messages(flags))
    record = {
        "record_id": "r-1",
        "structure_key": flags[0]["substance"].get("inchikey") or "k",
        "seen_at": flags[0]["occurred_at"],
        "future_field": 1,
    }
    publish(topics, topics.topic_repository, [(record["structure_key"], orjson.dumps(record))])
    letter = {
        "reason": "invalid JSON",
        "reason_code": "invalid_json",
        "error_location": "json",
        "original": "{",
        "received_at": "2026-11-01T00:00:00Z",
    }
    publish(topics, topics.topic_dead_letters, [("", orjson.dumps(letter)), ("", b"not json at all")])
    fid = flags[0]["flag_id"]
    first = new_event(CaseChange("assign", "ann", assignee="bob"), datetime(2026, 11, 2, 9))
    second = new_event(CaseChange("acknowledge", "bob"), datetime(2026, 11, 2, 10))
    publisher = CasePublisher(topics)
    try:
        publisher.publish(case_message(fid, [], first))
        publisher.publish(case_message(fid, [first], second))
    finally:
        publisher.close()

    engine = fresh_engine(tmp_path)
    consumer = TopicConsumer(engine, topics)
    consumer.catch_up()
    consumer.close()
    before = {m: count(engine, m) for m in (FlagRecord, RepositoryEntry, DeadLetterRecord, CaseEvent)}
    assert before == {FlagRecord: len(flags), RepositoryEntry: 1, DeadLetterRecord: 2, CaseEvent: 2}
    with Session(engine) as session:
        assert store.get_flag(session, fid).case_status == "acknowledged"
        unreadable = session.scalar(select(DeadLetterRecord).where(DeadLetterRecord.reason_code == "other"))
        assert "not a JSON object" in unreadable.reason

    with Session(engine) as session, session.begin():
        store.forget_topics(session)
    assert count(engine, FlagRecord) == 0
    rebuilt = TopicConsumer(engine, topics)
    try:
        rebuilt.catch_up()
    finally:
        rebuilt.close()
    assert {m: count(engine, m) for m in before} == before
    with Session(engine) as session:
        row = store.get_flag(session, fid)
        assert (row.case_status, row.assignee) == ("acknowledged", "bob")


def test_a_message_that_is_not_a_flag_becomes_a_dead_letter_and_the_rest_is_stored(topics, tmp_path):
    flags = list(example_flags())[:3]
    publish(topics, topics.topic_flags, [*flag_messages(flags), ("x", orjson.dumps({"flag_id": "no-time"}))])
    engine = fresh_engine(tmp_path)
    consumer = TopicConsumer(engine, topics)
    try:
        consumer.catch_up()
    finally:
        consumer.close()
    assert count(engine, FlagRecord) == 3
    with Session(engine) as session:
        (letter,) = session.scalars(select(DeadLetterRecord)).all()
        assert "not a flag" in letter.reason and letter.position.startswith(topics.topic_flags)
