"""devtools.row_changes: the row-by-row check's comparison (the dump screens every bundled row and is run by hand)."""

from __future__ import annotations

import orjson

from devtools.row_changes import compare_severities, main


def test_each_kind_of_change_is_told_apart():
    before = {
        "s:p1": ["none", "high", True],
        "s:p2": ["high", "high", True],
        "s:n1": ["none", "low", False],
        "s:n2": ["info", "none", False],
        "s:p3": ["low", "high", True],
        "s:same": ["low", "low", True],
    }
    after = {
        "s:p1": ["high", "high", True],  # fixed
        "s:p2": ["low", "high", True],  # broke
        "s:n1": ["low", "low", False],  # a legitimate row rose within its bound
        "s:n2": ["none", "none", False],  # fixed
        "s:p3": ["medium", "high", True],  # changed, still a miss
        "s:same": ["low", "low", True],
        "s:new": ["low", "low", True],  # not in the first dump: not compared
    }
    tags = {key: tag for tag, key, *_ in compare_severities(before, after)}
    assert tags == {"s:p1": "FIXED", "s:p2": "BROKE", "s:n1": "ROSE-LEGIT", "s:n2": "FIXED", "s:p3": "changed"}


def test_diff_exits_1_when_a_row_broke_and_0_when_none_did(tmp_path, capsys):
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_bytes(orjson.dumps({"s:p1": ["high", "high", True]}))
    after.write_bytes(orjson.dumps({"s:p1": ["low", "high", True]}))
    assert main(["diff", str(before), str(after)]) == 1
    assert "BROKE s:p1 high -> low expect high" in capsys.readouterr().out
    assert main(["diff", str(before), str(before)]) == 0
