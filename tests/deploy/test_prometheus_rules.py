"""The Prometheus configuration, recording and alert rules, checked and unit-tested by the real promtool."""

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from streaming.metrics import Metrics

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS = ROOT / "deploy" / "prometheus"
RUNBOOKS = ROOT / "docs" / "runbooks.md"


def _promtool(*args: str) -> subprocess.CompletedProcess:
    path = shutil.which("promtool")
    assert path, "promtool missing: install Debian's 'prometheus' package (tests/run.sh does)"
    return subprocess.run([path, *args], capture_output=True, text=True, cwd=PROMETHEUS)


def _alerts() -> list[dict]:
    groups = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def _rule_expressions() -> list[str]:
    exprs = []
    for name in ("recording.yml", "alerts.yml"):
        for group in yaml.safe_load((PROMETHEUS / name).read_text())["groups"]:
            exprs += [rule["expr"] for rule in group["rules"]]
    return exprs


def exported_series_names() -> set[str]:
    """Every series name a worker can export (with the _total/_bucket/... suffixes), from its registry."""
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    names = set()
    for family in Metrics().registry.collect():
        names |= {family.name + suffix for suffix in suffixes.get(family.type, ("",))}
    return names


def test_rules_are_valid():
    result = _promtool("check", "rules", "recording.yml", "alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_prometheus_config_is_valid_and_loads_both_rule_files():
    result = _promtool("check", "config", "prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 rule files found" in result.stdout


def test_alert_unit_tests_pass():
    result = _promtool("test", "rules", "alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_every_alert_is_tested_firing_and_not_firing():
    tests = yaml.safe_load((PROMETHEUS / "alerts.test.yml").read_text())["tests"]
    cases = [case for test in tests for case in test["alert_rule_test"]]
    for alert in _alerts():
        mine = [case for case in cases if case["alertname"] == alert["alert"]]
        assert any(case["exp_alerts"] for case in mine), f"{alert['alert']}: no test where it fires"
        assert any(not case["exp_alerts"] for case in mine), f"{alert['alert']}: no test where it stays quiet"


def test_every_alert_has_summary_description_severity_and_a_runbook_section():
    headings = {
        re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for line in RUNBOOKS.read_text().splitlines()
        if line.startswith("#")
    }
    for alert in _alerts():
        annotations = alert["annotations"]
        assert annotations["summary"] and annotations["description"], alert["alert"]
        assert alert["labels"]["severity"] in {"page", "ticket"}, alert["alert"]
        url = annotations["runbook_url"]
        assert url.split("#")[0].endswith("docs/runbooks.md"), url
        anchor = url.split("#")[1]
        assert anchor == alert["alert"].lower(), url
        assert anchor in headings, f"{alert['alert']}: no section in docs/runbooks.md"


def test_rules_only_use_metrics_the_worker_exports():
    exported = exported_series_names()
    used = {name for expr in _rule_expressions() for name in re.findall(r"(?<![\w:])precwatch_\w+", expr)}
    assert used, "no worker metric found in the rules"
    assert used <= exported, sorted(used - exported)
