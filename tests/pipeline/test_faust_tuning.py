"""The Faust internals the at-least-once measures rely on are there and behave as assumed."""

import asyncio

import faust
from faust.types import TP

from pipeline.faust_tuning import keep_every_fetched_record


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


def test_a_booked_hole_lets_commits_go_past_it_and_no_further():
    consumer = consumer_of_new_app()
    tp = TP("tx", 0)
    consumer._committed_offset[tp] = 100
    consumer._acked[tp].extend([106, 107])  # acknowledged after a hole 100-105 that was re-read
    assert consumer._new_offset(tp) is None  # without the booking: never committed again
    asyncio.run(consumer._add_gap(tp, 100, 105))
    assert consumer._new_offset(tp) == 108
