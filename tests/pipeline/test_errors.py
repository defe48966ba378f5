import pytest

from pipeline.errors import (
    EXIT_FAILED,
    EXIT_INCOMPATIBLE,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    AuthenticationRefused,
    BrokerUnavailable,
    ConfigError,
    IncompatibleLibrary,
    InputUnavailable,
    PortInUse,
    PrecwatchError,
    UsageError,
    WorkerFailed,
    exit_code_of,
)


@pytest.mark.parametrize(
    ("error", "code", "restart"),
    [
        (UsageError("x"), EXIT_USAGE, False),
        (ConfigError("x"), EXIT_USAGE, False),
        (AuthenticationRefused("x"), EXIT_USAGE, False),
        (PortInUse("x"), EXIT_USAGE, False),
        (InputUnavailable("x"), EXIT_UNAVAILABLE, False),
        (BrokerUnavailable("x"), EXIT_UNAVAILABLE, True),
        (IncompatibleLibrary("x"), EXIT_INCOMPATIBLE, False),
        (WorkerFailed("x"), EXIT_FAILED, True),
    ],
)
def test_each_class_carries_its_disposition(error: PrecwatchError, code: int, restart: bool) -> None:
    assert error.exit_code == code
    assert error.restart is restart
    assert exit_code_of(error) == code


def test_a_foreign_exception_is_a_plain_failure() -> None:
    assert exit_code_of(ValueError("x")) == EXIT_FAILED


def test_the_user_message_carries_the_hint() -> None:
    assert (
        BrokerUnavailable("no broker at 127.0.0.1:1")
        .user_message()
        .startswith("no broker at 127.0.0.1:1 (is the broker")
    )
    assert UsageError("bad", hint="use --port").user_message() == "bad (use --port)"
    assert UsageError("bad").user_message() == "bad"


def test_the_systemd_unit_does_not_restart_what_cannot_heal() -> None:
    from pathlib import Path

    unit = (Path(__file__).resolve().parents[2] / "deploy" / "precursor-watch.service").read_text()
    prevented = {
        int(c)
        for line in unit.splitlines()
        if line.startswith("RestartPreventExitStatus=")
        for c in line.split("=")[1].split()
    }
    no_restart = {cls("x").exit_code for cls in (UsageError, IncompatibleLibrary)}
    assert no_restart <= prevented
    assert BrokerUnavailable("x").exit_code not in prevented
