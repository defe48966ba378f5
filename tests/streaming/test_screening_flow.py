"""The screening agent's protocol against small fakes (end to end against a broker: tests/agents)."""

import asyncio

import pytest

from pipeline.messages import BatchResult, InMessage, OutMessage
from streaming.continuity import Hole
from streaming.screening_flow import ScreeningFlow


def batch(*offsets: int, partition: int = 0) -> tuple[list[str], list[InMessage]]:
    """(the stream's events, their messages) for consecutive offsets of a partition."""
    events = [f"event-{partition}-{o}" for o in offsets]
    return events, [InMessage(b"{}", None, "tx", partition, o) for o in offsets]


def result_for(messages) -> BatchResult:
    return BatchResult(out=[OutMessage("flags", b"k", f"{m.partition}/{m.offset}".encode(), []) for m in messages])


def screened_result_for(messages) -> BatchResult:
    """The result of screening ``messages``: one flag each, every message accounted for as an event."""
    result = result_for(messages)
    result.events = len(messages)
    return result


class FakeOffload:
    """A screening process whose answers the test releases one by one, in any order; ``answer_part``
    releases the next messages of a batch's answer (the screening process answers in parts)."""

    def __init__(self) -> None:
        self.submitted: list[tuple[list, asyncio.Queue]] = []

    def submit(self, messages, partitions):
        answers: asyncio.Queue = asyncio.Queue()
        self.submitted.append((list(messages), answers))
        return answers

    async def drain(self) -> None:
        pass

    async def screen_parts(self, messages, partitions, submitted):
        done = 0
        while done < len(messages):
            count, error = await submitted.get()
            if error is not None:
                raise error
            count = len(messages) - done if count is None else count
            yield screened_result_for(messages[done : done + count]), (1, 2)
            done += count

    def answer(self, index: int, error: Exception | None = None) -> None:
        self.submitted[index][1].put_nowait((None, error))  # the rest of the batch at once

    def answer_part(self, index: int, count: int) -> None:
        self.submitted[index][1].put_nowait((count, None))


class FakePublisher:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def partition_counts(self):
        return {"flags": 2}

    async def send(self, messages):
        self.sent.extend(m.value for m in messages)


class FakeAcknowledger:
    def __init__(self) -> None:
        self.acks: list = []

    def ack_offsets(self, partition, offsets):
        self.acks.extend(("offset", partition, o) for o in offsets)

    async def ack_event(self, event):
        self.acks.append(event)


class FakeReader:
    """Committed offsets as given; re-reads return the records of the range."""

    def __init__(self, starts: dict[int, int], fail: bool = False) -> None:
        self.starts, self.fail, self.reads = starts, fail, []

    async def starting_offsets(self, topic, partitions):
        return {p: self.starts[p] for p in partitions}

    async def read(self, topic, partition, start, end):
        if self.fail:
            raise TimeoutError("re-reading took too long")
        self.reads.append((partition, start, end))
        return [InMessage(b"{}", None, topic, partition, o, 1_700_000_000_000) for o in range(start, end)]


class Harness:
    def __init__(
        self,
        *,
        in_process: bool = False,
        max_in_flight: int = 8,
        reader: FakeReader | None = None,
        publisher: FakePublisher | None = None,
    ):
        self.offload = None if in_process else FakeOffload()
        self.publisher, self.acknowledger = publisher or FakePublisher(), FakeAcknowledger()
        self.crashes: list[BaseException] = []
        self.delivered: list[tuple[int, tuple[int, int]]] = []
        self.holes: list[list[Hole]] = []
        self.screened_here: list[list] = []

        async def crash(exc):
            self.crashes.append(exc)

        def screen_here(messages, partitions):
            self.screened_here.append(list(messages))
            return result_for(messages), (3, 4)

        self.flow = ScreeningFlow(
            offload=self.offload,
            screen_here=screen_here,
            publisher=self.publisher,
            acknowledger=self.acknowledger,
            reader=reader or FakeReader({0: 0, 1: 0}),
            crash=crash,
            max_in_flight=max_in_flight,
            on_delivered=lambda result, cache: self.delivered.append((len(result.out), cache)),
            on_holes=self.holes.append,
        )


async def until(condition) -> None:
    """Let the flow's tasks run until the condition holds (no clock involved)."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the flow did not get there")


def test_batches_finishing_out_of_order_are_acknowledged_in_input_order():
    h = Harness()

    async def scenario():
        for offsets in ((0, 1), (2, 3), (4, 5)):
            assert await h.flow.handle(*batch(*offsets))
        h.offload.answer(2)
        h.offload.answer(1)
        await until(lambda: len(h.publisher.sent) == 4)  # the later two are delivered ...
        assert h.acknowledger.acks == []  # ... but not acknowledged before the first
        h.offload.answer(0)
        await h.flow.wait_in_flight()

    asyncio.run(scenario())
    assert h.acknowledger.acks == [f"event-0-{o}" for o in range(6)]
    assert h.delivered == [(2, (1, 2))] * 3 and h.crashes == []


def test_a_failed_batch_crashes_the_worker_and_leaves_itself_and_later_batches_unacknowledged():
    h = Harness()
    failure = RuntimeError("the screening process cannot work")

    async def scenario():
        for offsets in ((0, 1), (2, 3), (4, 5)):
            await h.flow.handle(*batch(*offsets))
        h.offload.answer(0)
        await until(lambda: len(h.acknowledger.acks) == 2)
        h.offload.answer(2)
        h.offload.answer(1, failure)
        await h.flow.wait_in_flight()
        return await h.flow.handle(*batch(6, 7))

    took_more = asyncio.run(scenario())
    assert h.acknowledger.acks == ["event-0-0", "event-0-1"]  # only the batch before the failure
    assert h.crashes == [failure]
    assert took_more is False and len(h.offload.submitted) == 3  # nothing more is taken


def test_no_more_batches_than_the_limit_are_in_flight():
    h = Harness(max_in_flight=2)

    async def scenario():
        await h.flow.handle(*batch(0))
        await h.flow.handle(*batch(1))
        third = asyncio.ensure_future(h.flow.handle(*batch(2)))
        for _ in range(20):
            await asyncio.sleep(0)
        held = (third.done(), len(h.offload.submitted))
        h.offload.answer(0)
        await third
        return held, len(h.offload.submitted)

    (held_done, held_submitted), submitted = asyncio.run(scenario())
    assert (held_done, held_submitted) == (False, 2)  # the third waits for a free slot
    assert submitted == 3


def test_skipped_offsets_are_read_again_screened_first_and_acknowledged_before_the_events():
    reader = FakeReader({0: 10, 1: 0})
    h = Harness(reader=reader)

    async def scenario():
        await h.flow.handle(*batch(13, 14))  # the consumer skipped 10-12 of partition 0
        h.offload.answer(0)
        await h.flow.wait_in_flight()

    asyncio.run(scenario())
    assert reader.reads == [(0, 10, 13)]
    assert h.holes == [[Hole(0, 10, 13)]]
    assert [m.offset for m in h.offload.submitted[0][0]] == [10, 11, 12, 13, 14]  # screened with the batch
    assert h.acknowledger.acks == [("offset", 0, 10), ("offset", 0, 11), ("offset", 0, 12), "event-0-13", "event-0-14"]


def test_after_a_rebalance_partitions_are_checked_from_their_committed_offsets_again():
    reader = FakeReader({0: 0})
    h = Harness(reader=reader)

    async def scenario():
        await h.flow.handle(*batch(0, 1))
        reader.starts = {0: 5}  # another worker committed up to 5 meanwhile
        h.flow.restart()
        await h.flow.handle(*batch(7))
        h.offload.answer(0)
        h.offload.answer(1)
        await h.flow.wait_in_flight()

    asyncio.run(scenario())
    assert reader.reads == [(0, 5, 7)]


def test_offsets_that_cannot_be_read_again_crash_the_worker_instead_of_being_lost():
    h = Harness(reader=FakeReader({0: 0}, fail=True))

    took = asyncio.run(h.flow.handle(*batch(4)))
    assert took is False and isinstance(h.crashes[0], TimeoutError)
    assert h.offload.submitted == [] and h.acknowledger.acks == []


def test_without_a_screening_process_each_batch_is_screened_delivered_and_acknowledged_in_turn():
    h = Harness(in_process=True, reader=FakeReader({0: 1}))

    async def scenario():
        assert await h.flow.handle(*batch(2, 3))
        after_first = list(h.acknowledger.acks)  # acknowledged before handle returned
        assert await h.flow.handle(*batch(4))
        return after_first

    after_first = asyncio.run(scenario())
    assert [[m.offset for m in b] for b in h.screened_here] == [[1, 2, 3], [4]]
    assert after_first == [("offset", 0, 1), "event-0-2", "event-0-3"]
    assert h.acknowledger.acks == [*after_first, "event-0-4"]
    assert h.publisher.sent == [b"0/1", b"0/2", b"0/3", b"0/4"]
    assert h.delivered == [(3, (3, 4)), (1, (3, 4))]


@pytest.mark.parametrize("in_process", [True, False])
def test_nothing_is_acknowledged_before_it_is_delivered(in_process):
    class FailingPublisher(FakePublisher):
        async def send(self, messages):
            raise ConnectionError("broker gone")

    h = Harness(in_process=in_process, publisher=FailingPublisher())

    async def scenario():
        try:
            await h.flow.handle(*batch(0, 1))
        except ConnectionError:
            return "raised"
        h.offload.answer(0)
        await h.flow.wait_in_flight()
        return "crashed"

    outcome = asyncio.run(scenario())
    assert h.acknowledger.acks == []
    assert outcome == ("raised" if in_process else "crashed")


def test_a_batch_is_split_into_runs_of_bounded_bytes_in_order():
    from types import SimpleNamespace

    from streaming.screening_flow import split_by_bytes

    def event(size: int, tag: int):
        return SimpleNamespace(message=SimpleNamespace(value=b"x" * size), tag=tag)

    events = [event(400, 0), event(400, 1), event(300, 2), event(2000, 3), event(0, 4), event(100, 5)]
    runs = split_by_bytes(events, max_bytes=1000)
    assert [[e.tag for e in run] for run in runs] == [[0, 1], [2], [3], [4, 5]]
    assert split_by_bytes([], 1000) == []


def test_a_batch_answered_in_parts_is_delivered_and_acknowledged_part_by_part_in_input_order():
    h = Harness()

    async def scenario():
        await h.flow.handle(*batch(0, 1))
        await h.flow.handle(*batch(2, 3, 4, 5))
        h.offload.answer_part(1, 2)  # the second batch's first part, before the first batch is done
        await until(lambda: len(h.publisher.sent) == 2)
        held = list(h.acknowledger.acks)  # delivered, but held behind the first batch
        h.offload.answer(0)
        await until(lambda: len(h.acknowledger.acks) == 4)
        after_first_part = list(h.acknowledger.acks)
        h.offload.answer_part(1, 1)
        await until(lambda: len(h.acknowledger.acks) == 5)
        h.offload.answer(1)
        await h.flow.wait_in_flight()
        return held, after_first_part

    held, after_first_part = asyncio.run(scenario())
    assert held == []
    assert after_first_part == ["event-0-0", "event-0-1", "event-0-2", "event-0-3"]  # the part's events acked
    assert h.acknowledger.acks == [f"event-0-{o}" for o in range(6)] and h.crashes == []
    assert h.publisher.sent == [b"0/2", b"0/3", b"0/0", b"0/1", b"0/4", b"0/5"]
    assert [n for n, _ in h.delivered] == [2, 2, 1, 1]


def test_the_holes_of_a_batch_answered_in_parts_are_acknowledged_once_their_records_are_covered():
    h = Harness(reader=FakeReader({0: 10, 1: 0}))

    async def scenario():
        await h.flow.handle(*batch(13, 14))  # 10-12 re-read: five messages screened
        h.offload.answer_part(0, 2)
        await until(lambda: len(h.publisher.sent) == 2)
        early = list(h.acknowledger.acks)
        h.offload.answer_part(0, 2)
        await until(lambda: len(h.acknowledger.acks) == 4)
        h.offload.answer(0)
        await h.flow.wait_in_flight()
        return early

    early = asyncio.run(scenario())
    assert early == []  # two of the three re-read records: the hole is not yet covered
    assert h.acknowledger.acks == [("offset", 0, 10), ("offset", 0, 11), ("offset", 0, 12), "event-0-13", "event-0-14"]


def test_a_failure_after_part_of_a_batch_leaves_the_rest_unacknowledged():
    h = Harness()
    failure = RuntimeError("the screening process cannot work")

    async def scenario():
        await h.flow.handle(*batch(0, 1, 2))
        h.offload.answer_part(0, 1)
        await until(lambda: len(h.acknowledger.acks) == 1)
        h.offload.answer(0, failure)
        await h.flow.wait_in_flight()

    asyncio.run(scenario())
    assert h.acknowledger.acks == ["event-0-0"] and h.crashes == [failure]
