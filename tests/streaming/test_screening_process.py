import asyncio
import sys

import orjson
import pytest

from pipeline.batch import process_batch
from pipeline.live_watchlist import watchlist_messages
from pipeline.messages import InMessage
from pipeline.routing import partition_for, route
from streaming.screening_process import (
    ScreeningProcess,
    ScreeningProcessError,
    decode_batch,
    decode_result,
    encode_batch,
    encode_result,
)
from tests.factories import make_event, make_screener

SCREENER = make_screener()


# The real screening process, except that it crashes, hangs or raises on marked events.
POISON_CHILD = (sys.executable, "-m", "tests.streaming.poison_child")


def message(item: dict, event_id: str, offset: int) -> InMessage:
    return InMessage(make_event(item, event_id=event_id).model_dump_json().encode(), None, "tx", 0, offset)


def messages() -> list[InMessage]:
    good = make_event({"smiles": "CC(=O)Cc1ccccc1"}, {"cas": "103-79-8"}).model_dump_json().encode()
    return [
        InMessage(good, b"decl-1", "tx", 0, 5, 1.7e9),
        InMessage(b"\xff\x00binary", None, "tx", 1, 6, None),
        InMessage(None, b"\x01\x02", "tx", 1, 7, 1.7e9),
    ]


def test_batch_frames_round_trip_binary_keys_and_values():
    sent = [*messages(), InMessage(b"", b"", "other-topic", 3, 2**40, 0.0)]
    back, partitions = decode_batch(encode_batch(sent, {"flags": 3}))
    assert partitions == {"flags": 3}
    assert [(m.value, m.key, m.topic, m.partition, m.offset, m.timestamp) for m in back] == [
        (m.value, m.key, m.topic, m.partition, m.offset, m.timestamp) for m in sent
    ]


def test_faust_messages_are_encoded_as_they_are():
    from faust.types.tuples import Message

    ours = messages()
    faust_messages = [Message(m.topic, m.partition, m.offset, m.timestamp, 0, None, m.key, m.value, None) for m in ours]
    assert encode_batch(faust_messages, {"flags": 2}) == encode_batch(ours, {"flags": 2})


def test_result_frames_round_trip():
    result = process_batch(messages(), SCREENER)
    route(result.out, {"flags": 4, "dead_letters": 2})  # sightings left to the producer
    back, cache = decode_result(encode_result(result, (3, 4)))
    assert cache == (3, 4)
    assert {m.role for m in back.out} == {"flags", "sightings", "dead_letters"}
    assert any(m.partition is None for m in back.out) and any(m.partition is not None for m in back.out)
    assert [(m.role, m.key, m.value, m.headers, m.partition) for m in back.out] == [
        (m.role, m.key, m.value, m.headers, m.partition) for m in result.out
    ]
    assert back.flags == result.flags and back.dead_letter_codes == result.dead_letter_codes
    assert (back.events, back.items, back.latency.n) == (result.events, result.items, result.latency.n)


def test_result_frames_carry_the_data_quality_report_count():
    result = process_batch(messages(), SCREENER)
    result.data_quality_reports = 2
    back, _ = decode_result(encode_result(result, (0, 0)))
    assert back.data_quality_reports == 2


def test_child_process_screens_like_the_event_loop_and_switches_watchlists():
    async def scenario():
        process = ScreeningProcess()
        await process.start()
        try:
            first = process.submit(messages(), {"flags": 2, "sightings": 2, "dead_letters": 2})
            second = process.submit(messages()[:1])
            await process.drain()
            (result, _), (again, _) = decode_result(await first.whole()), decode_result(await second.whole())
            manifest = watchlist_messages(SCREENER.watchlist)[-1][1]
            answer = await process.use_watchlist(manifest)
            broken = await process.use_watchlist(b"{}")
            return result, again, answer, broken
        finally:
            await process.stop()

    result, again, answer, broken = asyncio.run(scenario())
    local = process_batch(messages(), SCREENER)
    flag_ids = lambda r: sorted(orjson.loads(m.value)["flag_id"] for m in r.out if m.role == "flags")  # noqa: E731
    assert flag_ids(result) == flag_ids(local) and len(flag_ids(result)) == 2
    assert result.dead_letter_codes == local.dead_letter_codes == ["invalid_json", "empty"]
    assert flag_ids(again) == flag_ids(local)  # both flags come from the first message
    assert all(m.partition == partition_for(m.key, 2) for m in result.out)  # routed by the child
    assert all(m.partition is None for m in again.out)  # no partition counts given
    assert answer == {"watchlist": SCREENER.watchlist.version, "problem": ""}
    assert broken["watchlist"] == SCREENER.watchlist.version and "malformed" in broken["problem"]


def test_a_malformed_result_frame_is_an_error_that_does_not_quote_the_frame():
    result = process_batch(messages(), SCREENER)
    frame = bytearray(encode_result(result, (0, 0)))
    frame[-40:] = b"\xff" * 40  # the last message's headers garbled
    with pytest.raises(ScreeningProcessError) as caught:
        decode_result(bytes(frame))
    message = str(caught.value)
    assert "malformed result frame" in message
    assert "decl-1" not in message and "flag_id" not in message and '"' not in message  # nothing quoted
    assert caught.value.__suppress_context__  # the chained decoding error (with the bytes) is not shown


def test_frames_survive_short_reads_and_writes_on_a_pipe():
    # A frame written in small pieces through a real pipe: read_exactly must reassemble it.
    import os
    import threading

    from streaming.screening_process import read_exactly, write_all

    payload = bytes(range(256)) * 4000
    read_end, write_end = os.pipe()

    def feed() -> None:
        for i in range(0, len(payload), 777):
            write_all(write_end, payload[i : i + 777])
        os.close(write_end)

    threading.Thread(target=feed).start()
    assert read_exactly(read_end, len(payload)) == payload
    assert read_exactly(read_end, 1) is None  # end of input
    os.close(read_end)


def test_a_child_that_dies_on_one_event_is_restarted_and_only_that_event_is_dead_lettered():
    from chemistry.watchlist import WATCHLIST_CSV, build_watchlist

    # A watchlist other than the bundled one: a restarted child must get it back.
    live = build_watchlist(
        WATCHLIST_CSV.read_text().replace("phenylacetone;", "phenylacetone; benzylmethylketone;"), as_of="2026-12-01"
    )
    bmk = {"smiles": "CC(=O)Cc1ccccc1"}
    good = [
        InMessage(make_event(bmk, event_id=f"evt-{i}").model_dump_json().encode(), b"k", "tx", 0, i, None)
        for i in range(7)
    ]
    poison = InMessage(
        make_event({"description": "POISON"}, event_id="evt-p").model_dump_json().encode(), None, "tx", 0, 99
    )
    batch = good[:5] + [poison] + good[5:]
    behind = good[:2]  # queued behind the fatal batch: innocent, screened again as a whole
    restarts = []
    partitions = {"flags": 2, "sightings": 2, "dead_letters": 2}

    async def scenario():
        process = ScreeningProcess(POISON_CHILD, lambda: restarts.append(1))
        await process.start()
        try:
            assert (await process.use_watchlist(watchlist_messages(live)[-1][1]))["problem"] == ""
            first = process.submit(batch, partitions)
            second = process.submit(behind, partitions)
            await process.drain()
            return await asyncio.gather(
                process.screen(batch, partitions, first), process.screen(behind, partitions, second)
            )
        finally:
            await process.stop()

    (result, _), (again, _) = asyncio.run(scenario())
    flags = [orjson.loads(m.value) for m in result.out if m.role == "flags"]
    assert sorted(f["event_id"] for f in flags) == sorted(f"evt-{i}" for i in range(7))  # all but the poison
    assert {f["watchlist_version"] for f in flags} == {live.version}  # the live watchlist survived restarts
    (dead,) = [m for m in result.out if m.role == "dead_letters"]
    record = orjson.loads(dead.value)
    assert record["offset"] == 99 and "POISON" in record["original"] and "exit code -11" in record["reason"]
    assert dead.partition == partition_for(dead.key, 2)
    assert result.events == 7 and result.dead_letter_codes == ["processing"]
    assert sorted(orjson.loads(m.value)["event_id"] for m in again.out if m.role == "flags") == ["evt-0", "evt-1"]
    # Halving 8 events down to the poison: 8 -> 4 -> 2 -> 1, one death (and restart) per level.
    assert len(restarts) == 4


def test_a_child_that_hangs_on_one_event_is_stopped_after_the_timeout_and_the_event_dead_lettered():
    import time

    good = [message({"smiles": "CCO"}, f"evt-{i}", i) for i in range(3)]
    hang = message({"description": "HANG"}, "evt-h", 50)
    batch = [good[0], hang, good[1], good[2]]

    async def scenario():
        process = ScreeningProcess(POISON_CHILD, answer_timeout_s=1.0)
        await process.start()
        try:
            started = time.monotonic()
            result = await process.screen(batch, None, process.submit(batch))
            return result, time.monotonic() - started, process.restarts
        finally:
            await process.stop()

    (result, _), took, restarts = asyncio.run(scenario())
    (dead,) = [orjson.loads(m.value) for m in result.out if m.role == "dead_letters"]
    assert dead["offset"] == 50 and "did not answer within 1 s" in dead["reason"]
    assert result.events == 3  # the other three were screened
    assert restarts == 3 and took < 30  # 4 -> 2 -> 1: three hangs, each cut short after about a second


def test_a_child_slower_to_start_than_the_answer_timeout_screens_its_first_batch(monkeypatch):
    # The watchdog times answers from when the child is ready: start-up is not a hang.
    monkeypatch.setenv("SLOW_START_S", "3")
    batch = [message({"smiles": "CC(=O)Cc1ccccc1"}, f"evt-{i}", i) for i in range(4)]

    async def scenario():
        process = ScreeningProcess((sys.executable, "-m", "tests.streaming.slow_start_child"), answer_timeout_s=1.0)
        await process.start()
        try:
            submitted = process.submit(batch)  # sent at once: it waits in the pipe during start-up
            await process.drain()
            result = await process.screen(batch, None, submitted)
            return result, process.restarts
        finally:
            await process.stop()

    (result, _), restarts = asyncio.run(scenario())
    assert result.dead_letter_codes == [] and result.events == 4
    assert restarts == 0


def test_an_error_in_the_child_is_traced_to_its_event_which_is_dead_lettered_without_the_message():
    good = [message({"smiles": "CCO"}, f"evt-{i}", i) for i in range(3)]
    bad = message({"description": "RAISE"}, "evt-r", 70)
    batch = [good[0], good[1], bad, good[2]]

    async def scenario():
        process = ScreeningProcess(POISON_CHILD)
        await process.start()
        try:
            result = await process.screen(batch, None, process.submit(batch))
            return result, process.restarts
        finally:
            await process.stop()

    (result, _), restarts = asyncio.run(scenario())
    (dead,) = [orjson.loads(m.value) for m in result.out if m.role == "dead_letters"]
    assert dead["offset"] == 70 and "ValueError in poison_child.py:" in dead["reason"]
    assert "Consignor" not in dead["reason"]  # the exception's message is not passed on
    assert result.events == 3 and restarts == 0  # the child kept running


def test_a_batch_of_slow_events_is_answered_in_parts_that_keep_the_hang_timeout_away(monkeypatch):
    # Eight events of 0.4 s each: 3.2 s for the batch, over the 1 s answer timeout. Answered in parts
    # (every 0.1 s of screening), each part is progress: nothing is taken for a hang.
    monkeypatch.setenv("PRECWATCH_SCREENING_ANSWER_INTERVAL_S", "0.1")
    monkeypatch.setenv("SLOW_EVENT_S", "0.4")
    batch = [message({"smiles": "CC(=O)Cc1ccccc1", "description": "SLOW"}, f"evt-{i}", i) for i in range(8)]

    async def scenario():
        process = ScreeningProcess(POISON_CHILD, answer_timeout_s=1.0)
        await process.start()
        try:
            parts = [part async for part, _ in process.screen_parts(batch, None, process.submit(batch))]
            return parts, process.restarts
        finally:
            await process.stop()

    parts, restarts = asyncio.run(scenario())
    assert restarts == 0 and len(parts) > 1
    assert sum(p.events for p in parts) == 8 and all(p.dead_letter_codes == [] for p in parts)
    flagged = [orjson.loads(m.value)["event_id"] for p in parts for m in p.out if m.role == "flags"]
    assert flagged == [f"evt-{i}" for i in range(8)]  # in input order, across the parts


def test_a_child_that_dies_after_answering_part_of_a_batch_screens_only_the_rest_again(monkeypatch):
    monkeypatch.setenv("PRECWATCH_SCREENING_ANSWER_INTERVAL_S", "0.05")
    monkeypatch.setenv("SLOW_EVENT_S", "0.1")
    slow = [message({"smiles": "CCO", "description": "SLOW"}, f"evt-{i}", i) for i in range(3)]

    async def scenario():
        process = ScreeningProcess(POISON_CHILD)
        await process.start()
        try:
            submitted = process.submit(slow)
            parts = process.screen_parts(slow, None, submitted)
            first, _ = await parts.__anext__()  # the first part is in: now the child dies
            process._proc.kill()
            rest = [part async for part, _ in parts]
            return first, rest, process.restarts
        finally:
            await process.stop()

    first, rest, restarts = asyncio.run(scenario())
    assert restarts == 1
    covered = first.events + sum(p.events + len(p.dead_letter_codes) for p in rest)
    assert covered == 3  # every message once: the first part's are not screened again


def test_the_child_process_parses_a_systematic_name_with_opsin():
    # Issue 11 §1: the screening child runs its own OPSIN (chemistry/opsin.py) for names nothing else knows.
    name = "methyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate"

    async def scenario():
        process = ScreeningProcess()
        await process.start()
        try:
            answer = process.submit([message({"name": name}, "evt-opsin", 1)])
            return decode_result(await answer.whole())[0]
        finally:
            await process.stop()

    result = asyncio.run(scenario())
    flags = [orjson.loads(m.value) for m in result.out if m.role == "flags"]
    assert len(flags) == 1
    assert "OPSIN" in flags[0]["substance"]["source"]
    assert any(m["entry"]["id"] == "EU1-PMK" for m in flags[0]["matches"])
