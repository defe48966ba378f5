"""The repository agent's batch protocol (streaming/repository_flow.py) against fakes of Faust's stream
and the hole reader, over Faust's own consumer (end to end against a broker: tests/agents/test_repository_e2e.py)."""

import asyncio

import orjson

from pipeline.repository import RepositoryLimits, record_sightings
from streaming.continuity import Hole, ReadAgain
from streaming.repository_flow import RepositoryFlow
from streaming.screening_flow import FaustAcknowledger
from tests.pipeline.test_repository import BMK, sightings
from tests.streaming.faust_fakes import FakePublisher, FakeReader, FakeStream, committed_offset, new_app, record

TOPIC = "precursor.sightings"
ROLES = ("repository", "repository_sightings", "dead_letters")
# One sighting of BMK per offset, its event id naming the offset.
SIGHTINGS = [orjson.dumps(sightings({"smiles": BMK}, event_id=f"evt-{offset}")) for offset in range(5)]


def topic_records() -> list:
    """The partition's records, new for each test (Faust marks a message it has acknowledged)."""
    return [record(TOPIC, 0, offset, value) for offset, value in enumerate(SIGHTINGS)]


def flow_over(app, stream, reader, publisher, store, holes):
    return RepositoryFlow(
        read_again=ReadAgain(app, reader, "sighting", holes.extend),
        record=lambda messages: record_sightings(messages, store, RepositoryLimits()),
        publisher=publisher,
        acknowledger=FaustAcknowledger(app.consumer, TOPIC, stream),
        before_batch=lambda: asyncio.sleep(0),  # the agent waits for the changelog's metadata
    )


def recorded_events(sent) -> list[str]:
    return [orjson.loads(m.value)["event_id"] for m in sent if m.role == "repository_sightings"]


def test_sightings_skipped_before_a_batch_are_read_again_recorded_first_and_acknowledged_first():
    # The consumer hands over offsets 3-4 of a partition whose committed offset is 0 (Faust skipped 0-2).
    async def run():
        app, records = new_app(TOPIC), topic_records()
        stream = FakeStream(app, [records[3:]])
        reader, publisher, store, holes = FakeReader(records, {0: 0}), FakePublisher(ROLES), {}, []
        await flow_over(app, stream, reader, publisher, store, holes).run(stream, 100, 1.0)
        assert reader.reads == [(0, 0, 3)] and holes == [Hole(0, 0, 3)]
        assert recorded_events(publisher.sent) == ["evt-0", "evt-1", "evt-2", "evt-3", "evt-4"]
        (state,) = store.values()
        assert len(orjson.loads(state)["seen"]) == 5  # the table counted the re-read sightings too
        # Acknowledged in offset order, the re-read ones first: Faust commits the partition to its end.
        assert list(app.consumer._acked[records[0].tp]) == [0, 1, 2, 3, 4]
        assert committed_offset(app, TOPIC, 0) == 5

    asyncio.run(run())


def test_a_batch_without_holes_reads_nothing_again():
    async def run():
        app, records = new_app(TOPIC), topic_records()
        stream = FakeStream(app, [records[:2], records[2:]])
        reader, publisher = FakeReader(records, {0: 0}), FakePublisher(ROLES)
        await flow_over(app, stream, reader, publisher, {}, []).run(stream, 100, 1.0)
        assert reader.reads == [] and recorded_events(publisher.sent) == [f"evt-{o}" for o in range(5)]
        assert committed_offset(app, TOPIC, 0) == 5

    asyncio.run(run())
