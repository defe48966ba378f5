"""One error hierarchy; each class says what happens to the work that raised it.

Bad input is not an exception here: stages return dead-letter values (pipeline/decode.py) and
watchlist updates return a rejection reason (pipeline/live_watchlist.py). Exceptions are left for
what stops a process."""

from __future__ import annotations

from typing import Literal

Disposition = Literal["fatal"]


class PrecwatchError(Exception):
    disposition: Disposition = "fatal"


class ConfigError(PrecwatchError):
    """Settings that make no sense: the process stops with a clear message."""

    disposition: Disposition = "fatal"


class AuthenticationRefused(ConfigError):
    """The broker refused the configured credentials: retrying with the same ones cannot help."""

    disposition: Disposition = "fatal"
