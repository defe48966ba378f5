"""One error hierarchy; each class says what happens to the process that raised it.

Bad input is not an exception here: stages return dead-letter values (pipeline/decode.py) and
watchlist updates return a rejection reason (pipeline/live_watchlist.py). Exceptions are left for
what stops a command or a worker, and their class decides how:

- ``exit_code``: what the command exits with (the CLI maps every error through ``exit_code_of``);
- ``restart``: whether a supervisor should start the worker again (systemd's
  ``RestartPreventExitStatus`` in deploy/precursor-watch.service lists the codes where it should not);
- ``hint``: what to tell the user to change, appended to the message.

Exit codes: 0 ran; 1 the work failed (e.g. the demo saw fewer flags than expected, an invalid
watchlist file); 2 usage or settings that cannot work as given (restarting cannot help);
3 the outside world failed (a file, the broker): trying again later can help; 4 the installed
faust-streaming/aiokafka do not behave as this version relies on (reinstall the pinned versions).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3
EXIT_INCOMPATIBLE = 4


class PrecwatchError(Exception):
    """Base class: the process stops; the message is meant for the user (no traceback)."""

    exit_code: int = EXIT_FAILED
    restart: bool = True
    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def user_message(self) -> str:
        text = str(self)
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(PrecwatchError):
    """Arguments that make no sense (missing input, a negative count): exit 2, never restarted."""

    exit_code = EXIT_USAGE
    restart = False


class ConfigError(UsageError):
    """Settings that cannot work as given (invalid values, missing SASL credentials)."""


class AuthenticationRefused(ConfigError):
    """The broker refused the configured credentials: retrying with the same ones cannot help."""


class PortInUse(ConfigError):
    """A port this process must listen on is taken by another process."""


class Unavailable(PrecwatchError):
    """Something outside could not be used now (a file, the broker): exit 3; a supervisor may retry."""

    exit_code = EXIT_UNAVAILABLE
    restart = True


class InputUnavailable(Unavailable):
    """A file that could not be read or written."""

    restart = False  # a command line's file does not appear by itself


class BrokerUnavailable(Unavailable):
    """The Kafka broker could not be reached (or answered with an error) within the time allowed."""

    hint = "is the broker running, and are PRECWATCH_BROKER and the TLS/SASL settings right?"


class IncompatibleLibrary(PrecwatchError):
    """faust-streaming or aiokafka do not have the internals the delivery guarantees rely on
    (streaming/compat.py): the worker refuses to start rather than silently lose them."""

    exit_code = EXIT_INCOMPATIBLE
    restart = False
    hint = "install the versions pinned in pyproject.toml"


class WorkerFailed(PrecwatchError):
    """The worker cannot go on (its screening process cannot work, a skipped offset cannot be
    re-read): exit 1; a supervisor restarts it and it resumes from the committed offsets."""


def exit_code_of(error: BaseException) -> int:
    return error.exit_code if isinstance(error, PrecwatchError) else EXIT_FAILED
