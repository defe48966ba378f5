"""Metrics checked by the real Prometheus tools: promtool's linter and a real server scraping a worker."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

from devtools.local import free_port
from tests.agents.conftest import EXAMPLES, with_env


def _promtool() -> str:
    path = shutil.which("promtool")
    assert path, "promtool missing: install Debian's 'prometheus' package (tests/run.sh does)"
    return path


def test_metrics_pass_promtool_and_a_real_prometheus_scrapes_them(worker, pipeline_env, tmp_path):
    worker.start()
    assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "precwatch_events_consumed_total 300.0" not in worker.metrics():
        time.sleep(0.3)

    lint = subprocess.run([_promtool(), "check", "metrics"], input=worker.metrics().encode(), capture_output=True)
    assert lint.returncode == 0, lint.stdout.decode() + lint.stderr.decode()

    port = free_port()
    config = tmp_path / "prometheus.yml"
    target = worker.metrics_url.removeprefix("http://")
    config.write_text(
        "global:\n  scrape_interval: 1s\nscrape_configs:\n"
        f"  - job_name: precwatch\n    static_configs:\n      - targets: ['{target}']\n"
    )
    check = subprocess.run([_promtool(), "check", "config", str(config)], capture_output=True)
    assert check.returncode == 0, check.stdout.decode()
    server = subprocess.Popen(
        [
            shutil.which("prometheus") or "prometheus",
            f"--config.file={config}",
            f"--storage.tsdb.path={tmp_path / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        query = urllib.parse.quote("precwatch_events_consumed_total")
        value = None
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and value is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/query?query={query}", timeout=2) as r:
                    result = json.loads(r.read())["data"]["result"]
                    value = float(result[0]["value"][1]) if result else None
            except OSError:
                pass
            time.sleep(0.5)
        assert value == 313.0  # the 3 malformed lines are dead letters, not events
    finally:
        server.terminate()
        server.wait(10)
