"""What the agents share: settings, the screener in force (swapped on watchlist updates), the
screening child process, metrics and health."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import dataclass, field

from chemistry.watchlist import Watchlist
from pipeline.batch import screen_batch
from pipeline.messages import BatchResult, RawMessage
from pipeline.screening import Screener
from pipeline.settings import Settings
from pipeline.watchlist_trust import WatchlistTrust
from streaming.continuity import Hole
from streaming.metrics import HealthState, Metrics
from streaming.screening_process import ScreeningProcess, describe_failure

log = logging.getLogger("precwatch")


@dataclass
class Runtime:
    """What the agents share: settings, the screener in force (swapped on watchlist updates), the
    screening child process, metrics and health."""

    settings: Settings
    screener: Screener
    metrics: Metrics
    health: HealthState = field(default_factory=HealthState)
    watchlist_ready: asyncio.Event = field(default_factory=asyncio.Event)
    watchlist_trust: WatchlistTrust = field(default_factory=WatchlistTrust)  # whose watchlist updates apply
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
        self.metrics.set_watchlist(watchlist.version, len(watchlist), watchlist.as_of)
        log.info("watchlist in force: %s (%d entries)", watchlist.version, len(watchlist))

    def screen_here(
        self, messages: Sequence[RawMessage], partitions: Mapping[str, int]
    ) -> tuple[BatchResult, tuple[int, int]]:
        """Screen a batch on this event loop (no screening process), with the screener in force."""
        screener = self.screener
        return screen_batch(messages, screener, partitions), screener.cache_stats()

    def batch_delivered(self, result: BatchResult, cache: tuple[int, int]) -> None:
        self.metrics.observe_batch(result)
        self.metrics.set_cache(*cache)

    def offsets_reread(self, holes: list[Hole]) -> None:
        self.metrics.offsets_reread.inc(sum(map(len, holes)))

    def watchlist_caught_up(self) -> None:
        """The watchlist topic is read to its end (or missing): screening may start."""
        self.health.watchlist_loaded = True
        self.watchlist_ready.set()
        self.refresh_ready()

    def subscribed(self) -> None:
        """Partitions were assigned."""
        self.health.subscribed = True
        self.refresh_ready()

    def refresh_ready(self) -> None:
        self.metrics.ready.set(1 if self.health.ready else 0)

    def mark_down(self) -> None:
        """Not alive (stopping, or an agent stopped): /healthz 503, up 0, ready 0."""
        self.health.alive = False
        self.metrics.up.set(0)
        self.metrics.ready.set(0)

    async def guard(self, agent: str, work: Awaitable[None]) -> None:
        """Run an agent's work; if it stops on an error, the worker reports itself unhealthy so that its
        supervisor restarts it (it resumes from the committed offsets, losing nothing). The error's
        type and place are logged, not its message (it may quote traders' data)."""
        try:
            await work
        except Exception as error:
            self.agent_crashed(agent, error)
            raise

    def agent_crashed(self, agent: str, error: BaseException) -> None:
        self.mark_down()
        log.error("agent %s stopped on %s: the worker reports itself unhealthy", agent, describe_failure(error))

    def count_watchlist_update(self, outcome: str) -> None:
        self.metrics.watchlist_updates.labels(outcome).inc()
