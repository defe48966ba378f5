import logging

import pytest

from pipeline.log_safety import REDACTED, install_secret_redaction

SECRET = "s3cr3t-P@ss\u00e9"  # with a non-ASCII character, which bytes reprs escape


@pytest.fixture
def captured():
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    logger = logging.getLogger("aiokafka.conn")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    install_secret_redaction([SECRET])
    yield records
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_a_sasl_request_logged_at_debug_level_does_not_show_the_password(captured):
    auth_bytes = b"\x00precwatch-svc\x00" + SECRET.encode()
    logging.getLogger("aiokafka.conn").debug("Request to %s:%d %d: %s", "broker", 9093, 7, {"auth_bytes": auth_bytes})
    logging.getLogger("aiokafka.conn").debug("plain text %s and repr %r", SECRET, SECRET)
    assert len(captured) == 2
    assert all(SECRET not in line and repr(SECRET.encode())[2:-1] not in line for line in captured)
    assert all(REDACTED in line for line in captured)
    assert "precwatch-svc" in captured[0]  # only the secret goes


def test_an_exception_quoting_the_password_is_withheld(captured):
    try:
        raise ValueError(f"login failed for {SECRET}")
    except ValueError:
        logging.getLogger("aiokafka.conn").exception("connection failed")
    (line,) = captured
    assert SECRET not in line and "withheld" in line


def test_ordinary_records_are_left_alone(captured):
    logging.getLogger("aiokafka.conn").info("connected to %s", "broker:9093")
    assert captured == ["connected to broker:9093"]
