"""Watchlist task: every worker follows the compacted watchlist topic (streaming/watchlist_follower.py)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from streaming.watchlist_follower import WatchlistFollower, open_watchlist_consumer

if TYPE_CHECKING:
    import faust

    from streaming.runtime import Runtime


def register(app: faust.App, runtime: Runtime) -> None:
    s = runtime.settings

    @app.task
    async def follow_watchlist() -> None:
        await runtime.ensure_offload()  # the screening process must see every update, in order
        follower = WatchlistFollower(
            topic=s.topic_watchlist,
            open_consumer=partial(open_watchlist_consumer, s),
            current=lambda: runtime.screener.watchlist,
            trust=runtime.watchlist_trust,
            use_watchlist=runtime.use_watchlist,
            count=runtime.count_watchlist_update,
            caught_up=runtime.watchlist_caught_up,
        )
        await runtime.guard("precwatch-watchlist", follower.run())
