from datetime import UTC, datetime

import orjson

from pipeline.batch import process_batch, screen_batch
from pipeline.messages import InMessage
from pipeline.routing import partition_for
from tests.factories import make_event, make_screener

SCREENER = make_screener()
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def msg(value: bytes, offset: int = 0) -> InMessage:
    return InMessage(value, b"decl", "customs.transactions", 1, offset, timestamp=1.7e9)


def event_bytes(*items: dict, event_id: str = "evt-1") -> bytes:
    return make_event(*items, event_id=event_id).model_dump_json().encode()


def by_role(result, role):
    return [m for m in result.out if m.role == role]


def test_flags_sightings_and_dead_letters_come_out_of_one_batch():
    batch = [
        msg(event_bytes({"smiles": "CC(=O)Cc1ccccc1"}, {"smiles": "CCO"}), 0),
        msg(b"not json", 1),
        msg(event_bytes({"cas": "103-79-8", "description": "?"}, event_id="evt-2"), 2),
    ]
    result = process_batch(batch, SCREENER, NOW)
    assert result.events == 2 and result.items == 3
    flags = by_role(result, "flags")
    assert len(flags) == 2  # BMK, and the invalid CAS
    assert all(m.key == b"26NL0000000000001" for m in flags)
    assert dict(flags[0].headers)["severity"] == b"high"
    dead = by_role(result, "dead_letters")
    assert len(dead) == 1
    headers = dict(dead[0].headers)
    assert headers["source_offset"] == b"1" and headers["reason_code"] == b"invalid_json"
    assert orjson.loads(dead[0].value)["original"] == "not json"
    assert result.dead_letter_codes == ["invalid_json"]
    sightings = by_role(result, "sightings")
    keys = {m.key for m in sightings}
    assert b"QCCDLTOVEPVEJK-UHFFFAOYSA-N" in keys  # BMK by InChIKey
    assert b"id:cas:103-79-8" in keys  # unresolved: normalised identifier
    assert sum(len(orjson.loads(m.value)) for m in sightings) == 2  # ethanol is neither matched nor unresolved


def test_sightings_of_one_substance_in_a_batch_travel_together():
    batch = [msg(event_bytes({"smiles": "CC(=O)Cc1ccccc1"}, event_id=f"evt-{i}"), i) for i in range(3)]
    (message,) = by_role(process_batch(batch, SCREENER, NOW), "sightings")
    records = orjson.loads(message.value)
    assert [r["event_id"] for r in records] == ["evt-0", "evt-1", "evt-2"]
    assert dict(message.headers)["records"] == b"3"


def test_a_worker_without_the_repository_gets_no_sightings_and_the_same_flags():
    batch = [msg(event_bytes({"smiles": "CC(=O)Cc1ccccc1"}, event_id=f"evt-{i}"), i) for i in range(3)]
    with_repository = screen_batch(batch, SCREENER, {"flags": 2, "sightings": 2, "dead_letters": 1})
    without = screen_batch(batch, SCREENER, {"flags": 2, "dead_letters": 1})  # settings.repository false
    assert by_role(with_repository, "sightings") and not by_role(without, "sightings")
    ids = [dict(m.headers)["flag_id"] for m in by_role(without, "flags")]
    assert len(ids) == 3 and ids == [dict(m.headers)["flag_id"] for m in by_role(with_repository, "flags")]


def test_no_personal_data_in_headers():
    result = process_batch([msg(event_bytes({"smiles": "CC(=O)Cc1ccccc1"}))], SCREENER, NOW)
    for m in result.out:
        for _, value in m.headers:
            assert b"Consign" not in value


def test_flag_ids_match_offline_screening():
    raw = event_bytes({"smiles": "CC(=O)Cc1ccccc1"}, {"smiles": "CCOC(=O)C1(C)OC1c1ccccc1"})
    streamed = {orjson.loads(m.value)["flag_id"] for m in by_role(process_batch([msg(raw)], SCREENER, NOW), "flags")}
    offline = {
        f.flag_id
        for f in SCREENER.screen_event(
            make_event({"smiles": "CC(=O)Cc1ccccc1"}, {"smiles": "CCOC(=O)C1(C)OC1c1ccccc1"})
        )
    }
    assert streamed == offline


def test_metrics_inputs_carry_latency_and_age():
    result = process_batch([msg(event_bytes({"smiles": "CCO"}))], SCREENER, NOW)
    assert result.latency.n == 1 and result.latency.total >= 0
    assert result.age_occurred.n == 1 and result.age_occurred.total > 0
    assert result.age_kafka.n == 1 and result.age_kafka.total > 0


def test_a_screening_bug_dead_letters_the_event_and_the_batch_continues():
    class Broken:
        watchlist = SCREENER.watchlist

        def screen_event_items(self, event, now=None, left_out=()):
            raise RuntimeError("boom")

    result = process_batch([msg(event_bytes({"smiles": "CCO"}))], Broken(), NOW)
    (dead,) = by_role(result, "dead_letters")
    assert "boom" in orjson.loads(dead.value)["reason"]


def test_sightings_are_packed_into_one_message_per_partition_keeping_every_record_in_order():
    smiles = ["CC(=O)Cc1ccccc1", "CCOC(=O)C1(C)OC1c1ccccc1", "O=C1OCC(=O)1", "CC(N)Cc1ccccc1", "C1CCNCC1"]
    # several substances, one of them in three events, interleaved with an undecodable message
    events = [{"smiles": smiles[n % len(smiles)]} for n in range(9)] + [{"cas": "103-79-8"}]
    batch = [msg(event_bytes(item, event_id=f"evt-{n}"), n) for n, item in enumerate(events)]
    batch.insert(4, msg(b"not json", 99))
    per_key = by_role(process_batch(batch, SCREENER, NOW), "sightings")  # no count: one message per key

    result = screen_batch(batch, SCREENER, {"flags": 2, "sightings": 2, "dead_letters": 2})

    bundles = by_role(result, "sightings")
    assert sorted(m.partition for m in bundles) == [0, 1] and len(per_key) > 2
    for bundle in bundles:
        records = orjson.loads(bundle.value)
        # every record of the keys that route here, key after key, each key's records in order
        expected = [r for m in per_key if partition_for(m.key, 2) == bundle.partition for r in orjson.loads(m.value)]
        assert [r["record_id"] for r in records] == [r["record_id"] for r in expected]
        assert all(partition_for(r["structure_key"].encode(), 2) == bundle.partition for r in records)
        assert bundle.key == records[0]["structure_key"].encode()
        assert dict(bundle.headers)["records"] == str(len(records)).encode()
    assert sum(len(orjson.loads(m.value)) for m in bundles) == sum(len(orjson.loads(m.value)) for m in per_key)
    others = [m for m in result.out if m.role != "sightings"]
    assert others and all(m.partition == partition_for(m.key, 2) for m in others)  # flags, dead letters routed


def test_a_null_record_and_an_empty_one_are_dead_lettered_apart():
    result = process_batch([msg(None, 1), msg(b"", 2)], SCREENER, NOW)
    null, empty = (orjson.loads(m.value) for m in by_role(result, "dead_letters"))
    assert "null record" in null["reason"] and null["offset"] == 1
    assert empty["reason"] == "empty message" and empty["offset"] == 2


def test_a_keyless_record_and_an_empty_key_stay_apart_in_their_dead_letters():
    keyless = InMessage(b"not json", None, "customs.transactions", 1, 7)
    empty_key = InMessage(b"not json", b"", "customs.transactions", 1, 8)
    binary_key = InMessage(b"not json", b"\xff\x00", "customs.transactions", 1, 9)
    letters = [
        orjson.loads(m.value)
        for m in by_role(process_batch([keyless, empty_key, binary_key], SCREENER), "dead_letters")
    ]
    assert [(dl["key"], dl["key_encoding"]) for dl in letters] == [(None, "utf-8"), ("", "utf-8"), ("/wA=", "base64")]


def test_a_failed_screening_keeps_the_record_key_in_its_dead_letter():
    class Failing:
        def screen_event_items(self, event, now=None, left_out=()):
            raise RuntimeError("boom")

    keyless = InMessage(event_bytes({"smiles": "CCO"}), None, "customs.transactions", 1, 3)
    (dead,) = by_role(process_batch([keyless], Failing()), "dead_letters")
    assert orjson.loads(dead.value)["key"] is None


def test_an_event_with_a_bad_field_is_screened_and_its_errors_are_reported_once():
    raw = event_bytes({"smiles": "CC(=O)Cc1ccccc1", "cn_code": "29143100"}).replace(b'"29143100"', b'"2914x"')
    result = process_batch([msg(raw, 3)], SCREENER, NOW)
    assert result.events == 1 and result.dead_letter_codes == []  # screened, not lost
    (flag,) = [orjson.loads(m.value) for m in by_role(result, "flags")]
    assert flag["severity"] in ("high", "critical")
    (quality,) = [s for s in flag["signals"] if s["code"] == "DATA_QUALITY"]
    assert "cn_code" in quality["detail"]
    (report,) = by_role(result, "dead_letters")
    assert dict(report.headers)["reason_code"] == b"data_quality"
    assert orjson.loads(report.value)["offset"] == 3


def test_a_batch_is_processed_in_parts_of_bounded_time_each_accounting_for_its_messages():
    from pipeline.batch import process_batch_parts

    ticks = iter(range(100))
    batch = [msg(event_bytes({"smiles": "CC(=O)Cc1ccccc1"}, event_id=f"e{n}"), n) for n in range(5)]
    batch.insert(2, msg(b"not json", 99))
    # the clock moves one second per reading: a part ends after each message once 2 s have passed
    parts = list(process_batch_parts(batch, SCREENER, NOW, {"sightings": 1}, 2.0, clock=lambda: next(ticks)))
    assert [last for _, last in parts] == [False] * (len(parts) - 1) + [True] and len(parts) > 1
    assert [p.events + len(p.dead_letter_codes) for p, _ in parts] == [2, 2, 2]
    flagged = [orjson.loads(m.value)["event_id"] for p, _ in parts for m in by_role(p, "flags")]
    assert flagged == [f"e{n}" for n in range(5)]  # in input order
    assert all(len(by_role(p, "sightings")) == (1 if p.events else 0) for p, _ in parts)  # each packs its own
    whole = process_batch(batch, SCREENER, NOW, {"sightings": 1})
    assert sum(p.events for p, _ in parts) == whole.events and len(list(process_batch_parts(batch, SCREENER))) == 1


def test_a_listed_designer_precursor_is_recorded_as_itself_though_the_drug_it_unmasks_to_made_the_verdict():
    # P2NP is critical because it unmasks to amphetamine (its flag's first match), but the repository's
    # record is about the substance: it is the listed DES-P2NP, matched exactly.
    result = process_batch([msg(event_bytes({"smiles": "CC(=Cc1ccccc1)[N+](=O)[O-]"}), 0)], SCREENER, NOW)
    (flag,) = by_role(result, "flags")
    assert orjson.loads(flag.value)["matches"][0]["method"] == "unmasking"
    ((record,),) = [orjson.loads(m.value) for m in by_role(result, "sightings")]
    assert (record["entry_id"], record["method"]) == ("DES-P2NP", "exact")
