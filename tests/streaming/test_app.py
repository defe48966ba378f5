"""The worker process's set-up in streaming/app.py (the app itself is exercised end to end in tests/agents)."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

from streaming.app import GC_OLDER_THRESHOLD, GC_YOUNG_THRESHOLD, tune_garbage_collector

ROOT = Path(__file__).resolve().parents[2]


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_the_tuned_collector_still_frees_cyclic_garbage_made_afterwards():
    before = gc.get_threshold()
    try:
        tune_garbage_collector()
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, GC_OLDER_THRESHOLD, GC_OLDER_THRESHOLD)
        assert gc.get_freeze_count() > 0  # what existed is left alone from now on
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_worker_module_tunes_the_collector_once_its_app_is_built():
    probe = "import gc, streaming.worker; print(*gc.get_threshold(), gc.get_freeze_count() > 0)"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert out == [str(GC_YOUNG_THRESHOLD), str(GC_OLDER_THRESHOLD), str(GC_OLDER_THRESHOLD), "True"]
