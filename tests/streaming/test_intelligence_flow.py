"""The stateful stage's batch (streaming/intelligence_flow.py) with StateFlusher, against fakes of Faust's
stream and the hole reader, over Faust's own consumer (end to end against a broker:
tests/agents/test_intelligence_e2e.py)."""

import asyncio

import orjson
import pytest

from pipeline.intelligence import IntelligenceConfig, PendingStates, apply_message, decode_state
from streaming.continuity import Hole, ReadAgain
from streaming.intelligence_flow import ObservationFlow
from streaming.intelligence_tables import StateFlusher
from streaming.screening_flow import FaustAcknowledger
from tests.factories import make_screener
from tests.pipeline.test_intelligence import observe
from tests.pipeline.test_intelligence_runtime import consignments
from tests.streaming.faust_fakes import FakePublisher, FakeReader, FakeStream, committed_offset, new_app, record

TOPIC = "precursor.observations"
CONSIGNEE = b"consignee:eori:NL000000001"


@pytest.fixture(scope="module")
def screener():
    return make_screener()


class Harness:
    """A partition of five observations of one consignee (events e0-e4 at offsets 0-4), committed at 0;
    the flow applies them through the real stage, recording each message's offset and origin."""

    def __init__(self, screener, publisher: FakePublisher | None = None) -> None:
        values = [orjson.dumps(o) for o in observe(screener, *consignments(5)) if o["key"].encode() == CONSIGNEE]
        self.records = [record(TOPIC, 0, offset, value, CONSIGNEE) for offset, value in enumerate(values)]
        self.app = new_app(TOPIC)
        self.reader = FakeReader(self.records, {0: 0})
        self.publisher = publisher or FakePublisher(("flags", "dead_letters"))
        self.table: dict[bytes, bytes] = {}
        self.applied: list[tuple[int, object]] = []
        self.holes: list[Hole] = []
        config = IntelligenceConfig.from_settings(screener.settings)

        def apply(message, states, now, origin):
            self.applied.append((message.offset, origin))
            return apply_message(message, states, config, now, origin=origin)

        async def write(writes):
            for key, value, _ in writes:
                self.table[key] = value

        self.flow = ObservationFlow(
            read_again=ReadAgain(self.app, self.reader, "observation", self.holes.extend),
            apply=apply,
            publisher=self.publisher,
        )
        self.write = write

    def flusher_for(self, stream: FakeStream) -> StateFlusher:
        acknowledger = FaustAcknowledger(self.app.consumer, TOPIC, stream)
        return StateFlusher(lambda: PendingStates(self.table), self.write, acknowledger, 60.0, 100)

    def acked(self) -> list[int]:
        return list(self.app.consumer._acked[self.records[0].tp])

    def events_in_table(self) -> list[str]:
        return sorted(decode_state(self.table[CONSIGNEE])["events"]) if CONSIGNEE in self.table else []


def test_observations_skipped_before_a_batch_are_applied_first_and_acknowledged_first_at_the_flush(screener):
    # The consumer hands over offsets 3-4 of a partition whose committed offset is 0 (Faust skipped 0-2,
    # as in the twentieth session's CI run of the SIGKILL test).
    async def run():
        h = Harness(screener)
        stream = FakeStream(h.app, [h.records[3:]])
        flusher = h.flusher_for(stream)
        async for events in stream.noack_take(100, within=1.0):
            await h.flow.apply_batch(events, flusher)
            first, second = events
        assert h.reader.reads == [(0, 0, 3)] and h.holes == [Hole(0, 0, 3)]
        # Applied in offset order, the re-read ones under the batch's first event of their partition.
        assert h.applied == [(0, first), (1, first), (2, first), (3, first), (4, second)]
        assert h.acked() == [] and h.table == {}  # held until the states are written
        await flusher.flush()
        assert h.events_in_table() == ["e0", "e1", "e2", "e3", "e4"]
        assert h.acked() == [0, 1, 2, 3, 4]  # the hole first: Faust commits the partition to its end
        assert committed_offset(h.app, TOPIC, 0) == 5

    asyncio.run(run())


def test_a_batch_whose_flags_are_not_delivered_holds_neither_its_hole_nor_its_events(screener):
    async def run():
        h = Harness(screener, FakePublisher(("flags", "dead_letters"), fail=True))
        stream = FakeStream(h.app, [h.records[3:]])
        flusher = h.flusher_for(stream)
        with pytest.raises(ConnectionError):
            async for events in stream.noack_take(100, within=1.0):
                await h.flow.apply_batch(events, flusher)
        assert [offset for offset, _ in h.applied] == [0, 1, 2, 3, 4] and not flusher.held
        h.flow.abandon(flusher)  # as the agent does: the overlay holds the batch's states
        await flusher.flush()
        await stream.stop()
        assert h.acked() == [] and h.table == {} and committed_offset(h.app, TOPIC, 0) is None

    asyncio.run(run())


def test_after_a_failed_batch_the_next_one_reads_again_what_the_failed_one_left(screener):
    # Faust replaces a failed agent's actor on the same stream; it goes on from the observations after
    # the failed batch, with a new flusher. Acknowledged alone, those would be committed past the failed
    # batch on a partition never committed before (#606): the next batch is checked from the committed
    # offset and the rest read again.
    async def run():
        h = Harness(screener, FakePublisher(("flags", "dead_letters"), fail=True))
        failed = FakeStream(h.app, [h.records[1:3]])  # offset 0 skipped by the consumer
        flusher = h.flusher_for(failed)
        with pytest.raises(ConnectionError):
            async for events in failed.noack_take(100, within=1.0):
                await h.flow.apply_batch(events, flusher)
        h.flow.abandon(flusher)
        await failed.stop()
        h.publisher.fail = False
        replacement = FakeStream(h.app, [h.records[3:]])
        flusher = h.flusher_for(replacement)
        async for events in replacement.noack_take(100, within=1.0):
            await h.flow.apply_batch(events, flusher)
        await flusher.flush()
        assert h.events_in_table() == ["e0", "e1", "e2", "e3", "e4"]
        assert committed_offset(h.app, TOPIC, 0) == 5
        assert h.holes == [Hole(0, 0, 1), Hole(0, 0, 3)]

    asyncio.run(run())
