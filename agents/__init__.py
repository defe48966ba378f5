"""Faust agents: thin wrappers that iterate a stream, call pure functions from pipeline/ and streaming/, and send."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import faust

    from streaming.runtime import Runtime


def register_all(app: faust.App, runtime: Runtime) -> None:
    from agents import repository, screening, watchlist

    screening.register(app, runtime)
    repository.register(app, runtime)
    watchlist.register(app, runtime)
    from agents import intelligence  # issue 12: stateful signals

    intelligence.register(app, runtime)
