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


# --- issue 12: consignments for the stateful signals' scenarios ------------------------------------------


def exact_entry_ids(verdict) -> set[str]:
    """The watchlist entries a verdict matched exactly (the substance found as itself)."""
    return {f.entry.id for f in verdict.findings if f.entry is not None and f.method == "exact"}


def assert_high_as_itself(verdict, entry_id: str) -> None:
    """The verdict is `high` or above and matched ``entry_id`` exactly, not only through a class."""
    from pipeline.scoring import SEVERITY_RANK

    assert verdict.severity is not None and SEVERITY_RANK[verdict.severity] >= SEVERITY_RANK["high"], verdict.severity
    assert entry_id in exact_entry_ids(verdict), exact_entry_ids(verdict)


def assert_schedule_read_in_the_finnish_decree(entry_id: str, schedule: str) -> None:
    """A drug entry added from the Finnish decree 244/2024's copy of the UN lists says so, with no CAS number (none
    was read there)."""
    entry = bundled_watchlist().by_id[entry_id].entry
    assert entry.category == schedule
    assert "Finnish decree 244/2024" in entry.legal_source and "FI-FINLEX-244-2024" in entry.refs
    assert not entry.cas


def make_consignment(
    event_id: str,
    day: int,
    *items: dict,
    consignee: tuple[str, str | None] = ("Acme Chemicals B.V.", "NL000000001"),
    address: str | None = None,
    consignor: tuple[str, str] = ("Supplier Co Ltd", "CN"),
    mode: str = "air",
    dispatch: str = "CN",
    hour: int = 10,
) -> TransactionEvent:
    """An import on 2026-11-<day> (event time) to ``consignee`` (name, EORI) with these goods items."""
    party = {"name": consignee[0], "eori": consignee[1], "country": "NL", "address": address}
    return TransactionEvent.model_validate(
        {
            "event_id": event_id,
            "declaration_id": "26NL" + event_id,
            "source": "test",
            "kind": "import",
            "occurred_at": f"2026-11-{day:02d}T{hour:02d}:00:00Z",
            "consignor": {"name": consignor[0], "country": consignor[1]},
            "consignee": {k: v for k, v in party.items() if v is not None},
            "transport": {"mode": mode, "dispatch_country": dispatch, "destination_country": "NL"},
            "items": [{"line": i, **item} for i, item in enumerate(items, start=1)],
        }
    )
