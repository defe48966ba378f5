import sys
from pathlib import Path

import pytest

# Tests import their factories as `tests.factories` whether or not the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture(scope="session")
def broker_url(tmp_path_factory):
    """One real embedded broker (Tansu) for the session; tests isolate themselves by topic names."""
    from devtools.local import free_port, start_broker

    port = free_port()
    proc = start_broker(port, log_path=tmp_path_factory.mktemp("broker") / "broker.log")
    yield f"kafka://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session", autouse=True)
def identifier_index():
    """The identifier database's index (chemistry/identifier_db.py), built once before any test when
    missing: the workers the end-to-end tests start would otherwise each build it on first start."""
    from chemistry.identifier_db import open_identifier_database

    database, _ = open_identifier_database("auto")
    yield database


@pytest.fixture
def ctrl_c_raises_keyboard_interrupt():
    """SIGINT handled as an interactive terminal's Ctrl-C is (KeyboardInterrupt), for the tests that
    send it to this process: a shell starts a background job (`pytest ... &`, `bash .ci/run &`) with
    SIGINT ignored, Python keeps it ignored, and `precwatch screen` rightly runs on; those tests then
    saw exit code 0 where they expect 130. The handler before is given back."""
    import signal

    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def press_ctrl_c() -> None:
    """Send this process SIGINT as a terminal's Ctrl-C does, and have its handler run before returning.

    ``signal.raise_signal`` delivers it to the calling (main) thread and checks for it at once.
    ``os.kill(os.getpid(), ...)`` lets the kernel pick any thread: with other threads alive (a screening
    pool's, or a client library's), CPython may run the handler only later, once the run being
    interrupted has gone on or even ended; an interrupted run's test then failed, rarely, with exit
    code 0 (nineteenth and twentieth sessions)."""
    import signal

    signal.raise_signal(signal.SIGINT)
