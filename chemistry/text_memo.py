"""Readings of texts remembered per text, within a bound on entries and on the texts' length.

What is read from a declaration's words alone (a name's trade words, dose forms, bulk packs, names inside a
description) is the same each time the words come back, and a few hundred names and descriptions come back under
thousands of declarations. The name readings (chemistry/resolve.py) also ask the same piece of a long name again
from each reading they try. Such readings are remembered per text so that memory stays bounded whatever is
declared: at most TEXT_MEMO_ENTRIES texts of TEXT_MEMO_MAX_CHARS characters (4 bytes each at worst) per memo, with
their readings, about 16 MB per memo at worst and far less for real names, outside the screening caches' budget
(PRECWATCH_CACHE_MAX_MB, pipeline/caches.py). The memos are made at import, a fixed few (_MEMOS keeps each).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

TEXT_MEMO_ENTRIES = 2048
TEXT_MEMO_MAX_CHARS = 1000

R = TypeVar("R")

# Every memo made here, so that a benchmark can time a reading cold (clear_text_memos).
_MEMOS: list = []


def remember_per_text(function: Callable[..., R]) -> Callable[..., R]:
    """``function`` of texts (str or None; a pure function of them), remembered for the last
    TEXT_MEMO_ENTRIES calls whose texts are at most TEXT_MEMO_MAX_CHARS characters together; longer texts
    are read afresh each time."""
    remembered = lru_cache(maxsize=TEXT_MEMO_ENTRIES)(function)

    @wraps(function)
    def call(*texts: str | None) -> R:
        if sum(len(t) for t in texts if t) > TEXT_MEMO_MAX_CHARS:
            return function(*texts)
        return remembered(*texts)

    call.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    call.cache_info = remembered.cache_info  # type: ignore[attr-defined]
    _MEMOS.append(remembered)
    return call


def clear_text_memos() -> None:
    """Forget every reading remembered per text (benchmarks that time a first reading)."""
    for memo in _MEMOS:
        memo.cache_clear()
