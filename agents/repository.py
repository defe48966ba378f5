"""Repository agent: sightings keyed by structure key -> information-repository records with first-seen time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.batch import stamp_sightings
from pipeline.routing import route
from streaming.publish import OutputPublisher

if TYPE_CHECKING:
    import faust

    from streaming.runtime import Runtime


def register(app: faust.App, runtime: Runtime) -> None:
    s = runtime.settings
    sightings = app.topic(s.topic_sightings, value_serializer="raw", key_serializer="raw")
    topic_of = {"repository": s.topic_repository, "dead_letters": s.topic_dead_letters}
    app.topic(s.topic_repository, value_serializer="raw", key_serializer="raw")  # declared, so Faust creates it
    publisher = OutputPublisher(app, topic_of, s.producer_max_batch_bytes)
    # Structure key -> earliest sighting (ISO time). The changelog partition comes from the key
    # (use_partitioner), which matches the sightings topic's partition for that key.
    first_seen = app.Table(
        "precwatch-first-seen",
        default=None,
        partitions=s.partitions,
        key_type=bytes,
        value_type=bytes,
        use_partitioner=True,
    )

    @app.agent(sightings, name="precwatch-repository")
    async def record(stream) -> None:
        await runtime.guard("precwatch-repository", _record(stream))

    async def _record(stream) -> None:
        view = _TableView(first_seen)
        async for events in stream.take_events(s.batch_size, within=s.batch_within_s):
            # A message that cannot be read becomes a dead letter; the rest of the batch goes on.
            out = [message for event in events for message in stamp_sightings(event.message, view)]
            route(out, await publisher.partition_counts())
            # Delivered before take_events acks the batch: a sighting's offset is never committed
            # before its records are written.
            await publisher.send(out)


class _TableView:
    """dict-like access to a raw-serialised Faust table (bytes on the wire, str in code)."""

    def __init__(self, table) -> None:
        self.table = table

    def get(self, key: str) -> str | None:
        value = self.table.get(key.encode())
        return value.decode() if value else None

    def __setitem__(self, key: str, value: str) -> None:
        self.table[key.encode()] = value.encode()
