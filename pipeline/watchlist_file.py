"""The watchlist a process starts from, read from a file: apart from pipeline/live_watchlist.py (the
published watchlist, its signatures and their keys), so that `precwatch screen` does not import the
cryptography it never uses before it can fork its screening children."""

from __future__ import annotations

from pathlib import Path

from chemistry.watchlist import Watchlist, WatchlistInvalid, load_watchlist
from pipeline.errors import ConfigError, InputUnavailable


def load_watchlist_from(path: str | None) -> Watchlist:
    """The watchlist a process starts from: the CSV at path (the `watchlist_path` setting or a command's
    argument), or the bundled one. A missing file is InputUnavailable, an invalid one a ConfigError."""
    if path is None:
        return load_watchlist()
    if not Path(path).is_file():
        raise InputUnavailable(f"watchlist {path} not found")
    try:
        return load_watchlist(Path(path))
    except WatchlistInvalid as exc:
        raise ConfigError(f"watchlist {path} is invalid: {exc}") from exc
