"""Baseline (a) for bench_stream.py: a Faust agent that does nothing, same broker and topic layout,
same embedded profile. Records when it saw the first and the N-th event."""

from __future__ import annotations

import os
import time

import faust

from streaming.compat import keep_every_fetched_record, set_fetch_max_wait
from streaming.profiles import EMBEDDED_FETCH_MAX_WAIT_MS, EMBEDDED_PROFILE

set_fetch_max_wait(EMBEDDED_FETCH_MAX_WAIT_MS)  # the same consumer tuning as the pipeline
keep_every_fetched_record()
TOPIC = os.environ["BENCH_TOPIC"]
TARGET = int(os.environ["BENCH_EVENTS"])
OUT = os.environ["BENCH_OUT"]

app = faust.App(
    os.environ.get("BENCH_GROUP", "bench-noop"),
    broker=os.environ["PRECWATCH_BROKER"],
    value_serializer="raw",
    key_serializer="raw",
    consumer_auto_offset_reset="earliest",
    web_enabled=False,
    **EMBEDDED_PROFILE,
)
source = app.topic(TOPIC, value_serializer="raw", key_serializer="raw")
state = {"n": 0, "first": 0.0}


@app.agent(source)
async def nothing(stream) -> None:
    async for _ in stream:
        state["n"] += 1
        if state["n"] == 1:
            state["first"] = time.time()
        if state["n"] == TARGET:
            with open(OUT, "w") as fh:
                fh.write(f"{state['first']} {time.time()}\n")
