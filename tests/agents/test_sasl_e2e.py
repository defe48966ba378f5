"""The worker and the command-line clients over SASL_SSL (PRECWATCH_SASL_*): PLAIN, SCRAM-SHA-256 and
SCRAM-SHA-512 against an endpoint that authenticates, in front of the real broker (sasl_gateway.py)."""

from __future__ import annotations

import asyncio
import os
import ssl
import subprocess
import sys
import uuid

import pytest
from aiokafka.errors import KafkaError

from cli.main import EXIT_USAGE
from devtools.local import isolated_env
from pipeline.errors import AuthenticationRefused
from pipeline.settings import Settings
from streaming.kafka import check_login, ensure_topics
from tests.agents.conftest import EXAMPLES, Worker, consume, flag_ids, offline_flag_ids, with_env
from tests.agents.fronts import broker_behind, start_aiokafka_producer
from tests.agents.sasl_gateway import SaslGateway

USERS = {"precwatch-svc": "correct horse battery staple"}


@pytest.fixture
def sasl_env(tmp_path):
    def gateway(listen_port: int, target_port: int, context: ssl.SSLContext) -> SaslGateway:
        return SaslGateway(listen_port, target_port, USERS, context)

    with broker_behind(gateway, tmp_path) as (front, port, ca_file):

        def env_for(mechanism: str, password: str = USERS["precwatch-svc"]) -> dict[str, str]:
            return {
                **isolated_env(f"kafka://127.0.0.1:{port}", f"sasl-{uuid.uuid4().hex[:8]}"),
                "PRECWATCH_SECURITY_PROTOCOL": "SASL_SSL",
                "PRECWATCH_SSL_CAFILE": str(ca_file),
                "PRECWATCH_SASL_MECHANISM": mechanism,
                "PRECWATCH_SASL_USERNAME": "precwatch-svc",
                "PRECWATCH_SASL_PASSWORD": password,
            }

        yield env_for, front


@pytest.mark.parametrize("mechanism", ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
def test_each_mechanism_authenticates_and_a_wrong_password_is_refused(sasl_env, mechanism):
    env_for, gateway = sasl_env
    # aiokafka (the worker's client) and kafka-python (topic set-up, produce, flags) both log in.
    asyncio.run(start_aiokafka_producer(Settings.from_env(env_for(mechanism))))
    assert ensure_topics(Settings.from_env(env_for(mechanism)))  # created through the authenticated path
    assert {m for _, m in gateway.authenticated} == {mechanism}

    wrong = Settings.from_env(env_for(mechanism, password="wrong"))
    with pytest.raises(KafkaError):
        asyncio.run(start_aiokafka_producer(wrong))
    # Refused at once, by name (a client left to itself retries for 30 s, then "Unable to bootstrap").
    with pytest.raises(AuthenticationRefused, match=f"refused the SASL {mechanism} login as 'precwatch-svc'"):
        ensure_topics(wrong)
    assert gateway.refused == [("precwatch-svc", mechanism)] * 2
    assert gateway.unauthenticated_requests == 0


def test_a_refused_login_stops_the_commands_with_a_message(sasl_env, capsys):
    env_for, gateway = sasl_env
    env = env_for("SCRAM-SHA-512", password="not-the-password")
    assert with_env(env, ["produce", str(EXAMPLES)]) == EXIT_USAGE
    assert with_env(env, ["flags"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("refused the SASL SCRAM-SHA-512 login as 'precwatch-svc'") == 2
    assert "not-the-password" not in err

    # A bootstrap server that cannot be reached is passed over: the next one refuses the login.
    with_dead_first = Settings.from_env({**env, "PRECWATCH_BROKER": "kafka://127.0.0.1:1," + env["PRECWATCH_BROKER"]})
    with pytest.raises(AuthenticationRefused):
        check_login(with_dead_first)
    check_login(Settings.from_env({**env_for("SCRAM-SHA-512"), "PRECWATCH_BROKER": with_dead_first.broker}))

    # The worker too: it exits with the message instead of starting Faust (and crashing there).
    worker = subprocess.run(
        [sys.executable, "-m", "cli.main", "worker"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert worker.returncode == EXIT_USAGE
    assert "refused the SASL SCRAM-SHA-512 login" in worker.stderr
    assert "not-the-password" not in worker.stderr + worker.stdout


def test_worker_and_clients_over_sasl_ssl_scram(sasl_env, tmp_path):
    env_for, gateway = sasl_env
    env = env_for("SCRAM-SHA-512")
    ensure_topics(Settings.from_env(env))
    offline = offline_flag_ids(EXAMPLES, tmp_path)

    worker = Worker(env, tmp_path / "worker.log").start()
    try:
        assert with_env(env, ["produce", str(EXAMPLES)]) == 0
        flags = consume(env, "PRECWATCH_TOPIC_FLAGS", lambda ms: flag_ids(ms) >= offline)
    finally:
        worker.stop()
    assert flag_ids(flags) == offline
    # Every connection authenticated (the broker's own port is not advertised) and none was refused.
    assert len(gateway.authenticated) >= 3 and not gateway.refused
    assert gateway.unauthenticated_requests == 0


def test_the_password_never_reaches_the_worker_log_even_at_debug_level(sasl_env, tmp_path):
    env_for, _ = sasl_env
    env = {**env_for("PLAIN"), "PRECWATCH_LOG_LEVEL": "debug"}  # PLAIN sends the password itself
    ensure_topics(Settings.from_env(env))
    log = tmp_path / "worker.log"
    worker = Worker(env, log).start()
    try:
        assert with_env(env, ["produce", str(EXAMPLES)]) == 0
        consume(env, "PRECWATCH_TOPIC_FLAGS", lambda ms: len(ms) >= 1)
    finally:
        worker.stop()
    text = log.read_text(errors="replace")
    assert "SaslAuthenticate" in text  # the client did log its SASL requests at this level
    assert USERS["precwatch-svc"] not in text
    assert "[redacted]" in text
