"""The Faust application: `faust -A pipeline.app worker` or `precwatch worker`.

Configuration comes from PRECWATCH_* environment variables (pipeline/settings.py). The agents live
in agents/ and are registered here; they only iterate, call pure functions and send.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

import faust

from chemistry.watchlist import Watchlist, load_watchlist
from pipeline.faust_tuning import keep_every_fetched_record, set_fetch_max_wait
from pipeline.kafka import faust_credentials
from pipeline.metrics import HealthState, Metrics, start_http_server
from pipeline.offload import ScreeningProcess
from pipeline.screening import Screener
from pipeline.settings import Settings

log = logging.getLogger("precwatch")

# Settings that make Faust fast and correct against the embedded Tansu broker
# (shared/reference/embedded-broker.md). Real Kafka rejects session timeouts below 6 s by default,
# so these are a profile, not the default for production.
EMBEDDED_PROFILE = {
    "broker_session_timeout": 3.0,
    "broker_heartbeat_interval": 0.3,
    "broker_rebalance_timeout": 10.0,
    "broker_commit_interval": 0.5,
    "producer_linger": 0.005,
    # Tansu reports a partition's end offset as the start of its last record batch + 1, so Faust's
    # table recovery stops at the first record of the last changelog batch: after a restart, the
    # first-seen times of the others were lost (7 to 26 of 40 structures in
    # tests/agents/test_first_seen_recovery.py). One record per batch on Faust's own send path (the
    # changelog is all that uses it) makes recovery exact; the outputs go as large batches all the
    # same (pipeline/produce.py record_batch).
    "producer_max_batch_size": 1,
}
EMBEDDED_FETCH_MAX_WAIT_MS = 50  # see pipeline/faust_tuning.py
KAFKA_PROFILE = {"broker_commit_interval": 1.0, "producer_linger": 0.005}


@dataclass
class Runtime:
    """What the agents share: settings, the screener in force (swapped on watchlist updates), the
    screening child process, metrics and health."""

    settings: Settings
    screener: Screener
    metrics: Metrics
    health: HealthState = field(default_factory=HealthState)
    watchlist_ready: asyncio.Event = field(default_factory=asyncio.Event)
    offload: ScreeningProcess | None = None
    _offload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def ensure_offload(self) -> ScreeningProcess | None:
        """Start the screening child process once (when the settings ask for one)."""
        if self.settings.screening_processes == 0:
            return None
        async with self._offload_lock:
            if self.offload is None:
                process = ScreeningProcess(
                    on_restart=self.metrics.screening_restarts.inc,
                    answer_timeout_s=self.settings.screening_timeout_s,
                )
                await process.start()
                self.offload = process
        return self.offload

    async def use_watchlist(self, watchlist: Watchlist, manifest: bytes) -> None:
        offload = await self.ensure_offload()
        if offload is not None:
            answer = await offload.use_watchlist(manifest)
            if answer.get("watchlist") != watchlist.version:
                raise RuntimeError(f"screening process kept {answer.get('watchlist')}: {answer.get('problem')}")
        self.screener = Screener(watchlist, self.settings)
        self.metrics.set_watchlist(watchlist.version, len(watchlist))
        log.info("watchlist in force: %s (%d entries)", watchlist.version, len(watchlist))


def create_app(settings: Settings | None = None) -> faust.App:
    settings = settings or Settings.from_env()
    watchlist = load_watchlist(Path(settings.watchlist_path)) if settings.watchlist_path else load_watchlist()
    metrics = Metrics()
    runtime = Runtime(settings, Screener(watchlist, settings), metrics)
    metrics.set_watchlist(watchlist.version, len(watchlist))
    profile = EMBEDDED_PROFILE if settings.profile == "embedded" else KAFKA_PROFILE
    if settings.profile == "embedded":
        set_fetch_max_wait(EMBEDDED_FETCH_MAX_WAIT_MS)
    keep_every_fetched_record()  # at-least-once across rebalances, on any broker
    app = faust.App(
        settings.group_id,
        broker=settings.broker,
        broker_credentials=faust_credentials(settings),
        value_serializer="raw",
        key_serializer="raw",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        consumer_auto_offset_reset="earliest",
        web_enabled=False,
        **({"datadir": settings.data_dir} if settings.data_dir else {}),
        **{"producer_max_batch_size": settings.producer_max_batch_bytes, **profile},
    )

    from agents import register_all

    register_all(app, runtime)

    @app.on_partitions_assigned.connect
    async def _assigned(sender, assigned, **kwargs) -> None:  # noqa: ANN001 - faust signal signature
        runtime.health.subscribed = True
        runtime.metrics.ready.set(1 if runtime.health.ready else 0)

    @app.task
    async def _start_observability() -> None:
        runtime.metrics.up.set(1)
        if settings.metrics_port:
            start_http_server(runtime.metrics, runtime.health, settings.metrics_host, settings.metrics_port)
            log.info("metrics on http://%s:%d/metrics", settings.metrics_host, settings.metrics_port)

    @app.on_before_shutdown.connect
    def _shutdown(sender, **kwargs) -> None:  # noqa: ANN001
        if runtime.offload is not None:
            runtime.offload.begin_shutdown()
        runtime.health.alive = False
        runtime.metrics.up.set(0)
        runtime.metrics.ready.set(0)

    return app


app = create_app()
