"""Automatic retro-screening: `precwatch rescreen --on-watchlist-change`.

Follows the watchlist topic and, for every new watchlist version published there, re-screens the
retained transaction history (``retro_screening_window``) against it with cli/rescreen.py
``rescreen`` — the same run, the same "new or more severe" rule, the same deterministic flag ids —
so a version whose history has been screened once adds nothing when screened again.

Exactly one process per version: the follower reads the (single-partition) watchlist topic in a
consumer group of its own, ``<group id>.retro-screening``, so of several followers only the one the
partition is assigned to works; the others wait and take over if it stops. Its committed offset on
the watchlist topic is the progress between versions: a manifest's offset is committed once the
history has been screened against it. Within a version, ``rescreen`` commits its own progress
(consumer group per version and window), so a follower interrupted mid-run, or the one that takes
over, goes on where it stopped.

On every assignment the topic is read from its beginning: the manifests before the committed offset
rebuild the version in force without screening (the baseline; on a fresh group, the watchlist the
workers start with), those after it are the changes. Manifests are validated as workers validate
them (signatures, downgrades): a version workers would refuse is not screened against. When several
versions arrive before a run starts, only the newest is screened against: it is the one in force.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from chemistry.watchlist import Watchlist
from cli.preflight import broker_errors, connect_options, probe_broker
from cli.rescreen import RescreenSummary, rescreen, topic_records
from pipeline.live_watchlist import MANIFEST_KEY, apply_update
from pipeline.settings import Settings
from pipeline.watchlist_trust import WatchlistTrust
from streaming.metrics import RetroScreeningMetrics

log = logging.getLogger("precwatch.retro")
POLL_MS = 1000
# A run keeps its group membership alive between chunks (``keep_alive``); this bounds the one step
# that reports no progress: reading the whole flags topic before screening.
MAX_POLL_INTERVAL_MS = 30 * 60 * 1000
# How soon a stopped follower's partition moves to one standing by. The embedded broker also makes a
# member wait about half of it to join; Apache Kafka refuses less than 6 s by default.
SESSION_TIMEOUT_MS = {"embedded": 3000, "kafka": 10000}


def retro_screening_group(settings: Settings) -> str:
    """The consumer group that follows the watchlist topic: one member works, the others stand by."""
    return f"{settings.group_id}.retro-screening"


@dataclass(slots=True)
class VersionChanges:
    """The watchlist in force, from the manifests of the watchlist topic in order; ``see`` says what
    a manifest is: "changed" (a new version, now in force), "unchanged", "rejected" or "ignored"
    (an entry record: the manifest holds the whole watchlist)."""

    current: Watchlist
    trust: WatchlistTrust

    def see(self, key: bytes | None, value: bytes | None) -> str:
        if key != MANIFEST_KEY or value is None:
            return "ignored"
        watchlist, problem = apply_update(value, self.current, self.trust)
        if problem:
            log.warning("watchlist manifest rejected, %s stays in force: %s", self.current.version, problem)
            return "rejected"
        if watchlist is None:
            return "unchanged"
        self.current = watchlist
        return "changed"


def watchlist_in_force(settings: Settings, baseline: Watchlist, trust: WatchlistTrust) -> Watchlist:
    """The watchlist the workers hold in force: ``baseline`` (what they start with) updated by every
    manifest on the watchlist topic that they accept, in order (a rejected one changes nothing)."""
    versions = VersionChanges(baseline, trust)
    for key, value in topic_records(settings, settings.topic_watchlist):
        versions.see(key, value)
    return versions.current


class RescreenInterrupted(Exception):
    """Raised from a run's progress callback when the follower is asked to stop: the run's committed
    offsets are where the next run goes on."""


@dataclass(slots=True)
class FollowerState:
    """What the follower did, for its caller and its tests."""

    runs: list[RescreenSummary] = field(default_factory=list)
    assignments: int = 0


def follow_watchlist_changes(
    settings: Settings,
    baseline: Watchlist,
    trust: WatchlistTrust,
    jobs: int,
    *,
    stop: Callable[[], bool],
    metrics: RetroScreeningMetrics,
    state: FollowerState | None = None,
    max_records: int | None = None,
    chunk_records: int | None = None,
) -> FollowerState:
    """Follow the watchlist topic until ``stop()`` and retro-screen ``settings.retro_screening_window``
    of history against each new version (see the module). ``max_records`` stops a run after about
    that many records and then the follower itself, as an interruption would (for tests and trials)."""
    from kafka import ConsumerRebalanceListener, KafkaConsumer, TopicPartition
    from kafka.structs import OffsetAndMetadata

    state = state if state is not None else FollowerState()
    probe_broker(settings)
    consumer = KafkaConsumer(
        group_id=retro_screening_group(settings),
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_interval_ms=MAX_POLL_INTERVAL_MS,
        session_timeout_ms=SESSION_TIMEOUT_MS.get(settings.profile, SESSION_TIMEOUT_MS["kafka"]),
        heartbeat_interval_ms=SESSION_TIMEOUT_MS.get(settings.profile, SESSION_TIMEOUT_MS["kafka"]) // 10,
        metadata_max_age_ms=5000,  # the watchlist topic may be created after the follower starts,
        allow_auto_create_topics=False,  # by `precwatch watchlist publish` or a worker: compacted, one partition
        **connect_options(settings),
    )
    resume_at: dict[int, int] = {}  # partition -> committed offset: the first manifest that is a change
    versions = VersionChanges(baseline, trust)

    assigned_anew: list[bool] = []  # set by the listener, handled in the loop (no blocking call in a listener)

    class Replay(ConsumerRebalanceListener):
        def on_partitions_revoked(self, revoked) -> None:
            resume_at.clear()

        def on_partitions_assigned(self, assigned) -> None:
            state.assignments += 1
            assigned_anew.append(True)

    def replay() -> None:
        """Read the topic again from its beginning; the committed offset says where changes start."""
        assigned_anew.clear()
        versions.current = baseline
        for tp in consumer.assignment():
            resume_at[tp.partition] = consumer.committed(tp) or 0
            consumer.seek_to_beginning(tp)
        if resume_at:
            log.info("following watchlist changes on %s from offsets %s", settings.topic_watchlist, resume_at)

    def keep_alive(summary: RescreenSummary) -> None:
        metrics.run_records.set(summary.records)
        if stop():
            raise RescreenInterrupted
        assigned = consumer.assignment()
        consumer.pause(*assigned)
        consumer.poll(timeout_ms=0)  # group membership stays alive; nothing is fetched while paused
        consumer.resume(*(assigned & consumer.assignment()))
        if time.monotonic() - last_line[0] >= 10:
            last_line[0] = time.monotonic()
            log.info(
                "retro-screening against %s: %d records, %d new flags so far",
                summary.watchlist_version,
                summary.records,
                summary.published,
            )

    last_line = [0.0]
    with broker_errors(settings, "cannot follow the watchlist topic"):
        try:
            consumer.subscribe([settings.topic_watchlist], listener=Replay())
            while not stop():
                batch = consumer.poll(timeout_ms=POLL_MS)
                if assigned_anew:
                    replay()  # what this poll fetched came from the committed offsets: read again
                    continue
                target: Watchlist | None = None
                upto: dict[int, int] = {}
                for tp, records in batch.items():
                    for record in records:
                        outcome = versions.see(record.key, record.value)
                        if record.offset < resume_at.get(tp.partition, 0):
                            continue  # rebuilds the version in force; screened against before
                        upto[tp.partition] = record.offset + 1
                        if outcome == "ignored":
                            continue
                        metrics.count_manifest(outcome)
                        if outcome == "changed":
                            target = versions.current
                if target is None:
                    if upto:
                        consumer.commit(
                            {
                                TopicPartition(settings.topic_watchlist, p): OffsetAndMetadata(o, None, -1)
                                for p, o in upto.items()
                            }
                        )
                        resume_at.update(upto)
                    continue
                assignments = state.assignments
                summary = _run(settings, target, jobs, keep_alive, metrics, max_records, chunk_records)
                if summary is None:  # interrupted: the manifest stays uncommitted, the next run resumes
                    break
                state.runs.append(summary)
                if not summary.complete:
                    break
                if state.assignments != assignments:
                    continue  # the partition moved during the run: the loop replays the new assignment
                consumer.commit(
                    {
                        TopicPartition(settings.topic_watchlist, p): OffsetAndMetadata(o, None, -1)
                        for p, o in upto.items()
                    }
                )
                resume_at.update(upto)
        finally:
            consumer.close()
    return state


def _run(
    settings: Settings,
    watchlist: Watchlist,
    jobs: int,
    keep_alive: Callable[[RescreenSummary], None],
    metrics: RetroScreeningMetrics,
    max_records: int | None,
    chunk_records: int | None,
) -> RescreenSummary | None:
    """One retro-screening run against ``watchlist``; None when interrupted."""
    log.info(
        "watchlist %s published: retro-screening the last %s of transactions",
        watchlist.version,
        settings.retro_screening_window,
    )
    metrics.running.set(1)
    metrics.run_records.set(0)
    extra = {"chunk_records": chunk_records} if chunk_records else {}
    try:
        summary = rescreen(
            settings,
            watchlist,
            settings.retro_screening_window,
            jobs,
            max_records=max_records,
            progress=keep_alive,
            **extra,
        )
    except RescreenInterrupted:
        metrics.count_run("interrupted")
        log.info("retro-screening against %s interrupted: the next run goes on", watchlist.version)
        return None
    except Exception:
        metrics.count_run("failed")
        raise
    finally:
        metrics.running.set(0)
    metrics.count_run("complete" if summary.complete else "interrupted")
    metrics.records.inc(summary.records)
    metrics.published.inc(summary.published)
    metrics.run_records.set(summary.records)
    log.info("%s", summary.describe())
    return summary
