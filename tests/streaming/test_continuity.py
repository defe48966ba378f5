from pipeline.messages import InMessage
from streaming.continuity import Hole, OffsetContinuity, ReadAgain, complete_batch, origins_of


def records(*located: tuple[int, int]) -> list[InMessage]:
    return [InMessage(b"{}", None, "tx", partition, offset) for partition, offset in located]


def tracker_at(**starts: int) -> OffsetContinuity:
    tracker = OffsetContinuity()
    for name, offset in starts.items():
        tracker.start_at(int(name.removeprefix("p")), offset)
    return tracker


def test_consecutive_offsets_have_no_holes():
    tracker = tracker_at(p0=10, p1=0)
    assert tracker.observe(records((0, 10), (1, 0), (0, 11), (1, 1))) == ([], {})
    assert tracker.observe(records((0, 12), (1, 2))) == ([], {})


def test_a_partition_starting_beyond_its_committed_offset_has_a_hole():
    tracker = OffsetContinuity()
    holes, first_seen = tracker.observe(records((0, 6654), (0, 6655)))
    assert (holes, first_seen) == ([], {0: 6654})
    assert tracker.settle(first_seen, {0: 6609}) == [Hole(0, 6609, 6654)]
    assert tracker.settle(first_seen, {0: 6654}) == []  # started where it was committed


def test_a_jump_inside_the_stream_is_a_hole_and_the_stream_goes_on_from_there():
    tracker = tracker_at(p0=0, p1=0)
    holes, _ = tracker.observe(records((0, 0), (1, 0), (0, 1), (0, 5), (1, 1), (0, 6)))
    assert holes == [Hole(0, 2, 5)]
    assert len(holes[0]) == 3
    assert tracker.observe(records((0, 7))) == ([], {})


def test_re_deliveries_after_a_seek_back_are_not_holes_and_are_checked_themselves():
    tracker = tracker_at(p0=100)
    assert tracker.observe(records((0, 100), (0, 101), (0, 102))) == ([], {})
    # sought back to 100: the run is delivered again, and a jump inside it is still a hole
    assert tracker.observe(records((0, 100), (0, 101), (0, 103))) == ([Hole(0, 102, 103)], {})


def test_unknown_partitions_are_reported_with_their_first_offset_once_and_all_again_after_a_rebalance():
    tracker = tracker_at(p0=0)
    # a partition not known yet is checked from its first record on, in the same pass
    assert tracker.observe(records((0, 0), (1, 3), (2, 4), (1, 6))) == ([Hole(1, 4, 6)], {1: 3, 2: 4})
    assert tracker.observe(records((0, 1), (1, 7))) == ([], {})
    tracker.reset()
    assert tracker.observe(records((0, 1), (1, 7))) == ([], {0: 1, 1: 7})


def test_a_batch_gets_the_records_of_its_holes_first_with_the_starting_holes_before_the_others():
    import asyncio

    class Reader:
        async def starting_offsets(self, topic, partitions):
            return {p: 0 for p in partitions}

        async def read(self, topic, partition, start, end):
            return [InMessage(b"{}", None, topic, partition, o, 1_700_000_000_000) for o in range(start, end)]

    batch = records((0, 2), (0, 4))
    completed, holes = asyncio.run(complete_batch(batch, OffsetContinuity(), Reader()))
    assert holes == [Hole(0, 0, 2), Hole(0, 3, 4)]
    assert [m.offset for m in completed] == [0, 1, 3, 2, 4]


def test_records_read_again_are_applied_under_the_first_event_of_their_partition():
    from types import SimpleNamespace

    events = [SimpleNamespace(message=m) for m in records((0, 2), (1, 7), (0, 3))]
    completed = records((1, 5), (0, 0), (0, 1)) + [e.message for e in events]
    assert origins_of(completed, events) == [events[1], events[0], events[0], *events]


def test_read_again_restarts_at_every_assignment_and_counts_the_holes_it_reads():
    import asyncio

    class Signal:
        def __init__(self):
            self.receivers = []

        def connect(self, fn):
            self.receivers.append(fn)
            return fn

    class App:
        on_partitions_assigned = Signal()
        on_before_shutdown = Signal()

    class Reader:
        closed = False

        async def starting_offsets(self, topic, partitions):
            return {p: 0 for p in partitions}

        async def read(self, topic, partition, start, end):
            return [InMessage(b"{}", None, topic, partition, o, 1_700_000_000_000) for o in range(start, end)]

        async def close(self):
            Reader.closed = True

    counted: list = []
    app = App()
    read_again = ReadAgain(app, Reader(), "observation", counted.extend)

    async def run():
        completed, holes = await read_again.complete(records((0, 3), (0, 4)))
        assert holes == [Hole(0, 0, 3)] and [m.offset for m in completed] == [0, 1, 2, 3, 4]
        assert (await read_again.complete(records((0, 5))))[1] == []  # goes on from 5
        for receiver in app.on_partitions_assigned.receivers:
            await receiver(app, set())
        # After an assignment the partition is checked from its committed offset (0 here) again.
        assert (await read_again.complete(records((0, 5))))[1] == [Hole(0, 0, 5)]
        for receiver in app.on_before_shutdown.receivers:
            receiver(app)
        await asyncio.sleep(0)

    asyncio.run(run())
    assert counted == [Hole(0, 0, 3), Hole(0, 0, 5)] and Reader.closed
