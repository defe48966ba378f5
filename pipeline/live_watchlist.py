"""The live watchlist: what is published on the compacted watchlist topic and how a worker applies it."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from chemistry.watchlist import COMMON_CSV, Watchlist, WatchlistInvalid, build_watchlist
from pipeline.watchlist_file import load_watchlist_from  # noqa: F401 (its callers import it from here too)
from pipeline.watchlist_trust import WatchlistTrust, check_downgrades, check_signature, sign_update
from schemas.records import WatchlistUpdate

MANIFEST_KEY = b"__watchlist__"


def watchlist_messages(
    wl: Watchlist,
    now: datetime | None = None,
    signing_key: Ed25519PrivateKey | None = None,
    downgrades_approved: list[str] | None = None,
) -> list[tuple[bytes, bytes]]:
    """One message per entry (keyed by entry id, for other consumers), then the manifest that
    workers apply (the whole watchlist at once, so a worker never sees half an update), signed
    when a key is given."""
    messages = [
        (c.id.encode(), orjson.dumps({"watchlist_version": wl.version, **c.entry.model_dump()})) for c in wl.entries
    ]
    manifest = WatchlistUpdate(
        version=wl.version,
        as_of=wl.as_of,
        csv=wl.source_text,
        published_at=now or datetime.now(UTC),
        downgrades_approved=downgrades_approved or [],
    )
    if signing_key is not None:
        manifest = sign_update(manifest, signing_key)
    messages.append((MANIFEST_KEY, manifest.model_dump_json().encode()))
    return messages


def apply_update(value: bytes, current: Watchlist | None, trust: WatchlistTrust | None) -> tuple[Watchlist | None, str]:
    """Validate a manifest message against the watchlist in force. Returns (new watchlist, "") to
    switch, (None, "") when it is the version already in force, or (None, reason) when the update is
    rejected: malformed, inconsistent, not signed by a trusted key, or removing or weakening a
    Category 1 or drug entry without approval.

    ``trust`` None skips the signature check: only for a manifest this process's worker has already
    accepted (the screening process receives nothing else)."""
    try:
        update = WatchlistUpdate.model_validate_json(value)
    except ValidationError as exc:
        return None, f"malformed watchlist update: {exc.errors()[0]['msg']}"
    if trust is not None:
        problem = check_signature(update, trust)
        if problem:
            return None, problem
    try:
        wl = build_watchlist(update.csv, COMMON_CSV.read_text(encoding="utf-8"), as_of=update.as_of)
    except WatchlistInvalid as exc:
        return None, f"invalid watchlist update {update.version}: {'; '.join(exc.problems[:3])}"
    if wl.version != update.version:
        return None, f"watchlist update claims version {update.version} but its content is {wl.version}"
    if current is not None and wl.version == current.version:
        return None, ""
    if current is not None and trust is not None:
        problem = check_downgrades(update, current, wl)
        if problem:
            return None, problem
    return wl, ""
