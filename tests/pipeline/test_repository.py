"""The information-repository stage (pure): dedupe, bounds, event time, novel designer precursors."""

from datetime import UTC, datetime

import orjson
import pytest

from pipeline.batch import process_batch
from pipeline.messages import InMessage
from pipeline.repository import RepositoryLimits, latest_records, record_sightings, sighting_id
from schemas.records import NovelDesignerPrecursorRecord, RepositoryRecord, RepositoryTopicRecord, SubstanceRecord
from tests.factories import make_event, make_screener

SCREENER = make_screener()
NOW = datetime(2026, 11, 1, tzinfo=UTC)
BMK = "CC(=O)Cc1ccccc1"
BMK_PROPYL_ESTER = "CCCOC(=O)C(C(C)=O)c1ccccc1"  # unmasks to BMK in two steps; on no list
LIMITS = RepositoryLimits()


def sightings(*items: dict, event_id: str = "evt-1", occurred_at: str | None = None) -> list[dict]:
    """The sighting records the screening stage writes for one event with these goods items."""
    event = make_event(*items, event_id=event_id)
    if occurred_at:
        event = event.model_copy(update={"occurred_at": datetime.fromisoformat(occurred_at)})
    raw = InMessage(event.model_dump_json().encode(), b"decl", "customs.transactions", 0, 0)
    out = process_batch([raw], SCREENER, NOW).out
    return [record for m in out if m.role == "sightings" for record in orjson.loads(m.value)]


def message(records: list[dict], offset: int = 0) -> InMessage:
    return InMessage(orjson.dumps(records), b"k", "precursor.sightings", 0, offset)


def run(store: dict, *batches: list[dict], limits: RepositoryLimits = LIMITS) -> list:
    out = []
    for n, records in enumerate(batches):
        out += record_sightings([message(records, n)], store, limits)
    return out


def current(out, key: str | None = None) -> dict:
    records = [orjson.loads(m.value) for m in out if m.role == "repository" and (key is None or m.key == key.encode())]
    return records[-1]


def test_one_record_per_substance_with_totals_and_the_audit_record_of_each_sighting():
    first = sightings({"smiles": BMK, "net_mass_kg": 20, "cn_code": "29143900", "name": "phenylacetone"})
    second = sightings({"smiles": BMK, "net_mass_kg": 5.5, "cas": "103-79-7"}, event_id="evt-2")
    unweighed = sightings({"smiles": BMK}, event_id="evt-3")
    store: dict = {}
    out = record_sightings([message(first + second, 0), message(unweighed, 1)], store, LIMITS)

    audit = [m for m in out if m.role == "repository_sightings"]
    assert len(audit) == 3 and all(RepositoryRecord.model_validate_json(m.value).first_seen_at for m in audit)
    (repository,) = [m for m in out if m.role == "repository"]  # one per substance and batch
    record = SubstanceRecord.model_validate_json(repository.value)
    assert repository.key.decode() == record.substance_key == record.inchikey
    assert record.status == "listed" and record.entry_id == "EU1-BMK" and record.method == "exact"
    assert record.sightings == 3 and record.total_net_mass_kg == 25.5 and record.sightings_without_mass == 1
    assert record.cas_numbers == ["103-79-7"] and "29143900" in record.cn_codes
    assert "phenylacetone" in record.names and record.dispatch_countries == ["CN"]
    assert len(record.flag_ids) == 3 and record.flag_ids[0] == first[0]["record_id"]
    assert [s.event_id for s in record.recent_sightings] == ["evt-1", "evt-2", "evt-3"]
    assert not any(name in repository.value for name in (b"Consignee", b"Consignor"))  # no trader data


def test_a_re_delivered_sighting_is_written_again_for_audit_but_counted_once():
    records = sightings({"smiles": BMK, "net_mass_kg": 10})
    store: dict = {}
    out = run(store, records, records, records + sightings({"smiles": BMK, "net_mass_kg": 1}, event_id="evt-2"))
    assert len([m for m in out if m.role == "repository_sightings"]) == 4  # at-least-once: same record ids
    record = current(out)
    assert record["sightings"] == 2 and record["total_net_mass_kg"] == 11
    assert orjson.loads(store[record["substance_key"]])["seen"] == [sighting_id("evt-1", 1), sighting_id("evt-2", 1)]


def test_the_same_sighting_twice_in_one_message_counts_once():
    records = sightings({"smiles": BMK, "net_mass_kg": 10})
    out = record_sightings([message(records + records)], {}, LIMITS)
    assert current(out)["sightings"] == 1


def test_first_and_last_seen_follow_event_time_whatever_the_arrival_order():
    store: dict = {}
    out = run(
        store,
        sightings({"smiles": BMK}, event_id="mid", occurred_at="2026-11-05T00:00:00+00:00"),
        sightings({"smiles": BMK}, event_id="late", occurred_at="2026-11-09T00:00:00+00:00"),
        sightings({"smiles": BMK}, event_id="early", occurred_at="2026-10-01T00:00:00+00:00"),
    )
    record = SubstanceRecord.model_validate(current(out))
    assert record.first_seen_at == datetime(2026, 10, 1, tzinfo=UTC) and record.first_sighting.event_id == "early"
    assert record.last_seen_at == datetime(2026, 11, 9, tzinfo=UTC)
    assert [s.event_id for s in record.recent_sightings] == ["early", "mid", "late"]  # by event time
    stamped = [orjson.loads(m.value) for m in out if m.role == "repository_sightings"]
    # each audit record carries the earliest time known when it was recorded
    assert [s["first_seen_at"] for s in stamped] == [
        "2026-11-05T00:00:00Z",
        "2026-11-05T00:00:00Z",
        "2026-10-01T00:00:00Z",
    ]


def test_lists_are_bounded_and_say_so():
    limits = RepositoryLimits(distinct_values=2, recent_sightings=3, remembered_sightings=100)
    store: dict = {}
    batches = [
        sightings({"smiles": BMK, "name": f"phenylacetone lot {n}", "net_mass_kg": 1}, event_id=f"evt-{n}")
        for n in range(6)
    ]
    record = SubstanceRecord.model_validate(current(run(store, *batches, limits=limits)))
    assert record.sightings == 6 and record.total_net_mass_kg == 6  # counts are never capped
    assert record.names == ["phenylacetone lot 0", "phenylacetone lot 1"]  # the first distinct values
    assert [s.event_id for s in record.recent_sightings] == ["evt-3", "evt-4", "evt-5"]  # the most recent
    assert record.flag_ids == [batches[n][0]["record_id"] for n in (3, 4, 5)]
    assert set(record.capped) == {"names", "recent_sightings", "flag_ids"}


def test_remembered_sighting_ids_are_bounded_and_a_forgotten_one_would_count_again():
    # The documented limit: only the most recent remembered_sightings ids are kept per substance.
    limits = RepositoryLimits(remembered_sightings=100)
    store: dict = {}
    batches = [sightings({"smiles": BMK}, event_id=f"evt-{n}") for n in range(101)]
    run(store, *batches, limits=limits)
    key = batches[0][0]["structure_key"]
    assert len(orjson.loads(store[key])["seen"]) == 100
    assert current(run(store, batches[100], limits=limits))["sightings"] == 101  # remembered: not counted
    assert current(run(store, batches[0], limits=limits))["sightings"] == 102  # forgotten: counted again


def test_batches_give_the_same_record_as_one_batch():
    # The worker's table keeps the state between batches; the split into batches must not matter.
    records = [
        sightings({"smiles": BMK, "net_mass_kg": n, "cas": "103-79-7"}, event_id=f"evt-{n}")[0] for n in range(5)
    ]
    one = current(record_sightings([message(records)], {}, LIMITS))
    split = current(run({}, records[:2], records[2:3], records[3:]))
    assert split == one


def test_a_novel_designer_precursor_gets_its_own_record_type_with_a_listing_proposal_draft():
    store: dict = {}
    out = run(
        store,
        sightings({"smiles": BMK_PROPYL_ESTER, "net_mass_kg": 58.3, "cn_code": "29420000"}),
        sightings({"smiles": BMK_PROPYL_ESTER, "net_mass_kg": 41.7}, event_id="evt-2"),
    )
    parsed = RepositoryTopicRecord.model_validate_json(next(m.value for m in reversed(out) if m.role == "repository"))
    record = parsed.root
    assert isinstance(record, NovelDesignerPrecursorRecord)
    assert record.status == "novel" and record.sightings == 2
    evidence = record.evidence[0]
    assert (evidence.method, evidence.entry_id) == ("unmasking", "EU1-BMK")
    assert [step.rule for step in evidence.path] == ["ester_hydrolysis", "beta_keto_acid_decarboxylation"]
    draft = record.listing_proposal
    assert draft.inchikey == record.substance_key and draft.formula == "C13H16O3"
    assert draft.converts_to[0].entry_id == "EU1-BMK" and "ester_hydrolysis" in draft.converts_to[0].how
    assert draft.sightings == 2 and draft.total_net_mass_kg == 100.0 and draft.first_sighting.event_id == "evt-1"
    assert any("CAS number" in point for point in draft.to_complete)  # none was declared
    assert any("29420000" in point for point in draft.to_complete)


def test_the_flag_of_a_novel_designer_precursor_carries_the_marker_and_a_listed_one_does_not():
    novel = make_event({"smiles": BMK_PROPYL_ESTER}, {"smiles": BMK})
    flags = SCREENER.screen_event(novel, NOW)
    assert [f.novel_designer_precursor for f in flags] == [True, False]
    (weak,) = sightings({"smiles": "O=C(/C=C/C=C/c1ccc2c(c1)OCO2)N1CCCCC1", "name": "piperine"})
    assert weak["method"] == "unmasking" and not weak["novel_designer_precursor"]  # not flagged: no early warning


def test_a_substance_listed_after_it_was_novel_becomes_a_listed_record():
    store: dict = {}
    (novel,) = sightings({"smiles": BMK_PROPYL_ESTER})
    run(store, [novel])
    # The same structure screened after a watchlist update that lists it: an exact match.
    listed = {
        **novel,
        "event_id": "evt-after-update",
        "method": "exact",
        "entry_id": "EU1-NEW",
        "novel_designer_precursor": False,
        "evidence": [],
    }
    record = current(run(store, [listed]))
    assert SubstanceRecord.model_validate(record).record_type == "substance"
    assert record["status"] == "listed" and record["sightings"] == 2
    assert "evidence" not in record and "listing_proposal" not in record


def test_an_unidentified_substance_is_keyed_by_its_normalised_identifier():
    out = run({}, sightings({"name": "Mystery Compound X-17", "description": "?"}))
    record = SubstanceRecord.model_validate(current(out))
    assert record.key_type == "identifier" and record.status == "unresolved"
    assert record.substance_key == "id:name:mystery compound x-17"


@pytest.mark.parametrize(
    "junk",
    [
        b"not json",
        b'{"a": 1}',
        b'[{"structure_key": "K", "seen_at": "yesterday"}]',
        b'[{"seen_at": 1}]',
        b"[1]",
    ],
)
def test_a_sightings_message_that_cannot_be_read_is_dead_lettered_and_changes_nothing(junk):
    store: dict = {}
    (out,) = record_sightings([InMessage(junk, b"K", "precursor.sightings", 0, 5)], store, LIMITS)
    assert out.role == "dead_letters"
    letter = orjson.loads(out.value)
    assert letter["reason_code"] == "schema" and letter["original"] == junk.decode()
    assert letter["error_location"] == "precursor.sightings/0/5"
    assert store == {}


def test_a_record_with_a_wrongly_typed_field_is_refused_before_it_changes_state():
    good = sightings({"smiles": BMK})
    for field, value in (
        ("item_line", "1"),
        ("net_mass_kg", "heavy"),
        ("identifiers", {"cas": 7}),
        ("method", 3),
        ("key_type", "guess"),
        ("evidence", [{"method": "unmasking"}]),  # the listing-proposal draft would stop on it
        (
            "evidence",
            [
                {
                    "method": "unmasking",
                    "entry_id": "E",
                    "entry_name": "E",
                    "category": "1",
                    "detail": "d",
                    "path": [{"product_smiles": "C"}],
                }
            ],
        ),
    ):
        store: dict = {}
        out = record_sightings([message(good), message([{**good[0], field: value}], 1)], store, LIMITS)
        assert [m.role for m in out] == ["dead_letters", "repository_sightings", "repository"], field
        assert current(out)["sightings"] == 1


def test_latest_record_per_key_wins_and_a_tombstone_removes_it():
    pairs = [(b"A", b"1"), (b"B", b"1"), (b"A", b"2"), (None, b"x"), (b"B", None)]
    assert latest_records(pairs) == {"A": b"2"}
