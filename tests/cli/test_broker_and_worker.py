"""`precwatch broker` stops its whole process tree; `precwatch worker` refuses, in one line, to start
where it could not work (metrics port taken, broker unreachable)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devtools.local import free_port, port_open
from pipeline.errors import EXIT_UNAVAILABLE, EXIT_USAGE, PortInUse

ROOT = Path(__file__).resolve().parents[2]


def children_of(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return [int(p) for p in fh.read().split()]


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


def wait_until(condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_to_the_broker_command_stops_the_broker_process_too(signum):
    port = free_port()
    command = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "broker", "--port", str(port)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        start_new_session=True,  # the signal reaches the command only, as from `kill` or systemd
    )
    try:
        lines = []
        while not (lines and "Ctrl-C stops it" in lines[-1]):
            line = command.stderr.readline().decode()
            assert line, "".join(lines)
            lines.append(line)
        (broker,) = children_of(command.pid)
        assert running(broker) and port_open("127.0.0.1", port)
        command.send_signal(signum)
        assert command.wait(20) == 0
        assert wait_until(lambda: not running(broker), 5), "the broker process outlived the command"
        assert not port_open("127.0.0.1", port)
    finally:
        if command.poll() is None:
            os.killpg(command.pid, signal.SIGKILL)
            command.wait(10)
        command.stderr.close()


def test_a_taken_broker_port_names_the_option():
    from devtools.local import start_broker

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(PortInUse) as raised:
            start_broker(taken.getsockname()[1])
    assert "--port" in raised.value.user_message()


def run_worker_command(env: dict[str, str], *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "worker", *options],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_a_second_worker_on_the_same_metrics_port_stops_with_one_line_naming_the_option(broker_url):
    with socket.socket() as taken:  # what the first worker's metrics server holds
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_worker_command({"PRECWATCH_BROKER": broker_url}, "--metrics-port", str(port))
    err = done.stderr.decode().strip()
    assert done.returncode == EXIT_USAGE, err
    assert len(err.splitlines()) == 1 and err.startswith("precwatch: ")
    assert f"port {port}" in err and "--metrics-port" in err and "PRECWATCH_METRICS_PORT" in err


def test_a_worker_with_an_unreachable_broker_stops_with_one_line(tmp_path):
    unreachable = f"kafka://127.0.0.1:{free_port()}"
    env = {"PRECWATCH_BROKER": unreachable, "PRECWATCH_CONNECT_TIMEOUT_S": "1", "PRECWATCH_DATA_DIR": str(tmp_path)}
    done = run_worker_command(env, "--metrics-port", str(free_port()))
    err = done.stderr.decode().strip()
    assert done.returncode == EXIT_UNAVAILABLE, err
    assert len(err.splitlines()) == 1 and unreachable in err and "PRECWATCH_BROKER" in err


@pytest.mark.parametrize("argv", [["flags"], ["produce", "--generate", "3"], ["watchlist", "publish", "--unsigned"]])
def test_interactive_commands_report_an_unreachable_broker_in_one_line(argv, capsys, monkeypatch):
    from cli.main import main

    unreachable = f"kafka://127.0.0.1:{free_port()}"
    monkeypatch.setenv("PRECWATCH_CONNECT_TIMEOUT_S", "0.5")
    started = time.monotonic()
    assert main([*argv, "--broker", unreachable]) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("precwatch: ") and unreachable in err
    assert time.monotonic() - started < 20  # not kafka-python's default 30 s
