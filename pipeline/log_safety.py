"""Secrets never reach a log line, whatever the log level.

Kafka clients log whole protocol requests at debug level, and a SASL PLAIN authenticate request
carries the password (aiokafka: "Request to host:port n: SaslAuthenticateRequest(auth_bytes=...)").
Every log record is therefore checked, as it is created, for the configured secrets, in every form
they can take in a message (as text, and as they appear inside the repr of bytes or of a string),
and each occurrence is replaced. This works for any library's logger and any handler that Faust or
an operator installs later, because it acts on the record itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "[redacted]"


def secret_forms(secret: str) -> list[str]:
    """The ways a secret can appear in a formatted log message, longest first."""
    forms = {secret, repr(secret)[1:-1], repr(secret.encode())[2:-1]}
    return sorted((f for f in forms if f), key=len, reverse=True)


def redact(message: str, forms: list[str]) -> str:
    for form in forms:
        message = message.replace(form, REDACTED)
    return message


_forms: list[str] = []  # every secret form redacted in this process, longest first


def install_secret_redaction(secrets: Iterable[str | None]) -> None:
    """Redact these secrets from every log record created from now on (in this process). Calling
    it again adds secrets; the record factory is installed once."""
    new = {f for s in secrets if s for f in secret_forms(s)} - set(_forms)
    if not new:
        return
    first = not _forms
    _forms[:] = sorted(set(_forms) | new, key=len, reverse=True)
    if first:
        logging.setLogRecordFactory(_redacting(logging.getLogRecordFactory()))


def _redacting(previous):
    def redacting_factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report, as before
            return record
        if any(f in message for f in _forms):
            record.msg, record.args = redact(message, _forms), None
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and any(f in str(error) for f in _forms):
            record.exc_info = None  # the exception's text quotes a secret: keep the message only
            record.msg = f"{record.msg} (exception text withheld: it quoted a secret)"
        return record

    return redacting_factory
