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
