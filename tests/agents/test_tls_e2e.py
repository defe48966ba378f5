"""The worker and the command-line clients over TLS (PRECWATCH_SECURITY_PROTOCOL=SSL), certificate
checked against PRECWATCH_SSL_CAFILE, with a real broker behind a TLS terminator."""

from __future__ import annotations

import asyncio
import ssl
import uuid

import pytest
import trustme
from aiokafka.errors import KafkaConnectionError

from pipeline.broker import free_port, isolated_env, start_broker
from pipeline.kafka import client_config, ensure_topics
from pipeline.settings import Settings
from tests.agents.conftest import EXAMPLES, Worker, consume, flag_ids, offline_flag_ids, with_env
from tests.agents.tls_terminator import TlsTerminator


@pytest.fixture
def tls_env(tmp_path):
    ca = trustme.CA()
    server_cert = ca.issue_cert("127.0.0.1", "localhost")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_cert.configure_cert(context)
    plain_port, tls_port = free_port(), free_port()
    broker = start_broker(plain_port, log_path=tmp_path / "broker.log", advertised_port=tls_port)
    terminator = TlsTerminator(tls_port, plain_port, context).start()
    env = {
        **isolated_env(f"kafka://127.0.0.1:{tls_port}", f"tls-{uuid.uuid4().hex[:8]}"),
        "PRECWATCH_SECURITY_PROTOCOL": "SSL",
        "PRECWATCH_SSL_CAFILE": str(ca_file),
    }
    yield env, terminator
    terminator.stop()
    broker.terminate()
    broker.wait(10)


async def start_producer(settings: Settings) -> None:
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(**client_config(settings))
    try:
        await producer.start()
    finally:
        await producer.stop()


def test_worker_and_clients_over_tls(tls_env, tmp_path):
    env, terminator = tls_env
    # Without the CA file the server certificate is not trusted: no connection.
    untrusted = {k: v for k, v in env.items() if k != "PRECWATCH_SSL_CAFILE"}
    with pytest.raises(KafkaConnectionError):
        asyncio.run(start_producer(Settings.from_env(untrusted)))
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
