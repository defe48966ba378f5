"""Kafka client configuration from Settings (TLS and SASL from the environment) and topic set-up."""

from __future__ import annotations

import contextlib
import ssl
import time
from typing import Any

from pipeline.errors import ConfigError
from pipeline.settings import Settings


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if "SSL" not in settings.security_protocol:
        return None
    context = ssl.create_default_context(cafile=settings.ssl_cafile)
    if settings.ssl_certfile:
        context.load_cert_chain(settings.ssl_certfile, settings.ssl_keyfile)
    return context


def _sasl(settings: Settings) -> tuple[str, str]:
    if not settings.sasl_username or settings.sasl_password is None:
        raise ConfigError("SASL needs PRECWATCH_SASL_USERNAME and PRECWATCH_SASL_PASSWORD")
    return settings.sasl_username, settings.sasl_password.get_secret_value()


def faust_credentials(settings: Settings):
    """Faust broker_credentials for the configured protocol (None for PLAINTEXT)."""
    import faust

    protocol = settings.security_protocol
    if protocol == "PLAINTEXT":
        return None
    if protocol == "SSL":
        return faust.SSLCredentials(ssl_context(settings))
    username, password = _sasl(settings)
    return faust.SASLCredentials(
        username=username,
        password=password,
        mechanism=settings.sasl_mechanism,
        ssl_context=ssl_context(settings),
    )


def client_config(settings: Settings) -> dict[str, Any]:
    """Connection settings shared by kafka-python and aiokafka clients (same parameter names)."""
    config: dict[str, Any] = {
        "bootstrap_servers": settings.broker_hosts,
        "security_protocol": settings.security_protocol,
    }
    if "SSL" in settings.security_protocol:
        config["ssl_context"] = ssl_context(settings)
    if settings.security_protocol.startswith("SASL"):
        username, password = _sasl(settings)
        config.update(
            sasl_mechanism=settings.sasl_mechanism, sasl_plain_username=username, sasl_plain_password=password
        )
    return config


def topic_specs(settings: Settings) -> list[tuple[str, int, dict[str, str]]]:
    """(name, partitions, configs) of every topic the pipeline uses."""
    p = settings.partitions
    return [
        (settings.topic_transactions, p, {}),
        (settings.topic_flags, p, {}),
        (settings.topic_repository, p, {}),
        (settings.topic_dead_letters, p, {}),
        (settings.topic_sightings, p, {}),
        (settings.topic_watchlist, 1, {"cleanup.policy": "compact"}),
    ]


def ensure_topics(settings: Settings, timeout_s: float = 30.0) -> list[str]:
    """Create missing topics; return the names created. Retries while the broker comes up."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            admin = KafkaAdminClient(client_id="precwatch-admin", **client_config(settings))
            break
        except KafkaError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    try:
        existing = set(admin.list_topics())
        new = [
            NewTopic(name, partitions, settings.replication_factor, topic_configs=configs)
            for name, partitions, configs in topic_specs(settings)
            if name not in existing
        ]
        if new:
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics(new)
        return [t.name for t in new]
    finally:
        admin.close()


class PartitionReader:
    """Reads the group's committed offsets and ranges of a topic's records, outside Faust.

    A standalone aiokafka consumer with partitions assigned by hand: it never joins the consumer
    group and never commits, so it cannot disturb the workers' assignment or offsets. Used to
    re-read offsets a worker was never handed (pipeline/continuity.py).
    """

    def __init__(self, settings: Settings, timeout_s: float = 30.0):
        self._settings = settings
        self._timeout_s = timeout_s
        self._consumer = None

    async def _client(self):  # noqa: ANN202 - aiokafka.AIOKafkaConsumer, imported lazily
        if self._consumer is None:
            from aiokafka import AIOKafkaConsumer

            consumer = AIOKafkaConsumer(
                group_id=self._settings.group_id,  # to read the group's committed offsets
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                client_id="precwatch-reread",
                **client_config(self._settings),
            )
            await consumer.start()
            self._consumer = consumer
        return self._consumer

    async def starting_offsets(self, topic: str, partitions: set[int]) -> dict[int, int]:
        """Where each partition restarts after an assignment: its committed offset, or (nothing
        committed yet) its first offset, as consumer_auto_offset_reset="earliest" does."""
        from aiokafka import TopicPartition

        consumer = await self._client()
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        starts = {tp.partition: await consumer.committed(tp) for tp in tps}
        missing = [tp for tp in tps if starts[tp.partition] is None or starts[tp.partition] < 0]
        if missing:
            for tp, offset in (await consumer.beginning_offsets(missing)).items():
                starts[tp.partition] = offset
        return starts

    async def read(self, topic: str, partition: int, start: int, end: int) -> list:
        """The records at offsets start..end-1 of a partition (fewer where the log has none: a
        transaction marker, or records already deleted by retention). Raises TimeoutError."""
        import asyncio

        from aiokafka import TopicPartition

        consumer = await self._client()
        tp = TopicPartition(topic, partition)
        consumer.assign([tp])
        consumer.seek(tp, start)
        records: list = []
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._timeout_s
        try:
            while await consumer.position(tp) < end:
                if loop.time() > deadline:
                    raise TimeoutError(
                        f"re-reading {topic}[{partition}] {start}-{end - 1} took over {self._timeout_s} s"
                    )
                fetched = await consumer.getmany(tp, timeout_ms=500, max_records=end - start)
                records.extend(r for r in fetched.get(tp, []) if start <= r.offset < end)
        finally:
            consumer.pause(tp)  # no prefetching in the background once the range is read
        return records

    async def close(self) -> None:
        if self._consumer is not None:
            consumer, self._consumer = self._consumer, None
            await consumer.stop()
