"""`precwatch screen` on generated hostile files: it never stops, and every line is accounted for
(events + dead letters + blank lines = lines). See tests/pipeline/test_hostile_input.py for the
generators and the command for a longer run."""

from __future__ import annotations

import io

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chemistry.watchlist import load_watchlist
from cli.commands import screen_files
from tests.pipeline.test_hostile_input import (
    EXAMPLES,
    bad_field_event,
    hostile_item_event,
    mutated_bytes,
    repeated_key_event,
)

WATCHLIST = load_watchlist()
LINES = st.lists(
    st.one_of(
        hostile_item_event(),
        mutated_bytes().map(lambda b: b.replace(b"\n", b" ")),
        bad_field_event(),
        repeated_key_event(),
        st.just(b"   "),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=max(EXAMPLES // 3, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_screen_accounts_for_every_line_of_a_hostile_file(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("hostile") / "events.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    out, dead = io.BytesIO(), io.BytesIO()
    summary = screen_files([str(path)], out, dead, WATCHLIST, progress=False)
    assert summary.events + summary.dead_letters + summary.blank_lines == len(lines)
    # and an event screened without its bad fields has its data_quality report there too
    assert len(dead.getvalue().splitlines()) == summary.dead_letters + summary.data_quality_reports
    assert all(orjson.loads(line)["flag_id"] for line in out.getvalue().splitlines())
