"""Fakes of the Faust surfaces an agent's batch protocol touches, around Faust's own consumer.

The consumer is Faust's (from an app that never connects): acknowledgements land in its bookkeeping
and ``committed_offset`` asks it what it would commit (``_new_offset``, faust-streaming issue #606:
before a partition's first commit, the first run of consecutive acknowledged offsets). The stream
hands over batches of events as Faust's ``take_events`` and ``noack_take`` do, acknowledging through
the consumer as ``Stream.ack`` does.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Sequence
from types import SimpleNamespace

import faust
from faust.types import TP
from faust.types.tuples import Message

TIMESTAMP_MS = 1_700_000_000_000


def new_app(topic: str) -> faust.App:
    app = faust.App(f"fakes-{id(object())}", broker="kafka://127.0.0.1:9", web_enabled=False)
    app.topics._acking_topics.add(topic)  # as when an agent subscribes to the topic
    return app


def record(topic: str, partition: int, offset: int, value: bytes, key: bytes | None = None) -> Message:
    """A record as Faust hands it over (event.message)."""
    return Message(topic, partition, offset, TIMESTAMP_MS / 1000, 0, None, key, value, None)


def committed_offset(app: faust.App, topic: str, partition: int) -> int | None:
    """What Faust's consumer would commit for a partition never committed before (None: nothing)."""
    return app.consumer._new_offset(TP(topic, partition))


class FakeStream:
    """Batches of events given by the test, handed over as Faust's stream does.

    ``take_events`` acknowledges each batch's events in a ``finally`` after its ``yield``, as Faust's
    does (faust/streams.py): after the caller's loop body, and also when the generator is closed
    after the body failed (Faust's Stream.on_stop closes it, and CPython finalizes it at once).
    ``noack_take`` acknowledges nothing."""

    def __init__(self, app: faust.App, batches: Sequence[Sequence[Message]]) -> None:
        self._consumer = app.consumer
        self._batches = [[SimpleNamespace(message=m) for m in batch] for batch in batches]
        self._active: weakref.WeakSet = weakref.WeakSet()

    async def ack(self, event) -> None:
        self._consumer.ack(event.message)

    def take_events(self, max_: int, within: float):
        agen = self._take(acknowledge=True)
        self._active.add(agen)
        return agen

    def noack_take(self, max_: int, within: float):
        agen = self._take(acknowledge=False)
        self._active.add(agen)
        return agen

    async def _take(self, acknowledge: bool):
        for events in self._batches:
            try:
                yield list(events)
            finally:
                if acknowledge:
                    for event in events:
                        await self.ack(event)

    async def stop(self) -> None:
        """Time passing, then Faust's Stream.on_stop: a batch generator its caller left (its loop failed)
        is finalized by the interpreter, which schedules its ``aclose`` on the event loop; the loop runs
        it; then the generators still open are closed."""
        for _ in range(3):
            await asyncio.sleep(0)
        for agen in list(self._active):
            await agen.aclose()


class FakeReader:
    """The standalone reader of holes (streaming/kafka.py PartitionReader) over the topic's records."""

    def __init__(self, records: Sequence[Message], committed: dict[int, int]) -> None:
        self._records = records
        self._committed = committed
        self.reads: list[tuple[int, int, int]] = []
        self.closed = False

    async def starting_offsets(self, topic, partitions):
        return {p: self._committed[p] for p in partitions}

    async def read(self, topic, partition, start, end):
        self.reads.append((partition, start, end))
        return [
            SimpleNamespace(
                value=r.value, key=r.key, topic=r.topic, partition=r.partition, offset=r.offset, timestamp=TIMESTAMP_MS
            )
            for r in self._records
            if r.partition == partition and start <= r.offset < end
        ]

    async def close(self) -> None:
        self.closed = True


class FakePublisher:
    """streaming/publish.py OutputPublisher: what it delivered, in order; ``fail`` makes sending raise."""

    def __init__(self, roles: Sequence[str], fail: bool = False) -> None:
        self._roles = roles
        self.fail = fail
        self.sent: list = []

    async def partition_counts(self):
        return {role: 1 for role in self._roles}

    async def send(self, messages):
        if self.fail:
            raise ConnectionError("broker gone")
        self.sent.extend(messages)
