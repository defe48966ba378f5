"""Chunks and their encodings (pipeline/chunks.py), without processes."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from pipeline import chunks
from pipeline.chunks import ChunkResult, KafkaRecord, LinesChunk
from pipeline.decode import LongLine
from tests.factories import make_event, make_screener

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def event_line(event_id: str, smiles: str) -> bytes:
    return make_event({"smiles": smiles, "cn_code": "29143900"}, event_id=event_id).model_dump_json().encode()


def test_a_lines_chunk_survives_its_encoding_long_lines_included():
    long_line = LongLine(b'{"a": "xxx', 2_000_000, "ab" * 32)
    chunk = LinesChunk("in.jsonl", [(1, b'{"x": 1}'), (3, b""), (7, long_line), (2**32 + 5, b"{}")])
    decoded, now, all_items, follow_ups = chunks.decode_lines_chunk(chunks.encode_lines_chunk(chunk, NOW, True))
    assert decoded == chunk and now == NOW and all_items is True and follow_ups is False
    assert chunks.decode_lines_chunk(chunks.encode_lines_chunk(chunk, NOW, False, follow_ups=True))[3] is True


def test_a_records_chunk_survives_its_encoding_null_records_included():
    records = [KafkaRecord(0, 5, b"{}"), KafkaRecord(1, 2**40, None), KafkaRecord(1, 7, b"")]
    assert chunks.decode_records_chunk(chunks.encode_records_chunk(records, "tx", NOW)) == (records, "tx", NOW)


def test_a_result_survives_its_encoding():
    result = ChunkResult(b"a\nb\n", b"c\n", 3, 4, 1, chunks.Counter({"high": 2}), 1)
    assert chunks.decode_result(chunks.encode_result(result)) == result
    observed = ChunkResult(b"a\n", b"c\n", 3, 4, 1, chunks.Counter({"high": 1}), 0, 2, observations=b'{"o":1}\n')
    assert chunks.decode_result(chunks.encode_result(observed)) == observed


def test_every_line_of_a_chunk_is_screened_or_dead_lettered_and_stamped_with_the_run_time():
    lines = [(1, event_line("e1", "CC(=O)Cc1ccccc1")), (2, b"{broken"), (4, event_line("e2", "CCO"))]
    result = chunks.screen_lines(LinesChunk("f", lines), make_screener(), NOW)
    assert (result.events, result.items, result.dead_letter_count) == (2, 2, 1)
    flags = [orjson.loads(line) for line in result.output.splitlines()]
    assert [f["event_id"] for f in flags] == ["e1"] and flags[0]["screened_at"] == "2026-11-30T12:00:00Z"
    letter = orjson.loads(result.dead_letters)
    assert letter["error_location"] == "line 2" and letter["received_at"] == "2026-11-30T12:00:00Z"
    assert sum(result.severities.values()) == 1


def test_records_are_screened_again_as_retro_flags_and_unreadable_ones_counted():
    records = [KafkaRecord(0, 1, event_line("e1", "CC(=O)Cc1ccccc1")), KafkaRecord(0, 2, None)]
    result = chunks.screen_records(records, "tx", make_screener(), NOW)
    flags = [orjson.loads(line) for line in result.output.splitlines()]
    assert [f["retro"] for f in flags] == [True]
    assert (result.events, result.unreadable) == (1, 1)


def test_an_event_whose_occurred_at_cannot_be_read_is_dated_at_the_run_time_not_the_clock():
    # So that the output depends on the input alone (the same with any number of jobs, or run again).
    event = orjson.loads(event_line("e1", "CC(=O)Cc1ccccc1"))
    event["occurred_at"] = "yesterday"
    line = orjson.dumps(event)
    result = chunks.screen_lines(LinesChunk("f", [(1, line)]), make_screener(), NOW)
    flag = orjson.loads(result.output.splitlines()[0])
    assert result.events == 1 and result.data_quality_reports == 1
    assert flag["occurred_at"] == "2026-11-30T12:00:00Z"
    records = chunks.screen_records([KafkaRecord(0, 1, line)], "tx", make_screener(), NOW)
    assert orjson.loads(records.output.splitlines()[0])["occurred_at"] == "2026-11-30T12:00:00Z"
