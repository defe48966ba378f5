"""The worker and the command-line clients over TLS (PRECWATCH_SECURITY_PROTOCOL=SSL), certificate
checked against PRECWATCH_SSL_CAFILE, with a real broker behind a TLS terminator."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka.errors import KafkaConnectionError

from devtools.local import isolated_env
from pipeline.settings import Settings
from streaming.kafka import ensure_topics
from tests.agents.conftest import EXAMPLES, Worker, consume, flag_ids, offline_flag_ids, with_env
from tests.agents.fronts import TlsTerminator, broker_behind, start_aiokafka_producer


@pytest.fixture
def tls_env(tmp_path):
    with broker_behind(TlsTerminator, tmp_path) as (terminator, port, ca_file):
        yield (
            {
                **isolated_env(f"kafka://127.0.0.1:{port}", f"tls-{uuid.uuid4().hex[:8]}"),
                "PRECWATCH_SECURITY_PROTOCOL": "SSL",
                "PRECWATCH_SSL_CAFILE": str(ca_file),
            },
            terminator,
        )


def test_worker_and_clients_over_tls(tls_env, tmp_path):
    env, terminator = tls_env
    # Without the CA file the server certificate is not trusted: no connection.
    untrusted = {k: v for k, v in env.items() if k != "PRECWATCH_SSL_CAFILE"}
    with pytest.raises(KafkaConnectionError):
        asyncio.run(start_aiokafka_producer(Settings.from_env(untrusted)))
    ensure_topics(Settings.from_env(env))
    offline = offline_flag_ids(EXAMPLES, tmp_path)

    worker = Worker(env, tmp_path / "worker.log").start()
    try:
        assert with_env(env, ["produce", str(EXAMPLES)]) == 0
        flags = consume(env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= offline)
    finally:
        worker.stop()
    assert flag_ids(flags) == offline
    assert terminator.connections > 0  # every client went through TLS: the broker's own port is not advertised
