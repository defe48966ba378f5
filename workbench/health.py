"""Worker health for the Operations page, read from the workers' own endpoints (/healthz, /readyz,
/metrics): the workbench shows what the workers say, it does not judge them itself."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field

TIMEOUT_S = 1.5
MAX_METRICS_BYTES = 2_000_000


@dataclass(slots=True)
class WorkerHealth:
    url: str
    alive: bool | None = None
    ready: bool | None = None
    lag: float | None = None
    watchlist_version: str = ""
    problem: str = ""
    counters: dict[str, float] = field(default_factory=dict)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:  # only the configured http(s) URLs
            return response.status, response.read(MAX_METRICS_BYTES)
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def worker_health(base_url: str) -> WorkerHealth:
    base = base_url.rstrip("/")
    health = WorkerHealth(url=base)
    if not base.startswith(("http://", "https://")):
        health.problem = "not an http(s) URL"
        return health
    try:
        health.alive = _get(base + "/healthz")[0] == 200
        health.ready = _get(base + "/readyz")[0] == 200
        status, body = _get(base + "/metrics")
    except (OSError, ValueError) as exc:
        health.problem = f"not reachable ({type(exc).__name__})"
        return health
    if status != 200:
        health.problem = f"/metrics answered {status}"
        return health
    read_metrics(body.decode("utf-8", "replace"), health)
    return health


def read_metrics(text: str, health: WorkerHealth) -> None:
    from prometheus_client.parser import text_string_to_metric_families

    lag = 0.0
    seen_lag = False
    try:
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name == "precwatch_consumer_lag_messages":
                    lag += sample.value
                    seen_lag = True
                elif sample.name == "precwatch_watchlist_info" and sample.value == 1:
                    health.watchlist_version = sample.labels.get("version", "")
                elif sample.name in (
                    "precwatch_events_consumed_total",
                    "precwatch_items_screened_total",
                    "precwatch_flags_total",
                    "precwatch_dead_letters_total",
                ):
                    health.counters[sample.name] = health.counters.get(sample.name, 0.0) + sample.value
    except ValueError:
        health.problem = "unreadable /metrics"
    health.lag = lag if seen_lag else None
