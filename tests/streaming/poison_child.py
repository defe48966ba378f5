"""A screening process that dies like a native crash (SIGSEGV) on any batch holding a POISON event,
hangs on any batch holding a HANG event, raises (outside the per-event handling) on any batch
holding a RAISE event, and takes SLOW_EVENT_S seconds (default 0.3) over each SLOW event.

Stands in for an RDKit crash or endless loop on some molecule, which cannot be produced on purpose;
everything else is the real screening process (streaming.screening_process.child_main)."""

import os
import signal
import sys
import time

import pipeline.batch as streaming
from streaming.screening_process import child_main

_parts = streaming.process_batch_parts
_message = streaming.process_message


def process_batch_parts_or_die(messages, screener, now=None, partitions=None, part_budget_s=None, **options):
    if any(m.value and b"POISON" in m.value for m in messages):
        os.kill(os.getpid(), signal.SIGSEGV)
    if any(m.value and b"HANG" in m.value for m in messages):
        time.sleep(3600)
    if any(m.value and b"RAISE" in m.value for m in messages):
        raise ValueError("Consignor Ltd shipped RAISE")  # a message quoting the event
    return _parts(messages, screener, now, partitions, part_budget_s, **options)


def process_message_slowly(msg, *args):
    if msg.value and b"SLOW" in msg.value:
        time.sleep(float(os.environ.get("SLOW_EVENT_S", "0.3")))
    return _message(msg, *args)


streaming.process_batch_parts = process_batch_parts_or_die
streaming.process_message = process_message_slowly
sys.exit(child_main())
