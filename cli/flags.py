"""The investigator's tail of the flags topic (`precwatch flags`, and the demo's live output)."""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TextIO

import orjson
from pydantic import ValidationError

from cli.render import json_safe, render_flag
from cli.topics import read_records
from pipeline.errors import UsageError
from pipeline.settings import Settings
from schemas.flags import SEVERITIES, Flag

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Flag ids remembered to drop re-deliveries (at-least-once): bounded, so a tail left running for
# weeks does not grow; a re-delivery comes soon after the original.
REMEMBERED_FLAG_IDS = 100_000


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """'10m', '2h', '1d', '30s' (that long ago) or an ISO 8601 time (without a zone: UTC)."""
    now = now or datetime.now(UTC)
    match = DURATION.match(text)
    if match:
        return now - timedelta(seconds=float(match[1]) * UNIT_SECONDS[match[2]])
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--since {text!r}: not a duration (10m, 2h, 1d) or an ISO time (2026-11-29T08:00:00Z)"
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass(slots=True)
class TailSummary:
    shown: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0  # records on the flags topic that are not flags


def readable_flag(value: bytes | None) -> dict | None:
    """The flag in a record (as JSON data), or None when the record is not a valid flag."""
    try:
        return Flag.model_validate_json(value or b"").model_dump(mode="json")
    except ValidationError:
        return None


def tail_flags(
    settings: Settings,
    *,
    from_beginning: bool = False,
    since: datetime | None = None,
    follow: bool = False,
    min_severity: str = "info",
    raw_json: bool = False,
    out: TextIO | None = None,
    until: int | None = None,
    idle_timeout_s: float | None = None,
    on_ready: Callable[[], None] | None = None,
    on_flag: Callable[[dict], None] | None = None,
    done: Callable[[], bool] | None = None,
) -> TailSummary:
    """Print flags of ``settings.topic_flags`` at or above ``min_severity``, each flag id once.

    Where it starts: ``since`` (the first flag published at or after that time), else the beginning
    when ``from_beginning`` or when not following (a one-off look prints what the topic holds), else
    the end (``follow`` alone prints only flags published from now on).
    When it stops: without ``follow``, once it has read up to the end the topic had when it started;
    with ``follow``, when interrupted; in both cases after ``until`` flags shown or ``idle_timeout_s``
    without a new flag, where given. ``on_ready`` is called once the start position is fixed: a
    flag published after that is printed."""
    if min_severity not in SEVERITIES:
        raise UsageError(f"unknown severity {min_severity!r}; one of {', '.join(SEVERITIES)}")
    out = out or sys.stdout
    colour = out.isatty()
    minimum = SEVERITIES.index(min_severity)
    summary = TailSummary()
    seen: OrderedDict[str, None] = OrderedDict()
    last_record = [time.monotonic()]

    def stop() -> bool:
        return (
            (until is not None and summary.shown >= until)
            or (done is not None and done())  # the caller has seen what it waits for (the demo)
            or (idle_timeout_s is not None and time.monotonic() - last_record[0] > idle_timeout_s)
        )

    records = read_records(
        settings,
        settings.topic_flags,
        what="the flags",
        setting="PRECWATCH_TOPIC_FLAGS",
        from_beginning=from_beginning or not follow,
        since=since,
        follow=follow,
        on_ready=on_ready,
        stop=stop,
    )
    for record in records:
        last_record[0] = time.monotonic()
        flag = readable_flag(record.value)
        if flag is None:
            # Something else was written to the flags topic: say so and read on.
            summary.unreadable += 1
            print(
                f"precwatch: record at {record.topic}/{record.partition}/{record.offset} is not a flag: skipped",
                file=sys.stderr,
            )
            continue
        if flag["flag_id"] in seen:
            continue  # at-least-once delivery: a re-delivered flag has the same id
        seen[flag["flag_id"]] = None
        if len(seen) > REMEMBERED_FLAG_IDS:
            seen.popitem(last=False)
        if SEVERITIES.index(flag["severity"]) < minimum:
            continue
        summary.shown += 1
        summary.by_severity[flag["severity"]] += 1
        if on_flag is not None:
            on_flag(flag)
        # Written again by orjson (which escapes control characters inside strings), not as it came: a
        # writer to the topic may have put a carriage return between the fields or a C1 control or a
        # bidirectional one in a string, which json_safe escapes.
        out.write(json_safe(orjson.dumps(flag).decode()) + "\n" if raw_json else render_flag(flag, colour) + "\n")
        out.flush()
        if until is not None and summary.shown >= until:
            records.close()  # closes the consumer now
            break
    return summary
