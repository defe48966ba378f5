"""Repository agent: sightings keyed by structure key -> information-repository records with first-seen time."""

from __future__ import annotations

from pipeline.streaming import with_first_seen


def register(app, runtime) -> None:  # noqa: ANN001
    s = runtime.settings
    sightings = app.topic(s.topic_sightings, value_serializer="raw", key_serializer="raw")
    repository_name = s.topic_repository
    app.topic(repository_name, value_serializer="raw", key_serializer="raw")  # declared, so Faust creates it
    # Structure key -> earliest sighting (ISO time); co-partitioned with the sightings topic.
    first_seen = app.Table(
        "precwatch-first-seen", default=None, partitions=s.partitions, key_type=bytes, value_type=bytes
    )

    @app.agent(sightings, name="precwatch-repository")
    async def record(stream) -> None:  # noqa: ANN001
        # One event at a time: a Faust table is written inside the event's context (its changelog
        # partition). The record is queued on the producer; Faust flushes the producer before it
        # commits the acked offsets, so a sighting's offset is never committed before its record.
        view = _TableView(first_seen)
        async for event in stream.events():
            key, value = with_first_seen(event.value, view)
            await app.producer.send(repository_name, key, value, partition=None, timestamp=None, headers=None)


class _TableView:
    """dict-like access to a raw-serialised Faust table (bytes on the wire, str in code)."""

    def __init__(self, table) -> None:  # noqa: ANN001
        self.table = table

    def get(self, key: str) -> str | None:
        value = self.table.get(key.encode())
        return value.decode() if value else None

    def __setitem__(self, key: str, value: str) -> None:
        self.table[key.encode()] = value.encode()
