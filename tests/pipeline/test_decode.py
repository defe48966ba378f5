from pathlib import Path

import pytest

from pipeline.decode import decode_event, decode_lines
from tests.factories import make_event

# The first event of the bundled example stream, as a customs system sent it.
EXAMPLE_LINE = (
    (Path(__file__).resolve().parents[2] / "devtools" / "data" / "transactions.jsonl").read_bytes().splitlines()[0]
)


def test_valid_event_is_accepted():
    raw = make_event({"smiles": "CCO"}).model_dump_json().encode()
    decoded = decode_event(raw)
    assert decoded.event is not None and decoded.dead_letter is None


def test_invalid_json_becomes_a_dead_letter_with_the_original_bytes():
    decoded = decode_event(b'{"event_id": ', source="file.jsonl", location="line 3")
    assert decoded.event is None
    dl = decoded.dead_letter
    assert "not valid JSON" in dl.reason
    assert dl.original == '{"event_id": '
    assert dl.error_location == "line 3" and dl.source == "file.jsonl"


def test_schema_violation_names_the_field():
    raw = make_event({"smiles": "CCO"}).model_dump_json().replace('"sea"', '"boat"').encode()
    dl = decode_event(raw).dead_letter
    assert "transport.mode" in dl.reason and "transport.mode" in dl.error_location


def test_binary_garbage_is_kept_as_base64():
    dl = decode_event(b"\xff\xfe\x00garbage", partition=2, offset=41).dead_letter
    assert dl.original_encoding == "base64"
    assert (dl.partition, dl.offset) == (2, 41)


def test_non_object_json_is_rejected():
    assert decode_event(b"[1, 2]").dead_letter.reason == "JSON value is not an object"


def test_naive_timestamps_are_refused():
    raw = make_event({"smiles": "CCO"}).model_dump_json().replace("Z", "").replace("+00:00", "").encode()
    decoded = decode_event(raw)
    assert [f.field for f in decoded.left_out] == ["occurred_at"] and "occurred_at" in decoded.report.reason


def test_cn_codes_with_spaces_and_dots_are_tolerated():
    event = make_event({"cn_code": "2932.99 00"})
    assert event.items[0].cn_code == "29329900"


def test_a_ten_digit_taric_code_is_read_as_its_cn_code():
    # EU import declarations give the commodity code with its two TARIC digits (the thirteenth and
    # sixteenth held-out sets); the screening's scopes are written at the CN code's eight.
    assert make_event({"cn_code": "2939 41 00 00"}).items[0].cn_code == "29394100"


@pytest.mark.parametrize("code", ["29394100001", "293941000000", "2939410"])
def test_codes_of_other_lengths_are_still_bad_data(code):
    raw = make_event({"cn_code": "29393000"}).model_dump_json().replace("29393000", code).encode()
    decoded = decode_event(raw)
    assert decoded.event.items[0].cn_code is None and "cn_code" in decoded.report.reason


def test_cn_codes_must_be_ascii_digits():
    # Fullwidth digits pass str.isdigit() and a Unicode \d, but never match a tariff code.
    raw = make_event({"cn_code": "29393000"}).model_dump_json().replace("29393000", "２９３９３０００").encode()
    decoded = decode_event(raw)
    assert decoded.event.items[0].cn_code is None and "cn_code" in decoded.report.reason


def test_a_byte_order_mark_at_the_start_of_a_file_is_not_part_of_line_one():
    line = make_event({"smiles": "CCO"}).model_dump_json().encode()
    decoded = list(decode_lines([b"\xef\xbb\xbf" + line + b"\r\n", line + b"\n"]))
    assert [n for n, _ in decoded] == [1, 2]
    assert all(d.event is not None for _, d in decoded)


def test_a_byte_order_mark_later_in_a_file_is_still_bad_data():
    line = make_event({"smiles": "CCO"}).model_dump_json().encode()
    (_, first), (_, second) = decode_lines([line + b"\n", b"\xef\xbb\xbf" + line + b"\n"])
    assert first.event is not None and second.event is None and second.dead_letter.reason_code == "invalid_json"


def test_a_line_longer_than_the_limit_is_read_past_in_bounded_memory(tmp_path):
    import hashlib
    import io
    import tracemalloc

    from pipeline.decode import LongLine, read_lines

    long_line = b'{"event_id": "' + b"x" * 30_000_000 + b'"}'
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"a": 1}\n' + long_line + b"\r\n" + b'{"b": 2}\n')
    tracemalloc.start()
    with path.open("rb") as handle:
        lines = list(read_lines(handle, max_bytes=1_000_000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8_000_000  # the 30 MB line was never held whole
    assert lines[0] == b'{"a": 1}\n' and lines[2] == b'{"b": 2}\n'
    big = lines[1]
    assert isinstance(big, LongLine)
    assert big.size == len(long_line) and big.sha256 == hashlib.sha256(long_line).hexdigest()
    assert long_line.startswith(big.head) and len(big.head) < 100_000
    assert list(read_lines(io.BytesIO(b"short\n"), max_bytes=5)) == [b"short\n"]  # the limit excludes the ending


def test_a_long_line_becomes_a_dead_letter_that_keeps_its_start_size_and_hash():
    from pipeline.decode import LongLine, decode_line

    decoded = decode_line(7, LongLine(b'{"event_id": "xx', 5_000_000, "ab" * 32), "big.jsonl")
    letter = decoded.dead_letter
    assert decoded.event is None and letter.reason_code == "too_large" and letter.error_location == "line 7"
    assert letter.original == '{"event_id": "xx' and letter.original_size == 5_000_000
    assert letter.original_sha256 == "ab" * 32


def test_a_dead_letter_keeps_only_the_start_of_a_large_original():
    import hashlib

    from pipeline.decode import MAX_ORIGINAL_BYTES, make_dead_letter

    raw = ("é" * 600_000).encode()  # two bytes a character: the cut may fall inside one
    letter = make_dead_letter(raw, "too large", "message")
    assert len(letter.original.encode()) <= MAX_ORIGINAL_BYTES and letter.original_encoding == "utf-8"
    assert letter.original_size == len(raw) and letter.original_sha256 == hashlib.sha256(raw).hexdigest()
    small = make_dead_letter(b"{", "bad", "json")
    assert small.original == "{" and small.original_size is None and small.original_sha256 is None


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (b'"net_mass_kg":', b'"net_mass_kg":NaN,"was":', "net_mass_kg"),
        (b'"net_mass_kg":', b'"net_mass_kg":Infinity,"was":', "net_mass_kg"),
        (b'"net_mass_kg":', b'"net_mass_kg":1e999,"was":', "net_mass_kg"),
        (b'"net_mass_kg":', b'"net_mass_kg":1e300,"was":', "net_mass_kg"),
        (b'"line":1', b'"line":1000000000000000000000000000000', "line"),
        (b'"line":1', b'"line":1.0', "line"),
        (b'"occurred_at":"2026-11-01T00:00:41Z"', b'"occurred_at":0', "occurred_at"),
        (b'"occurred_at":"2026-11-01T00:00:41Z"', b'"occurred_at":"1700000000"', "occurred_at"),
        (b'"occurred_at":"2026-11-01T00:00:41Z"', b'"occurred_at":"2026-11-01"', "occurred_at"),
    ],
)
def test_numbers_and_times_the_schema_must_refuse_never_reach_the_event(old, new, field):
    line = EXAMPLE_LINE
    assert old in line
    decoded = decode_event(line.replace(old, new, 1))
    if field == "line":  # an item cannot be read without its line: the event is dead-lettered
        assert decoded.event is None and decoded.dead_letter.reason_code == "schema"
        assert field in decoded.dead_letter.error_location
    else:  # read without the field, and the sender is told
        assert [f.path[-1] for f in decoded.left_out] == [field]
        assert decoded.report.reason_code == "data_quality" and field in decoded.report.error_location


def test_a_line_of_exactly_the_limit_ending_in_crlf_is_one_line():
    import io

    from pipeline.decode import read_lines

    assert list(read_lines(io.BytesIO(b"12345\r\nab\n"), max_bytes=5)) == [b"12345\r\n", b"ab\n"]


def test_a_line_cut_at_the_limit_among_carriage_returns_is_still_one_line():
    # Lines are counted by their \n (cli/parallel.py line_ranges counts them so too): a line whose
    # text is within the limit but that, with its carriage returns, is cut by it is one long line.
    import io

    from pipeline.decode import LongLine, read_lines

    lines = list(read_lines(io.BytesIO(b"12345\r\r\nab\n"), max_bytes=5))
    assert len(lines) == 2 and isinstance(lines[0], LongLine) and lines[1] == b"ab\n"
    assert lines[0].size == 7  # what precedes its \n


# -- duplicate keys ---------------------------------------------------------------------------------------
def event_json(*items: dict) -> str:
    return make_event(*(items or ({"smiles": "CCO"},))).model_dump_json()


@pytest.mark.parametrize(
    "original, repeated",
    [
        ('"event_id":"evt-1"', '"event_id":"evt-1","event_id":"evt-2"'),
        ('"items":', '"items":[{"line":1,"smiles":"CC(=O)Cc1ccccc1"}],"items":'),
        ('"smiles":"CCO"', '"smiles":"CC(=O)Cc1ccccc1","smiles":"CCO"'),
        ('"mode":"sea"', '"mode":"air","mode" : "sea"'),  # whitespace before the colon
        ('"event_id":"evt-1"', '"event_id":"evt-1","\\u0065vent_id":"evt-2"'),  # the same key, escaped
        ('"country":"CN"', '"country":"CN","country":"CN"'),  # even with the same value
    ],
)
def test_a_key_given_twice_in_one_object_is_dead_lettered(original, repeated):
    raw = event_json().replace(original, repeated, 1).encode()
    decoded = decode_event(raw)
    assert decoded.event is None
    assert decoded.dead_letter.reason_code == "duplicate_key"
    assert "appears twice" in decoded.dead_letter.reason and decoded.dead_letter.original == raw.decode()


def test_a_duplicate_key_in_an_event_that_also_fails_validation_is_dead_lettered_as_a_duplicate():
    raw = event_json().replace('"mode":"sea"', '"mode":"sea","mode":"boat"').encode()
    assert decode_event(raw).dead_letter.reason_code == "duplicate_key"


def test_the_same_key_in_different_objects_is_not_a_duplicate():
    raw = event_json({"smiles": "CCO", "name": "ethanol"}, {"smiles": "CO", "name": "methanol"}).encode()
    decoded = decode_event(raw)
    assert decoded.event is not None and len(decoded.event.items) == 2


def test_unknown_keys_and_colons_in_text_are_checked_exactly_and_pass():
    raw = event_json({"smiles": "CCO", "description": 'ratio 1:2 "a":b'}).replace(
        '"source":', '"extra":{"a":1},"source":'
    )
    decoded = decode_event(raw.encode())
    assert decoded.event is not None and decoded.dead_letter is None


def test_the_cheap_count_rules_out_repeats_of_an_ordinary_event():
    from pipeline.decode import may_repeat_a_key

    raw = EXAMPLE_LINE
    assert not may_repeat_a_key(raw, decode_event(raw).event)


# -- fields that fail validation: screened without them ------------------------------------------------
def with_change(change) -> bytes:
    import json

    data = json.loads(event_json({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "29143100", "origin_country": "CN"}))
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d.__setitem__("occurred_at", "2026-13-45T00:00:00Z"), "occurred_at"),
        (lambda d: d["items"][0].__setitem__("cn_code", "2914x"), "items.0.cn_code"),
        (lambda d: d["items"][0].__setitem__("origin_country", "CHN"), "items.0.origin_country"),
        (lambda d: d["consignor"].__setitem__("country", "12"), "consignor.country"),
        (lambda d: d["transport"].__setitem__("transit_countries", ["DE", "XXX"]), "transport.transit_countries"),
        (lambda d: d["items"][0].__setitem__("value", {"amount": -1, "currency": "EUR"}), "items.0.value"),
        (lambda d: d.__setitem__("declarant", {"name": 5}), "declarant"),
    ],
)
def test_an_event_with_a_field_it_can_do_without_is_read_without_it_and_reported(change, field):
    decoded = decode_event(with_change(change), source="t", location="t/0/5", partition=0, offset=5, key=b"k")
    assert decoded.event is not None and decoded.dead_letter is None
    assert [f.field for f in decoded.left_out] == [field]
    assert decoded.event.items[0].smiles == "CC(=O)Cc1ccccc1"  # the chemistry is kept
    report = decoded.report
    assert report.reason_code == "data_quality" and field in report.reason and report.offset == 5
    assert report.key == "k" and report.original  # the sender gets the original back


def test_a_bad_date_is_replaced_by_the_time_the_event_was_read():
    from datetime import UTC, datetime

    before = datetime.now(UTC)
    decoded = decode_event(with_change(lambda d: d.__setitem__("occurred_at", 0)))
    assert decoded.event.occurred_at >= before.replace(microsecond=0)
    assert "stands in" in decoded.left_out[0].problem


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["items"][0].__setitem__("line", 0),
        lambda d: d.__setitem__("kind", "boat"),
        lambda d: d.__setitem__("event_id", ""),
        lambda d: d["consignor"].__setitem__("name", None),
        lambda d: d.__setitem__("items", []),
    ],
)
def test_an_event_without_a_field_it_needs_is_dead_lettered_alone(change):
    decoded = decode_event(with_change(change))
    assert decoded.event is None and decoded.report is None
    assert decoded.dead_letter.reason_code == "schema"
