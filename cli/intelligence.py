"""`precwatch intelligence seed`: past declarations into the stateful layer's trader history, without
flags (docs/intelligence.md, "A fresh deployment").

The states live in the worker's table and are made by the intelligence agent from the observations
topic, so a seed goes the same way: the file is screened here as a worker would screen it, each
event's observation is bundled (format 3) with ``"h": 1`` and published to the observations topic,
partitioned as the screening stage partitions it. The agent applies these observations to the states
(first seen, lots, signals raised in their windows) and publishes no follow-up flag for them; nothing
goes to the flags or repository topics.

`precwatch screen --follow-ups` (``FollowUps``): the observations of the run's own screening applied
to fresh states, and the follow-up flags they raise written after the screening flags.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import orjson

from pipeline.settings import Settings

if TYPE_CHECKING:
    from chemistry.watchlist import Watchlist
    from schemas.flags import Flag


@dataclass(slots=True)
class FileObservations:
    """What the files held, counted as their observations are read (iter_file_observations)."""

    observations: int = 0  # observations of precursor chemistry made
    events: int = 0  # events read (malformed lines are not events: they are left out)
    malformed: int = 0
    earliest: datetime | None = None  # event time of the earliest event read
    latest: datetime | None = None


# Observations held at once while seeding: each is kilobytes, and a seed may be a year of declarations,
# so they are bundled and published a chunk at a time rather than all read first. A chunk's last bundles
# per partition are smaller; the order within each partition is the input order either way.
SEED_CHUNK_OBSERVATIONS = 1000


def iter_file_observations(
    paths: Iterable[str], settings: Settings, found: FileObservations, watchlist: Watchlist | None = None
) -> Iterator[dict]:
    """The observations of every event of the files, in input order, screened as a worker screens
    them (``watchlist``, default the bundled one; these settings), one at a time; ``found`` counts what
    was read."""
    from chemistry.watchlist import load_watchlist
    from cli.commands import open_input
    from pipeline.decode import decode_lines, read_lines
    from pipeline.intelligence_observe import load_routes, observe_event
    from pipeline.screening import Screener

    screener = Screener(watchlist or load_watchlist(), settings)
    routes = load_routes(settings.routes_path)
    for path in paths:
        handle = open_input(path)
        try:
            for _, decoded in decode_lines(read_lines(handle), path):
                if decoded.event is None:
                    found.malformed += 1
                    continue
                event = decoded.event
                found.events += 1
                when = event.occurred_at.astimezone(UTC)
                found.earliest = when if found.earliest is None else min(found.earliest, when)
                found.latest = when if found.latest is None else max(found.latest, when)
                observation = observe_event(
                    event,
                    screener.screen_event_items(event),
                    routes,
                    screener.watchlist.version,
                    screener.structure_identity,
                )
                if observation is not None:
                    found.observations += 1
                    yield observation
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()


class FollowUps:
    """The consignment intelligence of a `precwatch screen --follow-ups` run: the observations its
    screening made (pipeline/chunks.py, in the jobs or in this process: the input is screened once),
    applied in input order to fresh states as one worker's stateful stage would apply them, a chunk at
    a time as the chunk's flags are written (cli/commands.py screen_files), so that no more than a
    chunk's observations is held. ``flags`` are the follow-up flags of the events applied so far: all
    of the input, or the part an interrupted run screened. Every event counts, whatever its date (no
    clock: the offline replay's rule)."""

    def __init__(self, settings: Settings, state_budget: int = 50_000):
        from cli.commands import remove_abandoned_part_directories
        from pipeline.intelligence import STATES_DIRECTORY_PREFIX, IntelligenceConfig, ObservationReplay, SpilledStates

        # The states a run killed outright left on disk (SIGKILL, out of memory: it could not remove them).
        remove_abandoned_part_directories(tempfile.gettempdir(), STATES_DIRECTORY_PREFIX)

        # The states too: one per party, held in memory they grew a file of new traders' run by some
        # kilobytes a party without bound; past a budget the least recently used wait on disk.
        self._replay = ObservationReplay(IntelligenceConfig.from_settings(settings), states=SpilledStates(state_budget))
        self.events = 0  # events screened whose observations (most have none) have been applied
        self.observations = 0
        # The follow-up flags raised, a JSON line each, until they are written after the screening
        # flags: held in memory, a file of new traders (a follow-up flag or two per event, each some
        # kilobytes as a Flag) grew the run by about 15 KB an event without bound (sixteenth session's
        # attack: 8,000 such events 353 MB, 2,000 169 MB).
        self._spool = tempfile.TemporaryFile(prefix="precwatch-follow-ups-")  # noqa: SIM115 (close(); unlinked at once)
        self.raised = 0

    def apply(self, lines: Iterable[bytes], events: int) -> None:
        """Apply the observations (JSON lines, as pipeline/chunks.py screen_lines writes them) of a chunk
        of ``events`` screened events, in their order."""
        from pipeline.intelligence_observe import observation_dicts

        for line in lines:
            if not line.strip():
                continue
            observation = orjson.loads(line)
            self.observations += 1
            for message in observation_dicts(observation):
                self._replay.apply(message)
            self._spool_flags()
        self.events += events

    def _spool_flags(self) -> None:
        for flag in self._replay.flags:
            self._spool.write(flag.model_dump_json().encode() + b"\n")
        self.raised += len(self._replay.flags)
        self._replay.flags.clear()

    def iter_flags(self, now: datetime) -> Iterator[Flag]:
        """The follow-up flags raised so far, in the order raised, stamped ``now`` like the run's other
        flags, read back one at a time."""
        from schemas.flags import Flag

        self._spool_flags()
        self._spool.flush()
        self._spool.seek(0)
        try:
            for line in itertools.islice(self._spool, self.raised):
                yield Flag.model_validate_json(line).model_copy(update={"screened_at": now})
        finally:
            self._spool.seek(0, 2)  # more may be applied and spooled after

    def flags(self, now: datetime) -> list[Flag]:
        """iter_flags as a list (tests; a run writes them one at a time)."""
        return list(self.iter_flags(now))

    def close(self) -> None:
        self._spool.close()
        self._replay.states.close()


def seed_messages(observations: list[dict], partitions: int) -> list:
    """The history bundles of the observations (OutMessage, each with its partition of the observations
    topic), as the screening stage would bundle them, marked as history."""
    from pipeline.intelligence_observe import observation_bundles

    return observation_bundles(observations, partitions, history=True)


def seed_history(settings: Settings, paths: list[str]) -> tuple[FileObservations, int]:
    """Screen the files and publish their observations as history, a chunk at a time as they are read
    (SEED_CHUNK_OBSERVATIONS): (what was read, messages published)."""
    from kafka import KafkaProducer

    from cli.preflight import broker_errors, connect_options
    from streaming.kafka import check_login

    check_login(settings, timeout_s=settings.connect_timeout_s)  # before the screening, which takes a while
    found = FileObservations()
    observations = iter_file_observations(paths, settings, found)
    first = list(itertools.islice(observations, SEED_CHUNK_OBSERVATIONS))
    if not first:
        return found, 0
    with broker_errors(settings, "cannot publish the history"):
        producer = KafkaProducer(linger_ms=5, **connect_options(settings))
    published = 0
    try:
        topic = settings.topic_observations
        with broker_errors(settings, "cannot publish the history"):
            partitions = len(producer.partitions_for(topic) or ()) or settings.partitions
        chunk = first
        while chunk:
            with broker_errors(settings, "cannot publish the history"):
                for m in seed_messages(chunk, partitions):
                    producer.send(topic, key=m.key, value=m.value, partition=m.partition, headers=m.headers)
                    published += 1
            chunk = list(itertools.islice(observations, SEED_CHUNK_OBSERVATIONS))
        with broker_errors(settings, "cannot publish the history"):
            producer.flush()
    finally:
        producer.close()
    return found, published
