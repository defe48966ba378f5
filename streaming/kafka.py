"""Kafka client configuration from Settings (TLS and SASL from the environment) and topic set-up."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from typing import Any

from pipeline.errors import AuthenticationRefused, ConfigError
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


def check_login(settings: Settings, timeout_s: float = 10.0) -> None:
    """Fail fast, with a clear message, when the broker refuses the SASL login.

    Kafka clients treat a refused login like an unreachable broker: they retry until a timeout and
    then report "Unable to bootstrap". One direct connection per bootstrap server tells the two
    apart. Only refusals raise (AuthenticationRefused); a broker that cannot be reached is left to
    the caller's own retries. The password is never part of the message."""
    if not settings.security_protocol.startswith("SASL"):
        return
    username, _ = _sasl(settings)
    config = client_config(settings)
    config.pop("bootstrap_servers")

    async def attempt(host: str, port: int) -> tuple[bool, str | None, bool]:
        """(answered, refusal, mechanism offered): answered is False when the server could not be
        reached; a broker that does not offer the mechanism (or SASL at all) has not judged the
        credentials, and is told apart from one that refused them."""
        from aiokafka import errors

        from streaming.compat import open_raw_connection

        try:
            conn = await open_raw_connection(host, port, request_timeout_ms=int(timeout_s * 1000), **config)
        except errors.SaslAuthenticationFailed as exc:
            return True, str(exc) or type(exc).__name__, True
        except (errors.UnsupportedSaslMechanismError, errors.IllegalSaslStateError) as exc:
            return True, str(exc) or type(exc).__name__, False
        except (errors.KafkaError, OSError, TimeoutError):
            return False, None, True  # not reachable (yet): not ours to decide here
        conn.close()
        return True, None, True

    for server in settings.broker_hosts:
        host, colon, port = server.rpartition(":")
        answered, refusal, offered = asyncio.run(attempt(host, int(port)) if colon else attempt(server, 9092))
        if refusal is not None and not offered:
            raise ConfigError(
                f"the broker at {server} does not offer the SASL {settings.sasl_mechanism} mechanism, or no SASL "
                f"at all; check PRECWATCH_SECURITY_PROTOCOL ({settings.security_protocol}) and "
                "PRECWATCH_SASL_MECHANISM against the broker's listener"
            )
        if refusal is not None:
            raise AuthenticationRefused(
                f"the broker at {server} refused the SASL {settings.sasl_mechanism} login as '{username}' "
                f"({refusal}); check PRECWATCH_SASL_USERNAME, PRECWATCH_SASL_PASSWORD and PRECWATCH_SASL_MECHANISM"
            )
        if answered:
            return  # one broker accepted the login: the others hold the same credentials


def topic_specs(settings: Settings) -> list[tuple[str, int, dict[str, str]]]:
    """(name, partitions, configs) of every topic the pipeline uses."""
    p = settings.partitions
    return [
        (settings.topic_transactions, p, {}),
        (settings.topic_flags, p, {}),
        # One current record per substance: only the latest per key is needed (pipeline/repository.py).
        (settings.topic_repository, p, {"cleanup.policy": "compact"}),
        (settings.topic_dead_letters, p, {}),
        (settings.topic_sightings, p, {}),
        (settings.topic_watchlist, 1, {"cleanup.policy": "compact"}),
        # issue 12: the stateful signals' input, partitioned like their table's changelog
        *([(settings.topic_observations, p, {})] if settings.stateful_signals else []),
        (settings.topic_repository_sightings, p, {}),  # audit: every sighting
        # issue 13: the workbench's case histories (it also creates the topic itself when it is missing)
        (settings.topic_cases, p, {"cleanup.policy": "compact"}),
    ]


def ensure_topics(settings: Settings, timeout_s: float = 30.0) -> list[str]:
    """Create missing topics; return the names created. Retries while the broker comes up."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    check_login(settings)
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

    An admin client for the committed offsets and a consumer without a group, assigned partitions
    by hand: neither joins the consumer group or commits, so they cannot disturb the workers'
    assignment or offsets. Used to re-read offsets a worker was never handed (streaming/continuity.py).
    """

    def __init__(self, settings: Settings, timeout_s: float = 30.0):
        self._settings = settings
        self._timeout_s = timeout_s
        self._consumer = None
        self._admin = None

    async def _clients(self):
        if self._consumer is None:
            from aiokafka import AIOKafkaConsumer
            from aiokafka.admin import AIOKafkaAdminClient

            config = client_config(self._settings)
            # No group: aiokafka's coordinator asserts on manual re-assignments of a grouped consumer.
            consumer = AIOKafkaConsumer(
                group_id=None,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                client_id="precwatch-reread",
                **config,
            )
            admin = AIOKafkaAdminClient(client_id="precwatch-reread", **config)
            await consumer.start()
            await admin.start()
            self._consumer, self._admin = consumer, admin
        return self._consumer, self._admin

    async def starting_offsets(self, topic: str, partitions: set[int]) -> dict[int, int]:
        """Where each partition restarts after an assignment: its committed offset, or (nothing
        committed yet) its first offset, as consumer_auto_offset_reset="earliest" does."""
        from aiokafka import TopicPartition

        consumer, admin = await self._clients()
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        committed = await admin.list_consumer_group_offsets(self._settings.group_id, partitions=tps)
        starts = {tp.partition: committed[tp].offset for tp in tps if tp in committed and committed[tp].offset >= 0}
        missing = [tp for tp in tps if tp.partition not in starts]
        if missing:
            for tp, offset in (await consumer.beginning_offsets(missing)).items():
                starts[tp.partition] = offset
        return starts

    async def read(self, topic: str, partition: int, start: int, end: int) -> list:
        """The records at offsets start..end-1 of a partition (fewer where the log has none: a
        transaction marker, or records already deleted by retention). Raises TimeoutError."""
        from aiokafka import TopicPartition

        consumer, _ = await self._clients()
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
            consumer, admin = self._consumer, self._admin
            self._consumer = self._admin = None
            await consumer.stop()
            await admin.close()


async def consumer_lag(consumer: Any, topic: str) -> dict[int, int] | None:
    """Records behind the end, per assigned partition of the topic, for a Faust consumer; None when
    a rebalance took a partition away while it was measured (aiokafka then refuses its position):
    measured next time."""
    from aiokafka.errors import KafkaError

    assigned = [tp for tp in consumer.assignment() if tp.topic == topic]
    try:
        ends = await consumer.highwaters(*assigned) if assigned else {}
        return {tp.partition: max(0, ends[tp] - (await consumer.position(tp) or 0)) for tp in assigned}
    except KafkaError:
        return None
