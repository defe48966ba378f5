import asyncio

import faust

from streaming.linger import linger_when_idle


class FakeStream:
    """What linger_when_idle uses of a Faust stream: its channel's queue and add_processor."""

    def __init__(self) -> None:
        self.channel = type("Channel", (), {"queue": asyncio.Queue()})()
        self.processors = []

    def add_processor(self, processor) -> None:
        self.processors.append(processor)


def test_a_stream_lingers_only_when_its_queue_has_run_dry():
    slept = []

    async def sleep(seconds):
        slept.append(seconds)

    async def run():
        stream = FakeStream()
        linger_when_idle(stream, 0.002, sleep)
        (linger,) = stream.processors
        assert await linger("a") == "a"
        stream.channel.queue.put_nowait("next")  # Faust has handed over another one already
        assert await linger("b") == "b"

    asyncio.run(run())
    assert slept == [0.002]  # only for the event after which the queue was empty


def test_zero_turns_lingering_off():
    stream = FakeStream()
    linger_when_idle(stream, 0)
    assert stream.processors == []


def test_a_faust_stream_has_the_public_queue_and_processors_used():
    app = faust.App(f"linger-{id(object())}", broker="kafka://127.0.0.1:9", web_enabled=False)
    stream = app.stream(app.channel())
    assert hasattr(stream.channel.queue, "empty")
    linger_when_idle(stream, 0.002)  # add_processor accepts it
