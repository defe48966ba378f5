"""What a list row says a flag found (workbench/extract.py flag_row): every row says something,
follow-up flags name their stateful finding, flags resting on signals name their strongest signal."""

from __future__ import annotations

import pytest

from tests.workbench.conftest import example_flags, example_follow_ups
from workbench.extract import flag_row, primary_match


def follow_up(code: str, facet: str = "") -> dict:
    return next(f for f in example_follow_ups() if f["signals"][0]["code"] == code and f"({facet}" in f["summary"])


def test_every_row_of_the_example_stream_says_what_it_found():
    flags = [*example_flags(), *example_follow_ups()]
    assert {s["code"] for f in example_follow_ups() for s in f["signals"]} >= {
        "SPLIT_SHIPMENT",
        "SYNTHESIS_KIT",
        "NEW_TRADER",
        "SUPPLIER_CHANGE",
        "REPEAT_MASK",
    }
    blank = [f["flag_id"] for f in flags if not (flag_row(f).method and flag_row(f).entry_name)]
    assert blank == []


def test_a_flag_with_a_chemistry_finding_still_shows_its_method_and_entry():
    flag = next(f for f in example_flags() if any(m["method"] == "unmasking" for m in f["matches"]))
    row = flag_row(flag)
    assert (row.method, row.entry_name) == (primary_match(flag)["method"], primary_match(flag)["entry"]["name"])


def test_a_split_shipment_follow_up_names_the_substance_the_lots_and_the_total():
    row = flag_row(follow_up("SPLIT_SHIPMENT", "consignee"))
    assert row.method == "follow-up"
    assert row.entry_name.startswith(
        "split shipment: 3 consignments of Phenylacetic acid (watchlist entry) within 30 days total 120 kg"
    )


def test_a_synthesis_kit_follow_up_names_the_route_pieces_without_the_source_list():
    row = flag_row(follow_up("SYNTHESIS_KIT"))
    assert row.method == "follow-up"
    assert row.entry_name.startswith(
        "synthesis kit: within 30 days this consignee received BMK or a BMK mask + methylamine"
    )
    assert "sources" not in row.entry_name and "EMCDDA" not in row.entry_name


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("NEW_TRADER", "new trader: first consignment"),
        ("REPEAT_MASK", "repeated novel mask: "),
        ("SUPPLIER_CHANGE", "supplier change: after 3"),
    ],
)
def test_the_other_follow_ups_say_their_signal_in_words(code, words):
    row = flag_row(follow_up(code))
    assert row.method == "follow-up" and row.entry_name.startswith(words)


def test_a_flag_resting_on_its_signals_alone_names_its_strongest_signal():
    flag = next(f for f in example_flags() if not f["matches"] and len(f["signals"]) > 1)
    strongest = max(flag["signals"], key=lambda s: s["weight"])
    row = flag_row(flag)
    assert row.method == "signal"
    assert row.entry_name.startswith(strongest["code"].lower().replace("_", " ") + ": ")
    assert row.entry_name.endswith(f"(+{len(flag['signals']) - 1} more signal(s))")
    assert len(row.entry_name) <= 300


@pytest.mark.parametrize(
    "signals",
    [
        [{"code": "NEW_TRADER", "weight": "heavy"}, {"code": "SPLIT_SHIPMENT", "weight": 0.4}],
        [{"code": "NEW_TRADER", "weight": [1]}],
        [{"code": "NEW_TRADER", "weight": {"w": 1}, "detail": {"x": 1}}],
        7,
        "NEW_TRADER",
    ],
)
def test_garbled_signals_of_a_stored_flag_give_a_row_not_an_exception(signals):
    # Migration 0005 fills stored flags from their raw messages, which the consumer stored before it
    # read signal weights: one garbled weight must not stop the upgrade (fifteenth session's attack).
    from workbench.extract import signal_finding

    flag = {"flag_id": "f1", "occurred_at": "2026-11-01T00:00:00Z", "follow_up_of": "f0", "signals": signals}
    method, finding = signal_finding(flag)
    assert (method, finding) == ("", "") or (method == "follow-up" and finding.startswith(("new trader", "split")))
    assert flag_row(flag).method in ("", "follow-up")
