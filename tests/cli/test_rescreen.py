"""`precwatch rescreen` against the real embedded broker: after a watchlist change it publishes exactly
the new or more severe flags, a second run adds nothing, and an interrupted run resumes."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from types import SimpleNamespace

import orjson
import pytest
from kafka import KafkaProducer, TopicPartition

from chemistry.watchlist import WATCHLIST_CSV, load_watchlist
from cli.commands import screen_files
from cli.preflight import connect_options
from cli.rescreen import (
    RANK,
    PublishedFlags,
    RescreenWindow,
    read_published_flags,
    rescreen,
    rescreen_group,
    select_news,
)
from devtools.local import isolated_env
from pipeline.chunks import ChunkResult
from pipeline.settings import Settings
from tests.agents.conftest import consume, consume_to_end, with_env

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"
# Listed since the flags on the topic were raised: designer precursors and a fentanyl precursor.
NEWLY_LISTED = ("DES-2-BROMOVALEROPHENONE", "DES-P2NP", "EU1-BOC-4-AP")


def watchlists_before(directory: Path, newly_listed: str | tuple[str, ...]):
    """(old CSV path, old watchlist, current watchlist): the old one lacks the rows of newly_listed."""
    rows = WATCHLIST_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    old_path = directory / "old.csv"
    old_path.write_text("".join(r for r in rows if not r.startswith(newly_listed)), encoding="utf-8")
    return old_path, load_watchlist(old_path), load_watchlist()


@pytest.fixture(scope="module")
def watchlists(tmp_path_factory):
    return watchlists_before(tmp_path_factory.mktemp("watchlist"), NEWLY_LISTED)


def offline_flags(watchlist) -> list[dict]:
    out = io.BytesIO()
    screen_files([str(EXAMPLES)], out, io.BytesIO(), watchlist, progress=False)
    return [orjson.loads(line) for line in out.getvalue().splitlines()]


def expected_retro_ids(old: list[dict], current: list[dict]) -> set[str]:
    """The flags the current watchlist raises that are new or more severe than the old ones."""
    before = {(f["event_id"], f["item_line"]): RANK[f["severity"]] for f in old}
    return {f["flag_id"] for f in current if RANK[f["severity"]] > before.get((f["event_id"], f["item_line"]), -1)}


def history(broker_url: str, old_flags: list[dict]) -> dict[str, str]:
    """Fresh topics holding the example stream and the flags a worker raised on it with the old watchlist."""
    from streaming.kafka import ensure_topics

    env = isolated_env(broker_url, f"rescreen-{uuid.uuid4().hex[:8]}")
    settings = Settings.from_env(env)
    ensure_topics(settings)
    assert with_env(env, ["produce", str(EXAMPLES)]) == 0
    producer = KafkaProducer(**connect_options(settings))
    for flag in old_flags:
        producer.send(settings.topic_flags, key=flag["declaration_id"].encode(), value=orjson.dumps(flag))
    producer.flush()
    producer.close()
    return env


def retro_flags(env: dict[str, str], total: int, timeout_s: float = 120) -> list[dict]:
    """The retro flags among the first ``total`` records of the flags topic (read until there are that
    many: the bound is for a run that never publishes them)."""
    records = consume(env, "PRECWATCH_TOPIC_FLAGS", lambda ms: len(ms) >= total, timeout_s=timeout_s)
    return [f for f in (orjson.loads(r.value) for r in records) if f.get("retro")]


def every_retro_flag(env: dict[str, str]) -> list[dict]:
    """The retro flags on the flags topic, read to its end: once the run that publishes them has
    returned (it flushes before), nothing more is on its way, so no wait for a record that must not come."""
    records, read = consume_to_end(env, "PRECWATCH_TOPIC_FLAGS", 120)
    assert read, "the flags topic was not read to its end within 120 s"
    return [f for f in (orjson.loads(r.value) for r in records) if f.get("retro")]


def test_a_rescreen_after_a_watchlist_change_publishes_exactly_the_new_flags_and_a_second_run_nothing(
    broker_url, watchlists
):
    old_path, old, current = watchlists
    old_flags, current_flags = offline_flags(old), offline_flags(current)
    expected = expected_retro_ids(old_flags, current_flags)
    # The newly listed substances raise flags the old watchlist did not. (Not all of them: with OPSIN,
    # the old watchlist already flags the bromovalerophenone declared by its systematic name, by family.)
    assert len(expected) >= 1
    env = history(broker_url, old_flags)
    settings = Settings.from_env(env)

    first = rescreen(settings, current, "1h", jobs=2)
    assert first.complete and first.jobs == 2 and first.published == len(expected)
    assert first.records == len(EXAMPLES.read_bytes().splitlines())  # every record of the window, each once
    retro = retro_flags(env, len(old_flags) + len(expected))
    assert {f["flag_id"] for f in retro} == expected and len(retro) == len(expected)
    assert {f["watchlist_version"] for f in retro} == {current.version}

    again = rescreen(settings, current, "1h", jobs=1)  # the same command: resumes at the end
    assert again.resumed and again.published == 0
    wider = rescreen(settings, current, "2h", jobs=1)  # another window: screens everything again
    assert not wider.resumed and wider.events == first.events and wider.published == 0
    assert len(every_retro_flag(env)) == len(expected)  # nothing more on the topic


def test_an_interrupted_rescreen_resumes_where_it_stopped(broker_url, watchlists, capsys):
    old_path, old, current = watchlists
    old_flags = offline_flags(old)
    expected = expected_retro_ids(old_flags, offline_flags(current))
    env = history(broker_url, old_flags)
    settings = Settings.from_env(env)

    stopped = rescreen(settings, current, "1h", jobs=1, max_records=100, chunk_records=50)
    assert not stopped.complete and 100 <= stopped.records < 300
    # The command, with the current watchlist as a file: it goes on from the committed offsets.
    argv = ["rescreen", "--since", "1h", "--watchlist", str(WATCHLIST_CSV), "--jobs", "1"]
    assert with_env(env, argv) == 0
    report = capsys.readouterr().err
    assert "(resumed)" in report and "complete" in report
    retro = retro_flags(env, len(old_flags) + len(expected))
    assert sorted(f["flag_id"] for f in retro) == sorted(expected)  # each once, none missing


def test_a_rescreen_needs_a_since_it_can_read(broker_url):
    env = isolated_env(broker_url, f"rescreen-{uuid.uuid4().hex[:8]}")
    assert with_env(env, ["rescreen", "--since", "last tuesday"]) == 2


# -- the pure parts ---------------------------------------------------------------------------------------
def flag_line(flag_id: str, severity: str, event_id: str = "e1", item_line: int = 1) -> bytes:
    return orjson.dumps(
        {
            "flag_id": flag_id,
            "event_id": event_id,
            "item_line": item_line,
            "severity": severity,
            "declaration_id": "d1",
            "watchlist_version": "v2",
            "retro": True,
        }
    )


def test_only_flags_new_or_more_severe_for_their_item_are_selected():
    published = read_published_flags(
        iter([flag_line("old-1", "medium"), b"not a flag", None, flag_line("old-2", "low", item_line=2)])
    )
    lines = [
        flag_line("new-1", "medium"),  # as severe as before: nothing new
        flag_line("new-2", "high", item_line=2),  # more severe
        flag_line("old-2", "critical", item_line=2),  # an id already published
        flag_line("new-3", "info", event_id="e2"),  # an item without a flag before
        flag_line("new-4", "info", event_id="e2"),  # the same item again in this run
    ]
    chosen = select_news(ChunkResult(output=b"\n".join(lines) + b"\n"), published)
    assert [orjson.loads(value)["flag_id"] for _, value, _ in chosen] == ["new-2", "new-3"]
    assert all(("retro", b"true") in headers and key == b"d1" for key, _, headers in chosen)


def test_the_same_command_has_the_same_group_and_another_window_or_watchlist_another():
    settings = Settings()
    assert rescreen_group(settings, "v2", "7d") == rescreen_group(settings, "v2", " 7d ")
    assert (
        len(
            {
                rescreen_group(settings, "v2", "7d"),
                rescreen_group(settings, "v2", "8d"),
                rescreen_group(settings, "v3", "7d"),
            }
        )
        == 3
    )


def test_published_flags_keep_the_most_severe_per_item():
    published = PublishedFlags({}, set())
    published.add("a", "e", 1, "high")
    published.add("b", "e", 1, "low")
    assert not published.is_news("c", "e", 1, "high") and published.is_news("c", "e", 1, "critical")


class FakeConsumer:
    """Hands out scripted poll results (one dict per poll, then nothing) and records pauses."""

    def __init__(self, polls: list[dict]):
        self.polls = list(polls)
        self.paused: list = []

    def poll(self, timeout_ms: int, max_records: int) -> dict:
        return self.polls.pop(0) if self.polls else {}

    def pause(self, tp) -> None:
        self.paused.append(tp)


def records(partition: int, *stamps_at: tuple[int, int]) -> list[SimpleNamespace]:
    """(offset, timestamp ms) pairs as Kafka records of one partition."""
    return [SimpleNamespace(partition=partition, offset=o, timestamp=t, value=b"%d" % o) for o, t in stamps_at]


def test_the_window_skips_what_is_older_stops_at_what_is_newer_and_commits_past_what_it_read():
    tp0, tp1 = TopicPartition("tx", 0), TopicPartition("tx", 1)
    consumer = FakeConsumer(
        [
            {tp0: records(0, (0, 50), (1, 150), (2, 160)), tp1: records(1, (0, 120))},
            {tp0: records(0, (3, 170), (4, 300), (5, 180))},  # 4 was stamped after the run started
            {tp1: records(1, (1, 190))},
        ]
    )
    window = RescreenWindow(consumer, [tp0, tp1], since_ms=100, until_ms=250, chunk_records=3, idle_polls=2)
    chunks = list(window.chunks())
    offsets = [[(r.partition, r.offset) for r in chunk] for chunk, _ in chunks]
    assert offsets == [[(0, 1), (0, 2), (1, 0)], [(0, 3), (1, 1)]]  # the second when the topic ran dry
    # After each chunk: everything read so far, the record older than the window included; never the
    # record stamped after the start (the next run begins there), nor anything behind it.
    assert [commit for _, commit in chunks] == [{0: 3, 1: 1}, {0: 4, 1: 2}]
    assert consumer.paused == [tp0] and window.complete
    assert (window.records, window.skipped_before_since) == (5, 1)


def test_the_window_stops_after_the_chunk_that_reaches_max_records():
    tp0 = TopicPartition("tx", 0)
    consumer = FakeConsumer([{tp0: records(0, *((o, 100 + o) for o in range(i, i + 2)))} for i in range(0, 10, 2)])
    window = RescreenWindow(consumer, [tp0], since_ms=0, until_ms=10**6, chunk_records=2, max_records=3)
    chunks = list(window.chunks())
    assert [len(chunk) for chunk, _ in chunks] == [2, 2] and chunks[-1][1] == {0: 4}
    assert not window.complete


def test_records_only_read_past_are_committed_past_too():
    tp0 = TopicPartition("tx", 0)
    consumer = FakeConsumer([{tp0: records(0, (0, 10), (1, 20))}])  # all older than the window
    chunks = list(RescreenWindow(consumer, [tp0], since_ms=100, until_ms=1000, chunk_records=5).chunks())
    assert chunks == [([], {0: 2})]
