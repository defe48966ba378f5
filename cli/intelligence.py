"""`precwatch intelligence seed`: past declarations into the stateful layer's trader history, without
flags (docs/intelligence.md, "A fresh deployment").

The states live in the worker's table and are made by the intelligence agent from the observations
topic, so a seed goes the same way: the file is screened here as a worker would screen it, each
event's observation is bundled (format 3) with ``"h": 1`` and published to the observations topic,
partitioned as the screening stage partitions it. The agent applies these observations to the states
(first seen, lots, signals raised in their windows) and publishes no follow-up flag for them; nothing
goes to the flags or repository topics.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

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


def follow_up_flags_of_files(paths: list[str], settings: Settings, watchlist: Watchlist, now: datetime) -> list[Flag]:
    """The follow-up flags the consignment intelligence raises over the files' events applied in input
    order to fresh states, as one worker's stateful stage would (``precwatch screen --follow-ups``),
    stamped ``now`` like the run's other flags. Every event counts, whatever its date (no clock: the
    offline replay's rule)."""
    from pipeline.intelligence import IntelligenceConfig, replay_observations
    from pipeline.intelligence_observe import observation_dicts

    # applied as they are read: the observations are not all held at once (kilobytes each)
    observations = iter_file_observations(paths, settings, FileObservations(), watchlist)
    messages = (m for observation in observations for m in observation_dicts(observation))
    flags, _ = replay_observations(messages, IntelligenceConfig.from_settings(settings))
    return [f.model_copy(update={"screened_at": now}) for f in flags]


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
