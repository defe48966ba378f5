"""The deployment files are checked by the real Prometheus tools."""

import shutil
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def _promtool() -> str:
    path = shutil.which("promtool")
    assert path, "promtool missing: install Debian's 'prometheus' package (tests/run.sh does)"
    return path


def test_alert_rules_are_valid():
    result = subprocess.run([_promtool(), "check", "rules", str(DEPLOY / "alerts.yml")], capture_output=True)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_prometheus_config_is_valid():
    result = subprocess.run([_promtool(), "check", "config", str(DEPLOY / "prometheus.yml")], capture_output=True)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_alerts_only_use_metrics_the_worker_exports():
    import re

    from streaming.metrics import Metrics

    exported = Metrics().render().decode()
    for name in set(re.findall(r"precwatch_[a-z_]+", (DEPLOY / "alerts.yml").read_text())):
        assert name in exported, name
