from pathlib import Path

import orjson

from schemas.events import TransactionEvent
from schemas.export import render_schemas

ROOT = Path(__file__).resolve().parents[2]


def test_checked_in_json_schemas_are_current():
    for filename, text in render_schemas().items():
        path = ROOT / "schemas" / "json" / filename
        assert path.exists(), f"{filename} missing: run `precwatch schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{filename} is stale: run `precwatch schemas`"


def test_contract_field_names_are_present():
    event_fields = set(TransactionEvent.model_fields)
    assert event_fields >= {
        "schema_version",
        "event_id",
        "declaration_id",
        "source",
        "kind",
        "occurred_at",
        "consignor",
        "consignee",
        "declarant",
        "transport",
        "items",
    }
    flag = orjson.loads(render_schemas()["flag.schema.json"])
    assert set(flag["required"]) >= {
        "flag_id",
        "event_id",
        "declaration_id",
        "item_line",
        "severity",
        "score",
        "substance",
        "matches",
        "signals",
        "watchlist_version",
        "engine_version",
        "screened_at",
    }
    match = flag["$defs"]["Match"]["properties"]
    assert set(match) >= {"method", "entry", "score", "threshold", "path", "atoms"}


def test_example_file_events_are_valid_except_the_deliberately_broken_tail():
    lines = (ROOT / "devtools" / "data" / "transactions.jsonl").read_bytes().splitlines()
    valid = 0
    for line in lines:
        try:
            TransactionEvent.model_validate(orjson.loads(line))
            valid += 1
        except Exception:
            pass
    assert valid >= 300
    assert len(lines) - valid == 3


def test_flags_written_before_the_score_explanation_still_validate():
    from schemas.flags import Flag
    from tests.factories import make_event, make_screener

    (flag,) = make_screener().screen_event(make_event({"smiles": "CC(=O)Cc1ccccc1", "description": "pigment"}))
    old = flag.model_dump(mode="json")
    del old["score_explanation"]
    old["score_components"] = [{"source": c["source"], "weight": c["weight"]} for c in old["score_components"]]
    read = Flag.model_validate(old)
    assert read.score_explanation == "" and all(c.counted is None and c.role == "" for c in read.score_components)
    schema = orjson.loads(render_schemas()["flag.schema.json"])
    assert "score_explanation" not in schema["required"]
    assert schema["$defs"]["ScoreComponent"]["required"] == ["source", "weight"]
