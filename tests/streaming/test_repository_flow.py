"""The repository agent's batch protocol (streaming/repository_flow.py) against fakes of Faust's stream
and the hole reader, over Faust's own consumer (end to end against a broker: tests/agents/test_repository_e2e.py)."""

import asyncio

import orjson
import pytest

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


def flow_over(app, stream, reader, publisher, store, holes, before_batch=lambda: asyncio.sleep(0), read_again=None):
    return RepositoryFlow(
        read_again=read_again or ReadAgain(app, reader, "sighting", holes.extend),
        record=lambda messages: record_sightings(messages, store, RepositoryLimits()),
        publisher=publisher,
        acknowledger=FaustAcknowledger(app.consumer, TOPIC, stream),
        before_batch=before_batch,  # the agent waits for the changelog's metadata here
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


def test_a_failed_batch_acknowledges_neither_its_hole_nor_its_events():
    # Review, twenty-first session: with Faust's take_events, a batch whose records could not be delivered
    # had its events acknowledged all the same (take_events acks in a finally, run when the failed agent's
    # generator is closed) while its re-read hole was not: on a partition never committed before, Faust
    # commits the first run of acknowledged offsets (faust-streaming issue #606), past the hole (here 5).
    async def run():
        app, records = new_app(TOPIC), topic_records()
        stream = FakeStream(app, [records[3:]])
        reader, publisher, holes = FakeReader(records, {0: 0}), FakePublisher(ROLES, fail=True), []
        with pytest.raises(ConnectionError):
            await flow_over(app, stream, reader, publisher, {}, holes).run(stream, 100, 1.0)
        await stream.stop()  # as Faust's stream does when the worker stops, if the collector has not yet
        assert holes == [Hole(0, 0, 3)] and publisher.sent == []
        assert committed_offset(app, TOPIC, 0) is None  # read again from 0 after a restart
        assert list(app.consumer._acked[records[0].tp]) == []

    asyncio.run(run())


def test_a_failed_batch_without_holes_is_not_acknowledged_either():
    # The same failure without a hole: the batch's own events were committed with their records undelivered.
    async def run():
        app, records = new_app(TOPIC), topic_records()
        stream = FakeStream(app, [records[:2], records[2:]])
        publisher = FakePublisher(ROLES)

        batches = []

        async def fail_from_the_second_batch():
            batches.append(len(batches))
            publisher.fail = len(batches) >= 2

        flow = flow_over(app, stream, FakeReader(records, {0: 0}), publisher, {}, [], fail_from_the_second_batch)
        with pytest.raises(ConnectionError):
            await flow.run(stream, 100, 1.0)
        await stream.stop()
        assert recorded_events(publisher.sent) == ["evt-0", "evt-1"]
        assert committed_offset(app, TOPIC, 0) == 2  # the first batch only

    asyncio.run(run())


def test_after_a_failed_batch_the_next_one_reads_again_what_the_failed_one_left():
    # Faust replaces a failed agent's actor on the same stream; it goes on from the records after the
    # failed batch. Acknowledged, those alone would be committed past it on a partition never committed
    # before (#606): the next batch is checked from the committed offset and the rest read again.
    async def run():
        app, records = new_app(TOPIC), topic_records()
        reader, publisher, store, holes = FakeReader(records, {0: 0}), FakePublisher(ROLES, fail=True), {}, []
        read_again = ReadAgain(app, reader, "sighting", holes.extend)  # the agent's: one for its actors
        failed = FakeStream(app, [records[1:3]])  # offset 0 skipped by the consumer
        with pytest.raises(ConnectionError):
            await flow_over(app, failed, reader, publisher, store, holes, read_again=read_again).run(failed, 100, 1.0)
        await failed.stop()
        publisher.fail = False
        replacement = FakeStream(app, [records[3:]])
        flow = flow_over(app, replacement, reader, publisher, store, holes, read_again=read_again)
        await flow.run(replacement, 100, 1.0)
        assert holes == [Hole(0, 0, 1), Hole(0, 0, 3)]
        assert recorded_events(publisher.sent) == [f"evt-{o}" for o in range(5)]
        assert committed_offset(app, TOPIC, 0) == 5

    asyncio.run(run())
