"""The live watchlist: what is published on the compacted watchlist topic and how a worker applies it."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
from pydantic import ValidationError

from chemistry.watchlist import COMMON_CSV, Watchlist, WatchlistInvalid, build_watchlist
from schemas.records import WatchlistUpdate

MANIFEST_KEY = b"__watchlist__"


def watchlist_messages(wl: Watchlist, now: datetime | None = None) -> list[tuple[bytes, bytes]]:
    """One message per entry (keyed by entry id, for other consumers), then the manifest that
    workers apply (the whole watchlist at once, so a worker never sees half an update)."""
    messages = [
        (c.id.encode(), orjson.dumps({"watchlist_version": wl.version, **c.entry.model_dump()})) for c in wl.entries
    ]
    manifest = WatchlistUpdate(
        version=wl.version, as_of=wl.as_of, csv=wl.source_text, published_at=now or datetime.now(UTC)
    )
    messages.append((MANIFEST_KEY, manifest.model_dump_json().encode()))
    return messages


def apply_update(value: bytes, current_version: str | None) -> tuple[Watchlist | None, str]:
    """Validate a manifest message. Returns (new watchlist, "") to switch, (None, "") when it is the
    version already in force, or (None, reason) when the update is rejected."""
    try:
        update = WatchlistUpdate.model_validate_json(value)
    except ValidationError as exc:
        return None, f"malformed watchlist update: {exc.errors()[0]['msg']}"
    try:
        wl = build_watchlist(update.csv, COMMON_CSV.read_text(encoding="utf-8"), as_of=update.as_of)
    except WatchlistInvalid as exc:
        return None, f"invalid watchlist update {update.version}: {'; '.join(exc.problems[:3])}"
    if wl.version != update.version:
        return None, f"watchlist update claims version {update.version} but its content is {wl.version}"
    if wl.version == current_version:
        return None, ""
    return wl, ""
