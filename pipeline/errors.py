"""One error hierarchy; each class says what happens to the work that raised it."""

from __future__ import annotations

from typing import Literal

Disposition = Literal["dead_letter", "reject_update", "fatal"]


class PrecwatchError(Exception):
    disposition: Disposition = "fatal"


class InputRejected(PrecwatchError):
    """A message or line that cannot be decoded or validated: it goes to the dead-letter sink."""

    disposition: Disposition = "dead_letter"

    def __init__(self, reason: str, location: str):
        super().__init__(reason)
        self.reason = reason
        self.location = location


class WatchlistRejected(PrecwatchError):
    """A watchlist update that fails validation: the last good version stays in force."""

    disposition: Disposition = "reject_update"


class ConfigError(PrecwatchError):
    """Settings that make no sense: the process stops with a clear message."""

    disposition: Disposition = "fatal"
