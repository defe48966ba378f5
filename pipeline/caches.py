"""The screening engine's memory: one least-recently-used cache bounded by entries and by estimated bytes.

Resolutions, standardised structures, analyses and description look-ups are remembered because the
same chemicals are declared again and again. A stream of novel structures fills every cache, so each
entry is weighed (the memory its key's strings take and the molecule it keeps alive) and the least recently used
entries go once either bound is reached. A standardised structure that an entry names as the one it
``holds`` is counted once however many entries hold it (the spellings of a drawing, the declarations
that resolve to it), for as long as one of them is kept: counting it in each made the estimate several
times the real memory, and the cache then evicted (and recomputed) common chemicals long before memory
was anywhere near its bound. Other values are weighed in full by their callers. The per-atom figures come
from ``python benchmarks/cache_memory.py`` (see docs/performance.md): RDKit molecules cost far more
resident memory than their atoms suggest.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Hashable
from typing import Any

from chemistry.molecules import Standardised
from chemistry.text_memo import TEXT_MEMO_ENTRIES, TEXT_MEMO_MAX_CHARS, remember_per_text  # noqa: F401 (re-exported)

MOLECULE_BASE_BYTES = 16_384
MOLECULE_ATOM_BYTES = 640
ENTRY_BYTES = 512  # the dict slot, the tuple and the small Python objects of an entry


def molecule_bytes(std: Standardised | None) -> int:
    """Estimated resident memory of a standardised structure (0 for none)."""
    return 0 if std is None else MOLECULE_BASE_BYTES + MOLECULE_ATOM_BYTES * std.mol.GetNumAtoms()


def text_bytes(*texts: str | None) -> int:
    """The memory the texts take: a string holding one character beyond Latin-1 keeps every character in 2
    or 4 bytes, so its length in characters would undercount it up to four times (a declaration of long
    text with one emoji in it)."""
    return sum(sys.getsizeof(t) for t in texts if t)


class BoundedCache:
    """Values by key, least recently used evicted first, within ``max_entries`` and ``max_bytes``
    (weights as given by the caller, plus each structure the entries hold, counted once). A value
    heavier than the whole budget is returned without being kept."""

    __slots__ = ("_data", "_held", "_max_entries", "_max_bytes", "bytes")

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self._data: dict[Hashable, tuple[Any, int, Standardised | None]] = {}
        # id(structure) -> [structure, entries holding it, its weight]: the structure is kept alive by
        # those entries, so its id is not reused while it is here.
        self._held: dict[int, list] = {}
        self._max_entries = max_entries
        self._max_bytes = max_bytes
        self.bytes = 0

    def get(self, key: Hashable) -> Any | None:
        # Least recently used goes first: a hit moves the entry to the end of the eviction order, so
        # the common chemicals met at the start of a stream stay while one-off spellings and novel
        # structures come and go (first in, first out evicted the most used entries first).
        data = self._data
        found = data.pop(key, None)
        if found is None:
            return None
        data[key] = found
        return found[0]

    def put(self, key: Hashable, value: Any, weight: int, holds: Standardised | None = None) -> Any:
        """Keep ``value`` (weighing ``weight`` bytes besides ``holds``, a structure it keeps alive)."""
        weight += ENTRY_BYTES
        if weight + self._extra(holds) > self._max_bytes:
            return value
        old = self._data.pop(key, None)
        if old is not None:
            self._forget(old)
        data = self._data
        while data and (len(data) >= self._max_entries or self.bytes + weight + self._extra(holds) > self._max_bytes):
            self._forget(data.pop(next(iter(data))))
        data[key] = (value, weight, holds)
        self.bytes += weight
        if holds is not None:
            held = self._held.get(id(holds))
            if held is None:
                held = self._held[id(holds)] = [holds, 0, molecule_bytes(holds)]
                self.bytes += held[2]
            held[1] += 1
        return value

    def _extra(self, holds: Standardised | None) -> int:
        """What keeping ``holds`` adds: nothing when an entry holds it already."""
        return 0 if holds is None or id(holds) in self._held else molecule_bytes(holds)

    def _forget(self, entry: tuple[Any, int, Standardised | None]) -> None:
        self.bytes -= entry[1]
        holds = entry[2]
        if holds is not None:
            held = self._held[id(holds)]
            held[1] -= 1
            if not held[1]:
                del self._held[id(holds)]
                self.bytes -= held[2]

    def __len__(self) -> int:
        return len(self._data)

    def count(self, kind: str) -> int:
        """Entries whose key is tagged ``kind`` (keys are (kind, ...) tuples)."""
        return sum(1 for key in self._data if isinstance(key, tuple) and key and key[0] == kind)


class StructureMemo:
    """The identifier -> standardised structure part of a BoundedCache, with the interface that
    chemistry.resolve expects of its structure cache (``get_or_compute``)."""

    __slots__ = ("_cache", "hits", "misses")

    def __init__(self, cache: BoundedCache) -> None:
        self._cache = cache
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, raw: str, compute: Callable[[str], tuple]) -> tuple:
        """(standardised or None, reason, and for a SMILES string its drawing key) of ``raw``, an
        identifier tagged with its kind (chemistry.resolve)."""
        key = ("structure", raw)
        found = self._cache.get(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        value = compute(raw)
        return self._cache.put(key, value, text_bytes(raw, *value[2:]), holds=value[0])

    def drawing_of(self, smiles: str) -> str | None:
        """The drawing key of a SMILES string standardised before (chemistry.resolve
        ``standardise_spelling``), None when it was not (or is no longer) remembered or is unreadable.
        Never parses."""
        found = self._cache.get(("structure", "S:" + smiles))
        return found[2] if found is not None else None


# -- the garbage collector in a process that screens a batch ------------------------------------------
# Screening allocates many short-lived objects per event (the validated event, verdicts, flag documents;
# none of them in reference cycles), while the caches, the watchlist and the imported modules keep
# hundreds of thousands of long-lived ones. With the collector's defaults, a young-generation pass runs
# every few events and each full pass walks every long-lived object again, for no garbage found.
BATCH_YOUNG_THRESHOLD = 5000


def tune_collector_for_batch_screening() -> None:
    """For a process that screens a batch (``precwatch screen`` and its children): what exists now
    (modules, the watchlist) is left out of collections from here on, and the young generation is
    collected less often. Cycles are still collected; call once, when screening is about to start."""
    gc.freeze()
    gc.set_threshold(BATCH_YOUNG_THRESHOLD, 20, 100)
