"""Tiny factories for tests: an event with one goods item, and a shared screener."""

from __future__ import annotations

from functools import cache

from chemistry.watchlist import Watchlist, load_watchlist
from pipeline.screening import Screener
from pipeline.settings import Settings
from schemas.events import TransactionEvent


@cache
def bundled_watchlist() -> Watchlist:
    return load_watchlist()


def make_screener(**settings) -> Screener:
    return Screener(bundled_watchlist(), Settings(**settings))


def make_event(*items: dict, event_id: str = "evt-1", mode: str = "sea", kind: str = "import") -> TransactionEvent:
    numbered = [{"line": i, **item} for i, item in enumerate(items or ({"description": "x"},), start=1)]
    return TransactionEvent.model_validate(
        {
            "event_id": event_id,
            "declaration_id": "26NL0000000000001",
            "source": "test",
            "kind": kind,
            "occurred_at": "2026-11-01T10:00:00Z",
            "consignor": {"name": "Consignor Ltd", "country": "CN"},
            "consignee": {"name": "Consignee B.V.", "country": "NL", "eori": "NL123456789"},
            "transport": {"mode": mode, "dispatch_country": "CN", "destination_country": "NL"},
            "items": numbered,
        }
    )


def screen_one(item: dict, screener: Screener | None = None, **event_kwargs):
    """Screen a single goods item and return its verdict."""
    screener = screener or make_screener()
    event = make_event(item, **event_kwargs)
    return screener.screen_item(event, event.items[0])
