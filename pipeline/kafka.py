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
