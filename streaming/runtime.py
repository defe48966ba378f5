"""What the agents share: settings, the screener in force (swapped on watchlist updates), the
screening child process, metrics and health."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from chemistry.watchlist import Watchlist
from pipeline.screening import Screener
from pipeline.settings import Settings
from pipeline.watchlist_trust import WatchlistTrust
from streaming.metrics import HealthState, Metrics
from streaming.screening_process import ScreeningProcess

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
        self.metrics.set_watchlist(watchlist.version, len(watchlist))
        log.info("watchlist in force: %s (%d entries)", watchlist.version, len(watchlist))
