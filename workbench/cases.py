"""Cases: the triage history of a flag (assign, acknowledge, dismiss with a reason, comment).

Every change is published on the compacted cases topic keyed by flag id. Compaction keeps only a
key's newest message, so each message carries the case's *whole* history: the newest message is
the case. Instances that publish concurrently each add their event to the history they know; the
consumer merges histories by event id, so no instance loses an event it has read, and a database
rebuilt from the topic has every case.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from workbench.extract import parse_time

ACTIONS = ("assign", "acknowledge", "dismiss", "reopen", "comment")
DISMISS_REASONS = {
    "legitimate_trade": "legitimate trade (licensed or known user)",
    "misidentified": "substance misidentified (declaration or resolution error)",
    "duplicate": "duplicate of another case",
    "below_threshold": "quantity below any operational interest",
    "other": "other (see comment)",
}
MAX_COMMENT = 4000


class CaseChangeRefused(ValueError):
    """A change the form should not have sent (unknown action, missing reason): shown to the user."""


@dataclass(frozen=True, slots=True)
class CaseChange:
    action: str
    username: str
    assignee: str = ""
    reason_code: str = ""
    comment: str = ""


def check_change(change: CaseChange) -> None:
    if change.action not in ACTIONS:
        raise CaseChangeRefused(f"unknown case action {change.action[:30]!r}")
    if change.action == "assign" and not change.assignee:
        raise CaseChangeRefused("assign to whom? choose a user")
    if change.action == "dismiss" and change.reason_code not in DISMISS_REASONS:
        raise CaseChangeRefused("a dismissal needs a reason code")
    if change.action == "comment" and not change.comment.strip():
        raise CaseChangeRefused("an empty comment")
    if len(change.comment) > MAX_COMMENT:
        raise CaseChangeRefused(f"a comment has at most {MAX_COMMENT} characters")


def new_event(change: CaseChange, at: datetime) -> dict:
    check_change(change)
    return {
        "event_id": uuid.uuid4().hex,
        "at": at.isoformat() + "Z",
        "user": change.username,
        "action": change.action,
        "assignee": change.assignee if change.action == "assign" else "",
        "reason_code": change.reason_code if change.action == "dismiss" else "",
        "comment": change.comment.strip(),
    }


def case_message(flag_id: str, history: list[dict], event: dict) -> dict:
    """The cases-topic message after ``event``: the whole history, oldest first."""
    events = {e["event_id"]: e for e in history}
    events[event["event_id"]] = event
    return {
        "schema_version": 1,
        "flag_id": flag_id,
        "events": sorted(events.values(), key=lambda e: (e["at"], e["event_id"])),
    }


def case_event_row(flag_id: str, event: dict) -> dict | None:
    """The store row of one event of a cases message; None for an event it cannot read."""
    if not isinstance(event, dict):
        return None
    at = parse_time(event.get("at"))
    event_id = str(event.get("event_id") or "")
    action = str(event.get("action") or "")
    if at is None or not event_id or action not in ACTIONS:
        return None
    return {
        "event_id": event_id[:64],
        "flag_id": flag_id[:64],
        "at": at,
        "username": str(event.get("user") or "")[:100],
        "action": action,
        "assignee": str(event.get("assignee") or "")[:100],
        "reason_code": str(event.get("reason_code") or "")[:64],
        "comment": str(event.get("comment") or "")[:MAX_COMMENT],
    }


def case_state(history) -> tuple[str, str]:
    """(status, assignee) after a history (oldest first): open, assigned, acknowledged or dismissed."""
    status, assignee = "open", ""
    for event in history:
        if event.action == "assign":
            status, assignee = ("assigned" if status == "open" else status), event.assignee
        elif event.action == "acknowledge":
            status = "acknowledged"
        elif event.action == "dismiss":
            status = "dismissed"
        elif event.action == "reopen":
            status = "assigned" if assignee else "open"
    return status, assignee


def history_as_messages(rows) -> list[dict]:
    """Stored events back in message form (to publish the whole history with a new event)."""
    return [
        {
            "event_id": r.event_id,
            "at": r.at.isoformat() + "Z",
            "user": r.username,
            "action": r.action,
            "assignee": r.assignee,
            "reason_code": r.reason_code,
            "comment": r.comment,
        }
        for r in rows
    ]
