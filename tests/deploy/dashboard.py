"""The Grafana dashboard's PromQL, ready to send to Prometheus (shared by the dashboard tests)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "precursor-watch.json"
RECORDING_RULES = ROOT / "deploy" / "prometheus" / "recording.yml"

# What Grafana puts in for its variables: every job and worker, and its rate interval.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$job": ".+", "$instance": ".+"}


def dashboard_panels() -> list[dict]:
    panels = []
    for panel in json.loads(DASHBOARD.read_text())["panels"]:
        panels += [panel, *panel.get("panels", [])]
    return panels


def dashboard_queries() -> list[tuple[str, str]]:
    """(panel title, PromQL with Grafana's variables substituted) for every target of every panel."""
    queries = []
    for panel in dashboard_panels():
        for target in panel.get("targets", []):
            expr = target["expr"]
            for variable, value in GRAFANA_VARIABLES.items():
                expr = expr.replace(variable, value)
            queries.append((panel["title"], expr))
    return queries


def recording_rules_every(interval: str) -> str:
    """recording.yml with every group evaluated at ``interval``: a test cannot wait for 30 s rounds."""
    rules = yaml.safe_load(RECORDING_RULES.read_text())
    for group in rules["groups"]:
        group["interval"] = interval
    return yaml.safe_dump(rules)
