"""The Grafana dashboard's structure and names; its queries run against a real Prometheus in
tests/agents/test_observability_e2e.py."""

import re

import yaml

from tests.deploy.dashboard import RECORDING_RULES, dashboard_panels, dashboard_queries
from tests.deploy.test_prometheus_rules import exported_series_names


def test_panels_have_unique_ids_fit_the_grid_and_use_the_datasource_variable():
    panels = dashboard_panels()
    assert len({p["id"] for p in panels}) == len(panels)
    for panel in panels:
        assert panel["gridPos"]["x"] >= 0 and panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24, panel["title"]
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
            assert panel["targets"], panel["title"]


def test_queries_use_only_exported_metrics_and_defined_recording_rules():
    recorded = {
        rule["record"] for group in yaml.safe_load(RECORDING_RULES.read_text())["groups"] for rule in group["rules"]
    }
    exported = exported_series_names()
    for title, expr in dashboard_queries():
        names = set(re.findall(r"[a-z_]*:?precwatch_[a-z0-9_:]+", expr))
        assert names, title
        unknown = {n for n in names if n not in recorded and n not in exported}
        assert not unknown, f"{title}: {unknown}"


def test_the_dashboard_shows_what_operations_asked_for():
    exprs = " ".join(expr for _, expr in dashboard_queries())
    for wanted in (
        "records_in",  # throughput in
        "records_out",  # throughput out
        "flags_by_severity",
        "flags_by_category",
        "flags_by_method",
        "dead_letters_by_reason",
        "screening_duration_seconds:p99",  # latency percentiles
        "event_age_seconds",
        "sum by (partition) (precwatch_consumer_lag_messages",  # lag per partition
        "cache_hit_ratio",
        "screening_process_restarts",
        "precwatch_watchlist_info",  # version
        "watchlist_age_seconds",
        "instance:precwatch_events_consumed",  # per-worker breakdown
    ):
        assert wanted in exprs, wanted
