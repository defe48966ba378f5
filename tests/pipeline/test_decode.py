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


def test_naive_timestamps_are_rejected():
    raw = make_event({"smiles": "CCO"}).model_dump_json().replace("Z", "").replace("+00:00", "").encode()
    assert "occurred_at" in decode_event(raw).dead_letter.reason


def test_cn_codes_with_spaces_and_dots_are_tolerated():
    event = make_event({"cn_code": "2932.99 00"})
    assert event.items[0].cn_code == "29329900"


def test_cn_codes_must_be_ascii_digits():
    # Fullwidth digits pass str.isdigit() and a Unicode \d, but never match a tariff code.
    raw = make_event({"cn_code": "29393000"}).model_dump_json().replace("29393000", "２９３９３０００").encode()
    decoded = decode_event(raw)
    assert decoded.event is None and "cn_code" in decoded.dead_letter.reason


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
def test_numbers_and_times_the_schema_must_refuse_are_dead_lettered(old, new, field):
    line = EXAMPLE_LINE
    assert old in line
    decoded = decode_event(line.replace(old, new, 1))
    assert decoded.event is None and decoded.dead_letter.reason_code == "schema"
    assert field in decoded.dead_letter.error_location


def test_a_line_of_exactly_the_limit_ending_in_crlf_is_one_line():
    import io

    from pipeline.decode import read_lines

    assert list(read_lines(io.BytesIO(b"12345\r\nab\n"), max_bytes=5)) == [b"12345\r\n", b"ab\n"]
