import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from chemistry.molecules import standardise_smiles
from pipeline.caches import (
    ENTRY_BYTES,
    BoundedCache,
    StructureMemo,
    molecule_bytes,
)
from pipeline.decode import decode_line
from pipeline.flags import flag_json
from pipeline.screening import item_memo_key
from tests.factories import make_event, make_screener

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_the_oldest_entries_go_first_when_the_entry_bound_is_reached():
    cache = BoundedCache(max_entries=2, max_bytes=1 << 20)
    for key in "abc":
        cache.put(key, key.upper(), 10)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (None, "B", "C") and len(cache) == 2


def test_the_oldest_entries_go_first_when_the_byte_bound_is_reached():
    cache = BoundedCache(max_entries=100, max_bytes=3 * (100 + ENTRY_BYTES))
    for n in range(5):
        cache.put(n, n, 100)
    assert [cache.get(n) for n in range(5)] == [None, None, 2, 3, 4]
    assert cache.bytes == 3 * (100 + ENTRY_BYTES)


def test_an_entry_read_again_goes_after_the_entries_not_read_since():
    cache = BoundedCache(max_entries=3, max_bytes=1 << 20)
    for key in "abc":
        cache.put(key, key.upper(), 10)
    assert cache.get("a") == "A"  # the common chemical of the first event, read again
    cache.put("d", "D", 10)
    assert (cache.get("a"), cache.get("b"), cache.get("c"), cache.get("d")) == ("A", None, "C", "D")
    assert cache.bytes == 3 * (10 + ENTRY_BYTES)


def test_a_value_heavier_than_the_budget_is_returned_but_not_kept():
    cache = BoundedCache(max_entries=100, max_bytes=10_000)
    cache.put("small", 1, 10)
    assert cache.put("huge", "value", 1_000_000) == "value"
    assert cache.get("huge") is None and cache.get("small") == 1  # nothing else was evicted for it


def test_putting_a_key_again_replaces_its_weight():
    cache = BoundedCache(max_entries=10, max_bytes=1 << 20)
    cache.put("k", 1, 100)
    cache.put("k", 2, 300)
    assert cache.get("k") == 2 and cache.bytes == 300 + ENTRY_BYTES and len(cache) == 1


def test_a_larger_molecule_weighs_more():
    small, _ = standardise_smiles("CCO")
    large, _ = standardise_smiles("C" * 100)
    assert molecule_bytes(None) == 0 < molecule_bytes(small) < molecule_bytes(large)


def test_the_structure_memo_counts_hits_and_computes_once():
    memo = StructureMemo(BoundedCache(100, 1 << 20))
    calls = []

    def compute(raw):
        calls.append(raw)
        return standardise_smiles(raw)

    first = memo.get_or_compute("CCO", compute)
    assert memo.get_or_compute("CCO", compute) is first and calls == ["CCO"]
    assert (memo.hits, memo.misses) == (1, 1)


def test_a_stream_of_novel_structures_and_long_descriptions_stays_within_the_cache_budget():
    screener = make_screener(cache_max_mb=1)
    for n in range(60):
        event = make_event({"smiles": "C" * (n + 40) + "O", "description": f"{n} " + "x" * 50_000})
        screener.screen_event_items(event)
    assert 0 < screener.cache.bytes <= 1 << 20
    assert screener.cache_sizes()["structure"] < 60  # the oldest were dropped


def test_a_structure_held_by_several_entries_is_counted_once_while_one_of_them_is_kept():
    std, _ = standardise_smiles("CC(=O)Cc1ccccc1")
    cache = BoundedCache(max_entries=2, max_bytes=1 << 20)
    cache.put("spelling 1", (std, ""), 10, holds=std)
    cache.put("spelling 2", (std, ""), 20, holds=std)
    assert cache.bytes == 10 + 20 + 2 * ENTRY_BYTES + molecule_bytes(std)
    cache.put("other", 1, 5)  # evicts spelling 1: spelling 2 still holds the structure
    assert cache.bytes == 20 + 5 + 2 * ENTRY_BYTES + molecule_bytes(std)
    cache.put("another", 2, 5)  # evicts spelling 2, the last holder
    assert cache.bytes == 5 + 5 + 2 * ENTRY_BYTES and cache.get("spelling 2") is None


def test_the_byte_bound_counts_a_new_structure_and_not_one_held_already():
    std, _ = standardise_smiles("CC(=O)Cc1ccccc1")
    budget = molecule_bytes(std) + 2 * (10 + ENTRY_BYTES)
    cache = BoundedCache(max_entries=100, max_bytes=budget)
    cache.put("a", (std, ""), 10, holds=std)
    cache.put("b", (std, ""), 10, holds=std)  # fits: the structure is counted already
    assert cache.get("a") is not None and cache.get("b") is not None and cache.bytes == budget
    other, _ = standardise_smiles("CCO")
    cache.put("c", (other, ""), 10, holds=other)  # a new structure: both holders of the first go
    assert cache.get("a") is None and cache.get("b") is None and cache.get("c") is not None
    assert cache.bytes == 10 + ENTRY_BYTES + molecule_bytes(other)


def test_counting_each_structure_once_changes_no_flag():
    """A screener whose caches keep what the example stream declares flags it exactly as one that
    keeps almost nothing (every look-up computed afresh)."""
    lines = (ROOT / "devtools" / "data" / "transactions.jsonl").read_bytes().splitlines()
    events = [d.event for d in (decode_line(n, line) for n, line in enumerate(lines, 1)) if d.event is not None]

    def flags(screener):
        return [
            flag_json(screener.flag_document(event, v, NOW))
            for event in events
            for v in screener.screen_event_verdicts(event)
            if v.severity is not None
        ]

    # Generous time budgets: on a loaded machine one screener could otherwise be cut short where the other is not.
    unhurried = {"unmask_time_budget_s": 60, "event_time_budget_s": 600}
    roomy, cramped = make_screener(**unhurried), make_screener(cache_size=100, cache_max_mb=1, **unhurried)
    assert flags(roomy) == flags(cramped) != []
    assert len(roomy.cache) > len(cramped.cache)


def test_text_is_weighed_by_the_memory_it_takes_not_its_characters():
    # One character beyond Latin-1 makes Python keep every character of the string in 2 or 4 bytes:
    # weighed by characters, such declarations would fill several times the cache's budget.
    screener = make_screener(cache_max_mb=1)
    items = []
    for n in range(30):
        event = make_event({"description": f"\U0001f600 {n} " + "x" * 50_000})
        screener.screen_event_items(event)
        items.append(event.items[0])
    held = [
        item.description
        for item in items
        if screener.cache.get(("description", item.description)) is not None
        or screener.cache.get(item_memo_key(item)) is not None
    ]
    assert held  # the newest are kept
    assert sum(sys.getsizeof(text) for text in held) <= screener.cache.bytes <= 1 << 20


def test_the_batch_collector_freezes_start_up_and_still_collects_garbage_cycles_within_bounds():
    # In a process of its own: the collector's state is the whole process's.
    probe = """
import gc, weakref
from pipeline.caches import BATCH_YOUNG_THRESHOLD, tune_collector_for_batch_screening

class Node:
    pass

tune_collector_for_batch_screening()
print(gc.get_freeze_count() > 0, gc.get_threshold()[0] == BATCH_YOUNG_THRESHOLD)
kept = []
first = Node(); first.me = first
alive = weakref.ref(first)
del first
baseline = len(gc.get_objects())
most = 0
for n in range(20 * BATCH_YOUNG_THRESHOLD):
    node = Node(); node.me = node  # a cycle that is garbage at once
    if n % 100 == 0:
        kept.append([n])  # and some survivors, as the memos keep
    if n % 1000 == 0:
        most = max(most, len(gc.get_objects()) - baseline)
print(alive() is None, most < 4 * BATCH_YOUNG_THRESHOLD)
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stdout
