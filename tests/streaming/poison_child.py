"""A screening process that dies like a native crash (SIGSEGV) on any batch holding a POISON event,
hangs on any batch holding a HANG event, and raises (outside the per-event handling) on any batch
holding a RAISE event.

Stands in for an RDKit crash or endless loop on some molecule, which cannot be produced on purpose;
everything else is the real screening process (streaming.screening_process.child_main)."""

import os
import signal
import sys
import time

import pipeline.batch as streaming
from streaming.screening_process import child_main

_screen = streaming.process_batch


def process_batch_or_die(messages, screener, now=None, **options):
    if any(m.value and b"POISON" in m.value for m in messages):
        os.kill(os.getpid(), signal.SIGSEGV)
    if any(m.value and b"HANG" in m.value for m in messages):
        time.sleep(3600)
    if any(m.value and b"RAISE" in m.value for m in messages):
        raise ValueError("Consignor Ltd shipped RAISE")  # a message quoting the event
    return _screen(messages, screener, now, **options)


streaming.process_batch = process_batch_or_die
sys.exit(child_main())
