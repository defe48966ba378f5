"""Repository agent: sightings -> the audit record of each sighting and one current record per substance.

The aggregation is pipeline/repository.py (pure); this keeps its state in a Faust table and sends.

The table ``precwatch-substances`` is keyed by substance key (InChIKey, or ``id:<kind>:<value>``)
and holds each substance's record and the ids of the sightings it counted; its changelog is the
compacted topic ``<group id>-precwatch-substances-changelog`` (Faust creates it), from which a
restarted worker, or the one a partition moves to, recovers it. The sightings topic is the
repartition: the screening stage writes each sighting to the partition the default partitioner
gives its substance key (pipeline/batch.py sightings_messages), and the table's changelog partition
comes from the key the same way (use_partitioner), so a substance's sightings and state are on one
partition whichever worker holds it. Sightings the consumer skipped (holes: Faust can skip records it
fetched before a partition's stream took them) are read again and recorded first, their offsets
acknowledged before the batch's, as the screening stage does with its input (streaming/continuity.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.repository import RepositoryLimits, record_sightings
from pipeline.routing import route
from streaming.compat import underlying_producer
from streaming.continuity import ReadAgain
from streaming.kafka import PartitionReader
from streaming.publish import OutputPublisher
from streaming.screening_flow import FaustAcknowledger

if TYPE_CHECKING:
    import faust

    from streaming.runtime import Runtime

SUBSTANCES_TABLE = "precwatch-substances"


def register(app: faust.App, runtime: Runtime) -> None:
    s = runtime.settings
    if not s.repository:
        return
    limits = RepositoryLimits.from_settings(s)
    sightings = app.topic(s.topic_sightings, value_serializer="raw", key_serializer="raw")
    topic_of = {
        "repository": s.topic_repository,
        "repository_sightings": s.topic_repository_sightings,
        "dead_letters": s.topic_dead_letters,
    }
    # Declared, so Faust creates them; the repository topic is compacted (latest record per substance).
    app.topic(s.topic_repository, value_serializer="raw", key_serializer="raw", compacting=True)
    app.topic(s.topic_repository_sightings, value_serializer="raw", key_serializer="raw")
    publisher = OutputPublisher(app, topic_of, s.producer_max_batch_bytes)
    substances = app.Table(
        SUBSTANCES_TABLE,
        default=None,
        partitions=s.partitions,
        key_type=bytes,
        value_type=bytes,
        use_partitioner=True,
        help="Substance key -> its repository record and the ids of the sightings counted (pipeline/repository.py).",
    )

    holes = ReadAgain(app, PartitionReader(s), "sighting", runtime.offsets_reread)  # offsets the consumer skipped

    @app.agent(sightings, name="precwatch-repository")
    async def record(stream) -> None:
        await runtime.guard("precwatch-repository", _record(stream))

    async def _record(stream) -> None:
        view = _TableView(substances)
        changelog = substances.changelog_topic.get_topic_name()
        acknowledger = FaustAcknowledger(app.consumer, s.topic_sightings, stream)
        async for events in stream.take_events(s.batch_size, within=s.batch_within_s):
            # A table write picks its changelog partition from the producer's metadata without waiting
            # for it (use_partitioner): a worker that starts on a backlog would fail on its first write
            # if the producer had not yet fetched the changelog topic. Cached once known.
            await underlying_producer(app).partitions_for(changelog)
            messages, skipped = await holes.complete([event.message for event in events])
            # A message that cannot be read becomes a dead letter; the rest of the batch goes on.
            out = record_sightings(messages, view, limits)
            route(out, await publisher.partition_counts())
            # Delivered before take_events acks the batch, and the table's changelog is flushed before
            # Faust commits: a sighting's offset is never committed before its records and state are written.
            await publisher.send(out)
            for hole in skipped:  # before take_events acks the batch's own offsets (faust-streaming issue #606)
                acknowledger.ack_offsets(hole.partition, range(hole.start, hole.end))
            runtime.metrics.repository_sightings.inc(sum(1 for m in out if m.role == "repository_sightings"))


class _TableView:
    """The table keyed by str in code (bytes on the wire); values are the state's JSON bytes."""

    def __init__(self, table) -> None:
        self.table = table

    def get(self, key: str) -> bytes | None:
        return self.table.get(key.encode())

    def __setitem__(self, key: str, value: bytes) -> None:
        self.table[key.encode()] = value
