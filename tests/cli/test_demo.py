"""`precwatch demo`: the whole system on one machine, with the example stream cut short."""

import re
import socket
import tempfile
from pathlib import Path

from cli.main import main
from devtools.local import free_port, port_open
from pipeline.errors import EXIT_USAGE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"


def demo_folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("precwatch-demo-*"))


def test_a_taken_metrics_port_stops_the_demo_before_anything_starts(capsys):
    before = demo_folders()
    broker_port = free_port()
    with socket.socket() as taken:  # another process's metrics server (a worker already running)
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        metrics_port = taken.getsockname()[1]
        code = main(["demo", "--port", str(broker_port), "--metrics-port", str(metrics_port)])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and f"port {metrics_port}" in err and "--metrics-port" in err
    assert "worker ready" not in err
    assert not port_open("127.0.0.1", broker_port)  # no broker was started
    assert demo_folders() == before


def test_the_demo_prints_every_expected_flag_and_leaves_no_folder_behind(tmp_path, capsys):
    from cli.demo import expected_flag_count

    events = tmp_path / "events.jsonl"
    lines = EXAMPLES.read_bytes().splitlines(keepends=True)
    masked = next(line for line in lines if b"CC(=O)C(C(=O)OCCC)c1ccccc1" in line)  # a BMK mask on no list
    events.write_bytes(b"".join(lines[:40]) + masked)
    expected = expected_flag_count(events)
    assert expected > 0
    code = main(["demo", "--port", str(free_port()), "--metrics-port", str(free_port()), "--input", str(events)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"{expected} of {expected} expected flags received" in captured.err
    # Every screening flag, and the follow-up flags of the stateful signals (issue 12: new traders among them).
    assert len(re.findall(r"^    flag [0-9a-f]+", captured.out, flags=re.M)) >= expected
    assert "1 novel designer precursor(s) (1 expected)" in captured.err
    assert re.search(r"^NOVEL +XWTUIDWAWWNRKQ-UHFFFAOYSA-N .* unmasking:EU1-BMK", captured.out, flags=re.M)
    (workdir,) = {Path(m) for m in re.findall(r"log: (\S+)/worker\.log", captured.err)}
    assert not workdir.exists()  # a clean run removes its logs
    # The investigator workbench ran alongside, with a demo user of this run, and read every flag.
    assert re.search(r"investigator workbench at http://127\.0\.0\.1:\d+ \(user demo, password \S+\)", captured.err)
    # Follow-up flags of the stateful signals may be stored by then too: at least every expected one.
    (held,) = re.findall(r"the workbench holds (\d+) flags", captured.err)
    assert int(held) >= expected


def test_a_missing_input_is_reported_in_one_line(tmp_path, capsys):
    assert main(["demo", "--input", str(tmp_path / "none.jsonl"), "--port", str(free_port())]) == 3
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_taken_broker_port_names_the_option_and_leaves_no_folder(capsys):
    before = demo_folders()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code = main(["demo", "--port", str(taken.getsockname()[1]), "--metrics-port", str(free_port())])
    assert code == EXIT_USAGE and "--port" in capsys.readouterr().err
    assert demo_folders() == before


def test_sigterm_stops_a_following_demo_with_its_broker_and_worker(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    events = tmp_path / "events.jsonl"
    events.write_bytes(b"".join(EXAMPLES.read_bytes().splitlines(keepends=True)[:5]))
    broker_port, metrics_port, web_port = free_port(), free_port(), free_port()
    argv = ["demo", "--follow", "--input", str(events), "--port", str(broker_port)]
    argv += ["--metrics-port", str(metrics_port), "--web-port", str(web_port)]
    demo = subprocess.Popen(
        [sys.executable, "-m", "cli.main", *argv], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = demo.stderr.readline().decode()
            lines.append(line)
            if "published" in line or not line:
                break
        assert any("published" in line for line in lines), "".join(lines)
        assert port_open("127.0.0.1", broker_port) and port_open("127.0.0.1", metrics_port)
        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=90) == 0
        rest = demo.stderr.read().decode()
        assert "worker and broker stopped" in rest, rest
        assert not port_open("127.0.0.1", broker_port) and not port_open("127.0.0.1", metrics_port)
    finally:
        if demo.poll() is None:
            os.kill(demo.pid, signal.SIGKILL)
        demo.stderr.close()
