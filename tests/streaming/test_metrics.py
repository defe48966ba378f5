import urllib.request

import pytest
from prometheus_client import CollectorRegistry

from pipeline.batch import process_batch
from pipeline.messages import InMessage
from streaming.metrics import (
    RETRO_MANIFEST_OUTCOMES,
    RETRO_RUN_OUTCOMES,
    HealthState,
    Metrics,
    RetroScreeningMetrics,
    start_http_server,
)
from tests.factories import make_event, make_screener


def fresh() -> Metrics:
    return Metrics(CollectorRegistry())


def test_batch_observation_counts_and_names():
    metrics = fresh()
    screener = make_screener()
    raw = make_event({"smiles": "CC(=O)Cc1ccccc1"}).model_dump_json().encode()
    metrics.observe_batch(
        process_batch([InMessage(raw, None, "t", 0, 0, 1.7e9), InMessage(b"x", None, "t", 0, 1)], screener)
    )
    text = metrics.render().decode()
    assert "precwatch_events_consumed_total 1.0" in text
    assert 'precwatch_flags_total{category="1",method="exact",severity="high"} 1.0' in text
    assert 'precwatch_dead_letters_total{reason="invalid_json"} 1.0' in text
    assert "precwatch_screening_duration_seconds_bucket" in text
    assert 'precwatch_event_age_seconds_count{clock="kafka_timestamp"} 1.0' in text
    assert "Consignee" not in text and "26NL" not in text  # no personal data, no declaration ids


def test_data_quality_reports_are_counted_apart_from_dead_letters():
    metrics = fresh()
    raw = make_event({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "29143100"}).model_dump_json().encode()
    bad_field = raw.replace(b'"29143100"', b'"2914x"')
    metrics.observe_batch(
        process_batch([InMessage(bad_field, None, "t", 0, 0), InMessage(raw, None, "t", 0, 1)], make_screener())
    )
    assert metrics.registry.get_sample_value("precwatch_data_quality_reports_total") == 1.0
    assert metrics.registry.get_sample_value("precwatch_events_consumed_total") == 2.0
    assert "precwatch_dead_letters_total{" not in metrics.render().decode()  # screened, not dead-lettered


def test_retro_screening_outcomes_are_codes_exported_at_zero_and_nothing_else_is_a_label():
    metrics = RetroScreeningMetrics(CollectorRegistry())
    sample = metrics.registry.get_sample_value
    assert all(
        sample("precwatch_retro_screening_manifests_total", {"outcome": o}) == 0 for o in RETRO_MANIFEST_OUTCOMES
    )
    assert all(sample("precwatch_retro_screening_runs_total", {"outcome": o}) == 0 for o in RETRO_RUN_OUTCOMES)
    metrics.count_manifest("rejected")
    metrics.count_run("failed")
    assert sample("precwatch_retro_screening_manifests_total", {"outcome": "rejected"}) == 1
    assert sample("precwatch_retro_screening_runs_total", {"outcome": "failed"}) == 1
    with pytest.raises(ValueError):
        metrics.count_manifest("ignored")  # not counted: an entry record, not a manifest
    with pytest.raises(ValueError):
        metrics.count_run("watchlist-2026-12")
    assert "watchlist-2026-12" not in metrics.render().decode()


def test_watchlist_and_cache_gauges():
    metrics = fresh()
    metrics.set_watchlist("v1", 10)
    metrics.set_watchlist("v2", 12)
    metrics.set_cache(3, 1)
    text = metrics.render().decode()
    assert 'precwatch_watchlist_info{version="v2"} 1.0' in text and 'version="v1"' not in text
    assert "precwatch_watchlist_entries 12.0" in text
    assert "precwatch_cache_hit_ratio 0.75" in text


def test_watchlist_age_gauge_holds_the_as_of_date_and_zero_when_undated():
    metrics = fresh()
    metrics.set_watchlist("2026-11-29+abc", 10, "2026-11-29")
    assert metrics.registry.get_sample_value("precwatch_watchlist_as_of_timestamp_seconds") == 1795910400.0
    metrics.set_watchlist("undated+abc", 10, "undated")
    assert metrics.registry.get_sample_value("precwatch_watchlist_as_of_timestamp_seconds") == 0.0


def test_lag_gauge_drops_revoked_partitions():
    metrics = fresh()
    metrics.set_lag({0: 5, 1: 0})
    metrics.set_lag({1: 2})
    text = metrics.render().decode()
    assert 'precwatch_consumer_lag_messages{partition="1"} 2.0' in text
    assert 'partition="0"' not in text


def test_health_endpoints_follow_the_state():
    from devtools.local import free_port

    metrics, health = fresh(), HealthState()
    port = free_port()
    server = start_http_server(metrics, health, "127.0.0.1", port)
    try:

        def status(path: str) -> int:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
                    return r.status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert status("/healthz") == 200
        assert status("/readyz") == 503
        health.subscribed = True
        health.watchlist_loaded = True
        assert status("/readyz") == 200
        assert status("/metrics") == 200
        assert status("/nope") == 404
    finally:
        server.shutdown()


def test_merged_histograms_match_prometheus_semantics():
    from pipeline.histograms import LATENCY_BUCKETS, BucketCounts

    counts = BucketCounts(LATENCY_BUCKETS)
    for value in (0.0001, 0.0003, 0.002, 5.0):  # a value equal to a bound falls in that bucket (le)
        counts.add(value)
    metrics = fresh()
    metrics.latency.merge(counts)
    metrics.latency.merge(BucketCounts.from_json(LATENCY_BUCKETS, counts.to_json()))
    text = metrics.render().decode()
    assert 'precwatch_screening_duration_seconds_bucket{le="0.0001"} 2.0' in text
    assert 'precwatch_screening_duration_seconds_bucket{le="0.0005"} 4.0' in text
    assert 'precwatch_screening_duration_seconds_bucket{le="+Inf"} 8.0' in text
    assert "precwatch_screening_duration_seconds_count 8.0" in text


def test_a_scrape_can_ask_for_named_series_only():
    from devtools.local import free_port

    metrics = fresh()
    metrics.events.inc(7)
    metrics.set_watchlist("v1", 10)
    port = free_port()
    server = start_http_server(metrics, HealthState(), "127.0.0.1", port)
    try:
        base = f"http://127.0.0.1:{port}/metrics"
        with urllib.request.urlopen(base + "?name[]=precwatch_events_consumed_total", timeout=2) as r:
            only = r.read().decode()
        with urllib.request.urlopen(base, timeout=2) as r:
            everything = r.read().decode()
    finally:
        server.shutdown()
    assert "precwatch_events_consumed_total 7.0" in only
    assert "precwatch_watchlist_entries" not in only
    assert "precwatch_watchlist_entries 10.0" in everything and "precwatch_events_consumed_total 7.0" in everything


def test_idle_connections_neither_pin_threads_nor_lock_out_a_scrape(monkeypatch):
    import socket
    import threading
    import time

    import streaming.metrics as metrics_module
    from devtools.local import free_port

    monkeypatch.setattr(metrics_module, "REQUEST_TIMEOUT_S", 0.5)
    port = free_port()
    threads_before = threading.active_count()
    server = start_http_server(fresh(), HealthState(), "127.0.0.1", port, max_connections=4)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]  # connect, send nothing
    try:
        time.sleep(0.2)
        assert threading.active_count() - threads_before <= 4 + 1  # the limit, plus the server's own thread
        deadline = time.monotonic() + 5
        while True:  # once the idle connections have timed out, a scrape gets through
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "a scrape never got through"
                time.sleep(0.1)
    finally:
        for s in idle:
            s.close()
        server.shutdown()


def test_metrics_over_tls_with_basic_auth_and_open_health_endpoints(tmp_path):
    import base64
    import ssl

    import trustme

    from devtools.local import free_port

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    port = free_port()
    server = start_http_server(
        fresh(), HealthState(), "127.0.0.1", port, tls=server_context, basic_auth=("prometheus", "scrape-secret")
    )
    base = f"https://127.0.0.1:{port}"

    def status(path: str, auth: str | None = None) -> int:
        request = urllib.request.Request(base + path)
        if auth is not None:
            request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=5, context=client_context) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code

    try:
        assert status("/metrics") == 401
        assert status("/metrics", "prometheus:wrong") == 401
        assert status("/metrics", "prometheus:scrape-secret") == 200
        assert status("/healthz") == 200  # probes need no password
        with pytest.raises((urllib.error.URLError, ConnectionError)):  # plain HTTP is not served
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
    finally:
        server.shutdown()
