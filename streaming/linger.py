"""Fewer wake-ups per event for a stream that keeps up with its consumer (public Faust API only:
``Stream.add_processor`` and ``ChannelT.queue``, the queue Faust hands records over in)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


def linger_when_idle(stream: Any, seconds: float, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
    """Before an event is processed, wait ``seconds`` if it was the last one Faust had handed over.

    Faust hands records to a stream through a queue. A stream that keeps up finds the queue empty
    after every event and then waits on it with a fresh task and future per event; a stream behind
    its consumer takes event after event without waiting. The worker's event loop, not screening, is
    the pipeline's limit, and in steady state (screening caches warm) the screening agent keeps up,
    so it pays that wait on almost every event. Lingering briefly when the queue runs dry lets the
    consumer put a run of records in it first (PRECWATCH_STREAM_LINGER_S=0 turns it off, for
    comparison in benchmarks/bench_stream.py).
    """
    if seconds <= 0:
        return
    queue = stream.channel.queue

    async def linger(value: Any) -> Any:
        if queue.empty():
            await sleep(seconds)
        return value

    stream.add_processor(linger)
