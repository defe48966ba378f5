"""Metrics checked by the real Prometheus tools: promtool's linter and a real server scraping a worker,
evaluating the project's recording and alert rules and every query of the Grafana dashboard."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from devtools.local import free_port
from tests.agents.conftest import EXAMPLES, wait_until, with_env
from tests.deploy.dashboard import dashboard_queries, recording_rules_every

ALERT_RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "alerts.yml"


PROMETHEUS_WAIT_S = 120


def _promtool() -> str:
    path = shutil.which("promtool")
    assert path, "promtool missing: install Debian's 'prometheus' package (tests/run.sh does)"
    return path


def test_metrics_pass_promtool_and_a_real_prometheus_scrapes_them(worker, pipeline_env, tmp_path):
    worker.start()
    assert with_env(pipeline_env, ["produce", str(EXAMPLES)]) == 0
    # Every event screened (313: the 3 malformed lines are dead letters), so the series promtool lints
    # and Prometheus scrapes are final.
    wait_until(lambda: worker.events_consumed() >= 313, 120, "the example stream screened")

    lint = subprocess.run([_promtool(), "check", "metrics"], input=worker.metrics().encode(), capture_output=True)
    assert lint.returncode == 0, lint.stdout.decode() + lint.stderr.decode()

    port = free_port()
    config = tmp_path / "prometheus.yml"
    target = worker.metrics_url.removeprefix("http://")
    (tmp_path / "recording.yml").write_text(recording_rules_every("1s"))
    (tmp_path / "alerts.yml").write_text(ALERT_RULES.read_text())
    config.write_text(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        "rule_files: [recording.yml, alerts.yml]\nscrape_configs:\n"
        f"  - job_name: precursor-watch\n    static_configs:\n      - targets: ['{target}']\n"
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
        api = f"http://127.0.0.1:{port}/api/v1"
        value = None
        # Prometheus starts, scrapes every second and evaluates its rules: slower on a loaded machine,
        # and each wait ends as soon as what it waits for is there.
        deadline = time.monotonic() + PROMETHEUS_WAIT_S
        while time.monotonic() < deadline and value is None:
            try:
                result = _query(api, "precwatch_events_consumed_total")["data"]["result"]
                value = float(result[0]["value"][1]) if result else None
            except OSError:
                pass
            time.sleep(0.5)
        assert value == 313.0  # the 3 malformed lines are dead letters, not events

        # Every dashboard query parses and returns series (recording rules included) once the
        # scrapes and rule evaluations have caught up with the events screened.
        queries = dashboard_queries()
        empty = queries
        deadline = time.monotonic() + PROMETHEUS_WAIT_S
        while empty and time.monotonic() < deadline:
            time.sleep(1)
            answers = {expr: _query(api, expr) for _, expr in empty}
            failed = {expr: a for expr, a in answers.items() if a["status"] != "success"}
            assert not failed, failed  # a query Prometheus cannot parse or evaluate
            empty = [(title, expr) for title, expr in empty if not answers[expr]["data"]["result"]]
        assert not empty, f"dashboard queries without series: {empty}"

        # Every rule evaluated without error against the real series (no many-to-many matches etc.).
        with urllib.request.urlopen(f"{api}/rules", timeout=5) as r:
            rules = [rule for group in json.loads(r.read())["data"]["groups"] for rule in group["rules"]]
        assert len(rules) > 30
        assert all(rule["health"] == "ok" for rule in rules), [(r["name"], r.get("lastError")) for r in rules]
    finally:
        server.terminate()
        server.wait(10)


def _query(api: str, expr: str) -> dict:
    url = f"{api}/query?query={urllib.parse.quote(expr)}"
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as error:
        if error.code != 400:
            # 503 while Prometheus starts, with a body that is not JSON (a fresh-clone CI run, twentieth
            # session, failed on it with a JSONDecodeError): an OSError, which the start-up wait retries.
            raise
        return json.loads(error.read())  # a query that does not parse, with Prometheus' reason
