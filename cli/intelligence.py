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

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pipeline.settings import Settings

if TYPE_CHECKING:
    from chemistry.watchlist import Watchlist
    from schemas.flags import Flag


@dataclass(slots=True)
class FileObservations:
    observations: list[dict]  # in input order
    events: int  # events read (malformed lines are not events: they are left out)
    malformed: int
    earliest: datetime | None  # event time of the earliest event read
    latest: datetime | None


def observe_files(paths: Iterable[str], settings: Settings, watchlist: Watchlist | None = None) -> FileObservations:
    """The observations of every event of the files, in input order, screened as a worker screens
    them (``watchlist``, default the bundled one; these settings)."""
    from chemistry.watchlist import load_watchlist
    from cli.commands import open_input
    from pipeline.decode import decode_lines, read_lines
    from pipeline.intelligence_observe import load_routes, observe_event
    from pipeline.screening import Screener

    screener = Screener(watchlist or load_watchlist(), settings)
    routes = load_routes(settings.routes_path)
    found = FileObservations([], 0, 0, None, None)
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
                    found.observations.append(observation)
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()
    return found


def follow_up_flags_of_files(paths: list[str], settings: Settings, watchlist: Watchlist, now: datetime) -> list[Flag]:
    """The follow-up flags the consignment intelligence raises over the files' events applied in input
    order to fresh states, as one worker's stateful stage would (``precwatch screen --follow-ups``),
    stamped ``now`` like the run's other flags. Every event counts, whatever its date (no clock: the
    offline replay's rule)."""
    from pipeline.intelligence import IntelligenceConfig, replay_observations
    from pipeline.intelligence_observe import observation_dicts

    found = observe_files(paths, settings, watchlist)
    messages = [m for observation in found.observations for m in observation_dicts(observation)]
    flags, _ = replay_observations(messages, IntelligenceConfig.from_settings(settings))
    return [f.model_copy(update={"screened_at": now}) for f in flags]


def seed_messages(observations: list[dict], partitions: int) -> list:
    """The history bundles of the observations (OutMessage, each with its partition of the observations
    topic), as the screening stage would bundle them, marked as history."""
    from pipeline.intelligence_observe import observation_bundles

    return observation_bundles(observations, partitions, history=True)


def seed_history(settings: Settings, paths: list[str]) -> tuple[FileObservations, int]:
    """Screen the files and publish their observations as history: (what was read, messages published)."""
    from kafka import KafkaProducer

    from cli.preflight import broker_errors, connect_options
    from streaming.kafka import check_login

    check_login(settings, timeout_s=settings.connect_timeout_s)  # before the screening, which takes a while
    found = observe_files(paths, settings)
    if not found.observations:
        return found, 0
    with broker_errors(settings, "cannot publish the history"):
        producer = KafkaProducer(linger_ms=5, **connect_options(settings))
    try:
        with broker_errors(settings, "cannot publish the history"):
            topic = settings.topic_observations
            partitions = len(producer.partitions_for(topic) or ()) or settings.partitions
            messages = seed_messages(found.observations, partitions)
            for m in messages:
                producer.send(topic, key=m.key, value=m.value, partition=m.partition, headers=m.headers)
            producer.flush()
    finally:
        producer.close()
    return found, len(messages)
