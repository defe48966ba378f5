"""The Faust internals the at-least-once measures rely on are there and behave as assumed."""

import faust
from faust.types import TP
from faust.types.tuples import Message

from streaming.compat import keep_every_fetched_record


def consumer_of_new_app():
    keep_every_fetched_record()
    app = faust.App(f"tuning-{id(object())}", broker="kafka://127.0.0.1:9", web_enabled=False)
    return app.consumer


def test_the_read_offset_filter_no_longer_drops_or_books_gaps():
    consumer = consumer_of_new_app()
    tp = TP("tx", 0)
    consumer._read_offset[tp] = 9920  # what Faust's fetch loop writes after handing over a record
    # Faust's fetch loop drops a record below this lookup and books a jump above it as a gap.
    assert consumer._read_offset[tp] is None


def offset_message(offset: int) -> Message:
    return Message("tx", 0, offset, 0.0, 0, None, None, None, None)


def test_re_read_offsets_acknowledged_once_let_commits_go_past_a_hole_in_one_step():
    consumer = consumer_of_new_app()
    consumer.app.topics._acking_topics.add("tx")  # as when an agent with acks subscribes to it
    tp = TP("tx", 0)
    consumer._committed_offset[tp] = 100
    for offset in (106, 107):  # acknowledged after a hole 100-105
        consumer.ack(offset_message(offset))
    assert consumer._new_offset(tp) is None  # the hole holds the partition back
    for offset in (*range(100, 106), 103, 106):  # the re-read hole, and offsets delivered twice
        consumer.ack(offset_message(offset))
    assert consumer._new_offset(tp) == 108  # all at once: no duplicate splits the run


def test_a_stream_lingers_only_when_its_queue_has_run_dry():
    import asyncio
    import time

    from streaming.compat import linger_when_idle

    app = faust.App(f"linger-{id(object())}", broker="kafka://127.0.0.1:9", web_enabled=False)
    stream = app.stream(app.channel())
    before = len(stream._processors)
    linger_when_idle(stream, 0)
    assert len(stream._processors) == before  # 0: off
    linger_when_idle(stream, 0.05)
    processor = stream._processors[-1]

    async def timed(value):
        started = time.perf_counter()
        assert await processor(value) == value
        return time.perf_counter() - started

    async def run():
        empty = await timed("a")
        stream.channel.queue.put_nowait("next")  # Faust has handed over another one already
        waiting = await timed("b")
        return empty, waiting

    empty, waiting = asyncio.run(run())
    assert empty >= 0.05 and waiting < 0.01
