"""Repository agent: sightings -> the audit record of each sighting and one current record per substance.

The aggregation is pipeline/repository.py (pure); this keeps its state in a Faust table and sends.

The table ``precwatch-substances`` is keyed by substance key (InChIKey, or ``id:<kind>:<value>``)
and holds each substance's record and the ids of the sightings it counted; its changelog is the
compacted topic ``<group id>-precwatch-substances-changelog`` (Faust creates it), from which a
restarted worker, or the one a partition moves to, recovers it. The sightings topic is the
repartition: the screening stage writes each sighting to the partition the default partitioner
gives its substance key (pipeline/batch.py sightings_messages), and the table's changelog partition
comes from the key the same way (use_partitioner), so a substance's sightings and state are on one
partition whichever worker holds it. The batch protocol (holes read again and recorded first, records
delivered before offsets are acknowledged) is streaming/repository_flow.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.repository import RepositoryLimits, record_sightings
from streaming.compat import underlying_producer
from streaming.continuity import ReadAgain
from streaming.kafka import PartitionReader
from streaming.publish import OutputPublisher
from streaming.repository_flow import RepositoryFlow
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

    read_again = ReadAgain(app, PartitionReader(s), "sighting", runtime.offsets_reread)  # offsets the consumer skipped

    @app.agent(sightings, name="precwatch-repository")
    async def record(stream) -> None:
        await runtime.guard("precwatch-repository", _record(stream))

    async def _record(stream) -> None:
        view = _TableView(substances)
        changelog = substances.changelog_topic.get_topic_name()
        flow = RepositoryFlow(
            read_again=read_again,
            record=lambda messages: record_sightings(messages, view, limits),
            publisher=publisher,
            acknowledger=FaustAcknowledger(app.consumer, s.topic_sightings, stream),
            # A table write picks its changelog partition from the producer's metadata without waiting
            # for it (use_partitioner): a worker that starts on a backlog would fail on its first write
            # if the producer had not yet fetched the changelog topic. Cached once known.
            before_batch=lambda: underlying_producer(app).partitions_for(changelog),
            on_recorded=lambda out: runtime.metrics.repository_sightings.inc(
                sum(1 for m in out if m.role == "repository_sightings")
            ),
        )
        await flow.run(stream, s.batch_size, s.batch_within_s)


class _TableView:
    """The table keyed by str in code (bytes on the wire); values are the state's JSON bytes."""

    def __init__(self, table) -> None:
        self.table = table

    def get(self, key: str) -> bytes | None:
        return self.table.get(key.encode())

    def __setitem__(self, key: str, value: bytes) -> None:
        self.table[key.encode()] = value
