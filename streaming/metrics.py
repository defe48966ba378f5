"""Prometheus metrics (the worker's container and the retro-screening follower's, each built from an
injected registry: every series the project exports is defined here) and the health endpoints.

Label values are low-cardinality codes only: severities, categories, methods, reason codes,
partitions. No trader names, declaration ids or substances appear in metrics.
"""

from __future__ import annotations

import base64
import hmac
import ssl
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import HistogramMetricFamily

from pipeline.histograms import AGE_BUCKETS, LATENCY_BUCKETS, BucketCounts
from pipeline.messages import BatchResult

# What a live watchlist update can come to (streaming/watchlist_follower.py).
WATCHLIST_UPDATE_RESULTS = ("applied", "unchanged", "rejected")
# What a manifest read by the retro-screening follower, and one of its runs, can come to (cli/retro_screening.py).
RETRO_MANIFEST_OUTCOMES = ("changed", "unchanged", "rejected")
RETRO_RUN_OUTCOMES = ("complete", "interrupted", "failed")


class MergedHistogram:
    """A Prometheus histogram fed with whole bucket counts (see pipeline/histograms.py)."""

    def __init__(self, name: str, documentation: str, bounds: tuple[float, ...], label: str | None = None):
        self.name = name
        self.documentation = documentation
        self.bounds = bounds
        self.label = label
        self.series: dict[str, BucketCounts] = {}

    def merge(self, counts: BucketCounts, label_value: str = "") -> None:
        self.series.setdefault(label_value, BucketCounts(self.bounds)).merge(counts)

    def collect(self):
        family = HistogramMetricFamily(self.name, self.documentation, labels=[self.label] if self.label else None)
        for label_value, counts in sorted(self.series.items()):
            cumulative, buckets = 0, []
            for bound, count in zip((*self.bounds, float("inf")), counts.counts, strict=True):
                cumulative += count
                buckets.append(("+Inf" if bound == float("inf") else repr(float(bound)), cumulative))
            family.add_metric([label_value] if self.label else [], buckets, counts.total)
        yield family


class Exposition:
    """A container of series in a registry of its own, which start_http_server serves."""

    registry: CollectorRegistry

    def render(self, names: Iterable[str] | None = None) -> bytes:
        """The exposition text; with ``names``, only those series (``/metrics?name[]=...``, as in
        prometheus_client's own server): a cheap scrape for a tool that polls one counter often."""
        names = list(names or ())
        return generate_latest(self.registry.restricted_registry(names) if names else self.registry)


class Metrics(Exposition):
    def __init__(self, registry: CollectorRegistry | None = None):
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.events = Counter("precwatch_events_consumed_total", "Transaction events consumed and decoded.", registry=r)
        self.items = Counter("precwatch_items_screened_total", "Goods items screened.", registry=r)
        self.flags = Counter(
            "precwatch_flags_total",
            "Flags produced, by severity, category of the strongest match and its method.",
            ["severity", "category", "method"],
            registry=r,
        )
        self.dead_letters = Counter(
            "precwatch_dead_letters_total", "Messages sent to the dead-letter topic, by reason.", ["reason"], registry=r
        )
        self.data_quality_reports = Counter(
            "precwatch_data_quality_reports_total",
            "Events screened without fields that failed validation, whose errors were reported on the dead-letter "
            "topic (reason code data_quality; not in precwatch_dead_letters_total).",
            registry=r,
        )
        self.latency = MergedHistogram(
            "precwatch_screening_duration_seconds", "Screening time per event.", LATENCY_BUCKETS
        )
        self.event_age = MergedHistogram(
            "precwatch_event_age_seconds",
            "Age of an event when screened, from its occurred_at or from its Kafka timestamp.",
            AGE_BUCKETS,
            label="clock",
        )
        r.register(self.latency)
        r.register(self.event_age)
        self.lag = Gauge(
            "precwatch_consumer_lag_messages",
            "Messages behind the end of each assigned input partition.",
            ["partition"],
            registry=r,
        )
        self.cache_hits = Gauge(
            "precwatch_cache_hits", "Per-structure analysis cache hits since the watchlist was loaded.", registry=r
        )
        self.cache_misses = Gauge(
            "precwatch_cache_misses", "Per-structure analysis cache misses since the watchlist was loaded.", registry=r
        )
        self.cache_ratio = Gauge("precwatch_cache_hit_ratio", "Analysis cache hit ratio (0-1).", registry=r)
        self.watchlist_info = Gauge(
            "precwatch_watchlist_info", "Watchlist in force (value 1, version as label).", ["version"], registry=r
        )
        self.watchlist_entries = Gauge("precwatch_watchlist_entries", "Entries in the watchlist in force.", registry=r)
        self.watchlist_as_of = Gauge(
            "precwatch_watchlist_as_of_timestamp_seconds",
            "Legal-state date (as_of) of the watchlist in force, as Unix time; 0 when the watchlist is undated.",
            registry=r,
        )
        self.watchlist_updates = Counter(
            "precwatch_watchlist_updates_total", "Watchlist updates received, by result.", ["result"], registry=r
        )
        # Exported at 0 from the start: a first rejection must be an increase Prometheus can see
        # (a series that appears at 1 has no increase), or PrecwatchWatchlistUpdateRejected misses it.
        for result in WATCHLIST_UPDATE_RESULTS:
            self.watchlist_updates.labels(result)
        self.screening_restarts = Counter(
            "precwatch_screening_process_restarts",
            "Restarts of the screening process after it died (an event that kills it is isolated and dead-lettered).",
            registry=r,
        )
        self.offsets_reread = Counter(
            "precwatch_offsets_reread",
            "Offsets the consumer skipped (at a rebalance or a start) that were read again: of the input (screened), the "
            "observations (applied) and the sightings (recorded).",
            registry=r,
        )
        # --- stateful signals (issue 12; docs/intelligence.md)
        self.observations = Counter(
            "precwatch_observations_total",
            "Observations the stateful signals read, by outcome (counted, duplicate, late, future, unreadable).",
            ["outcome"],
            registry=r,
        )
        self.follow_ups = Counter(
            "precwatch_follow_up_flags_total", "Follow-up flags written by the stateful signals.", registry=r
        )
        self.state_keys_expired = Counter(
            "precwatch_state_keys_expired_total",
            "Table keys (traders, names, addresses, substances) dropped after the trader memory.",
            registry=r,
        )
        # --- information repository (issue 12; docs/repository.md)
        self.repository_sightings = Counter(
            "precwatch_repository_sightings_total",
            "Sightings the information repository recorded (one audit record each).",
            registry=r,
        )
        self.up = Gauge("precwatch_worker_up", "1 while the worker runs.", registry=r)
        self.ready = Gauge("precwatch_worker_ready", "1 when subscribed and the watchlist is loaded.", registry=r)

    def observe_batch(self, result: BatchResult) -> None:
        self.events.inc(result.events)
        self.items.inc(result.items)
        for severity, category, method in result.flags:
            self.flags.labels(severity, category, method).inc()
        for code in result.dead_letter_codes:
            self.dead_letters.labels(code).inc()
        self.data_quality_reports.inc(result.data_quality_reports)
        self.latency.merge(result.latency)
        self.event_age.merge(result.age_occurred, "occurred_at")
        self.event_age.merge(result.age_kafka, "kafka_timestamp")

    def set_cache(self, hits: int, misses: int) -> None:
        self.cache_hits.set(hits)
        self.cache_misses.set(misses)
        self.cache_ratio.set(hits / (hits + misses) if hits + misses else 0.0)

    def set_lag(self, lag_by_partition: dict[int, int]) -> None:
        self.lag.clear()  # revoked partitions disappear
        for partition, lag in lag_by_partition.items():
            self.lag.labels(str(partition)).set(lag)

    def set_watchlist(self, version: str, entries: int, as_of: str = "") -> None:
        self.watchlist_info.clear()
        self.watchlist_info.labels(version).set(1)
        self.watchlist_entries.set(entries)
        self.watchlist_as_of.set(as_of_timestamp(as_of))


class RetroScreeningMetrics(Exposition):
    """Prometheus series of the retro-screening follower (`precwatch rescreen --on-watchlist-change`);
    labels are codes only (outcome, from the fixed sets above)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.versions = Counter(
            "precwatch_retro_screening_manifests_total",
            "Watchlist manifests read after the committed offset, by outcome: changed (a new version), "
            "unchanged (the version in force again), rejected (refused as a worker refuses it).",
            ["outcome"],
            registry=r,
        )
        self.runs = Counter(
            "precwatch_retro_screening_runs_total",
            "Retro-screening runs, by outcome: complete, interrupted (resumed by the next run) or failed.",
            ["outcome"],
            registry=r,
        )
        # Exported at 0 from the start, as the worker's watchlist updates: a first rejection or failure
        # must be an increase Prometheus can see.
        for outcome in RETRO_MANIFEST_OUTCOMES:
            self.versions.labels(outcome)
        for outcome in RETRO_RUN_OUTCOMES:
            self.runs.labels(outcome)
        self.records = Counter(
            "precwatch_retro_screening_records_total", "Transaction records re-screened.", registry=r
        )
        self.published = Counter(
            "precwatch_retro_screening_flags_published_total",
            "Retro flags published (new or more severe than any before for their item).",
            registry=r,
        )
        self.running = Gauge(
            "precwatch_retro_screening_running", "1 while a retro-screening run is in progress.", registry=r
        )
        self.run_records = Gauge(
            "precwatch_retro_screening_run_records",
            "Records re-screened so far by the run in progress (or the last one).",
            registry=r,
        )

    def count_manifest(self, outcome: str) -> None:
        self.versions.labels(_code(outcome, RETRO_MANIFEST_OUTCOMES)).inc()

    def count_run(self, outcome: str) -> None:
        self.runs.labels(_code(outcome, RETRO_RUN_OUTCOMES)).inc()


def _code(value: str, codes: tuple[str, ...]) -> str:
    """A label value from its fixed set: anything else is a programming error, never a new series."""
    if value not in codes:
        raise ValueError(f"{value!r} is not one of {codes}")
    return value


def as_of_timestamp(as_of: str) -> float:
    """'2026-11-29' -> Unix time of that day's start (UTC); 0 for an undated or unreadable as_of, so that
    an alert on the watchlist's age fires for it rather than staying silent."""
    try:
        moment = datetime.fromisoformat(as_of)
    except ValueError:
        return 0.0
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


class HealthState:
    """What /healthz and /readyz report; set by the worker."""

    def __init__(self) -> None:
        self.alive = True
        self.subscribed = False
        self.watchlist_loaded = False

    @property
    def ready(self) -> bool:
        return self.alive and self.subscribed and self.watchlist_loaded


# A scraper that opens connections and sends nothing must not pin a thread each: every connection
# gets this long to send its request, and at most this many are served at once (the rest are
# closed at once; Prometheus retries at its next scrape).
REQUEST_TIMEOUT_S = 5.0
MAX_CONNECTIONS = 16


class BoundedHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server with a limit on simultaneous connections, optionally over TLS."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        limit: int,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(address, handler)
        self._slots = threading.BoundedSemaphore(limit)
        if tls is not None:
            # The handshake is left to each connection's own thread (see the handler's setup), under
            # its timeout: a client that stalls it must not hold up accepting the others.
            self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def handle_error(self, request, client_address) -> None:
        return  # a failed handshake or a dropped connection is the client's affair, not the worker log's

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def start_http_server(
    metrics: Exposition,
    health: HealthState,
    host: str,
    port: int,
    max_connections: int = MAX_CONNECTIONS,
    tls: ssl.SSLContext | None = None,
    basic_auth: tuple[str, str] | None = None,
) -> ThreadingHTTPServer:
    """Serve /metrics, /healthz and /readyz from a daemon thread; over TLS with ``tls``, and /metrics
    only to ``basic_auth`` (user, password) when given (probes reach the health endpoints without)."""
    expected = (
        b"Basic " + base64.b64encode(f"{basic_auth[0]}:{basic_auth[1]}".encode()) if basic_auth is not None else None
    )

    class Handler(BaseHTTPRequestHandler):
        timeout = REQUEST_TIMEOUT_S  # applied to the connection's socket by StreamRequestHandler

        def setup(self) -> None:
            self.request.settimeout(self.timeout)
            if isinstance(self.request, ssl.SSLSocket):
                self.request.do_handshake()
            super().setup()

        def do_GET(self) -> None:
            if self.path.startswith("/metrics") and expected is not None and not self._authorised():
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="precursor-watch metrics"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path.startswith("/metrics"):
                names = parse_qs(urlsplit(self.path).query).get("name[]")
                self._reply(200, metrics.render(names), CONTENT_TYPE_LATEST)
            elif self.path.startswith("/healthz"):
                self._reply(200 if health.alive else 503, b"ok\n" if health.alive else b"down\n")
            elif self.path.startswith("/readyz"):
                body = (
                    f"subscribed={str(health.subscribed).lower()} "
                    f"watchlist_loaded={str(health.watchlist_loaded).lower()}\n"
                ).encode()
                self._reply(200 if health.ready else 503, body)
            else:
                self._reply(404, b"not found\n")

        def _authorised(self) -> bool:
            given = (self.headers.get("Authorization") or "").encode()
            return hmac.compare_digest(given, expected)  # constant time: no timing hints to guessers

        def _reply(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # keeps request logs out of the worker's log
            return

    server = BoundedHTTPServer((host, port), Handler, max_connections, tls)
    threading.Thread(target=server.serve_forever, name="precwatch-metrics", daemon=True).start()
    return server
