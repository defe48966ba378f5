"""What a command checks before it starts, and the translation of Kafka client errors.

kafka-python's errors say what failed ("Unable to bootstrap from [...]"), not where to look; they are
wrapped where the clients are called, in ``BrokerUnavailable`` with the hint of what to check, so
that ``cli.main`` maps classes, never module names.
"""

from __future__ import annotations

import contextlib
import errno
import socket
from collections.abc import Iterator
from typing import Any

from pipeline.errors import BrokerUnavailable, PortInUse
from pipeline.settings import Settings


def connect_options(settings: Settings) -> dict[str, Any]:
    """kafka-python client options: connection and security (streaming.kafka.client_config) plus
    the first connection's timeout, so an unreachable broker is reported after connect_timeout_s
    instead of kafka-python's 30 s default."""
    from streaming.kafka import client_config

    return {**client_config(settings), "bootstrap_timeout_ms": int(settings.connect_timeout_s * 1000)}


@contextlib.contextmanager
def broker_errors(settings: Settings, doing: str) -> Iterator[None]:
    """Turn a kafka-python error raised inside the block into BrokerUnavailable ("<doing>: <error>")."""
    from kafka.errors import KafkaError

    try:
        yield
    except KafkaError as exc:
        raise BrokerUnavailable(f"{doing} at {settings.broker}: {exc or type(exc).__name__}") from exc


def probe_broker(settings: Settings) -> None:
    """One bootstrap (connection, TLS and SASL handshake, metadata) within connect_timeout_s.

    Raises AuthenticationRefused when the broker refuses the login, BrokerUnavailable when it cannot
    be reached: the worker calls this before Faust starts, whose own retries end in a long traceback."""
    from kafka import KafkaAdminClient

    from streaming.kafka import check_login

    check_login(settings, timeout_s=settings.connect_timeout_s)
    with broker_errors(settings, "cannot reach the broker"):
        KafkaAdminClient(client_id="precwatch-probe", **connect_options(settings)).close()


def ensure_port_free(host: str, port: int, setting: str) -> None:
    """Raise PortInUse (naming the setting to change) when another process listens on host:port.

    Binds as the HTTP server will (SO_REUSEADDR: a port in TIME_WAIT counts as free), so the check
    says what the real bind would."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise PortInUse(f"cannot listen on {host}:{port}: {exc.strerror}", hint=f"change {setting}") from exc
            raise PortInUse(
                f"port {port} on {host} is already in use by another process", hint=f"choose another with {setting}"
            ) from exc
