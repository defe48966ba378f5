"""JSON Schema files for the contracts; a test fails when the checked-in files are stale."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.events import TransactionEvent
from schemas.flags import DeadLetter, Flag, WatchlistEntry
from schemas.records import ItemVerdictRecord, RepositoryRecord, RepositoryTopicRecord, WatchlistUpdate

SCHEMA_DIR = Path(__file__).resolve().parent / "json"

MODELS = {
    "transaction-event": TransactionEvent,
    "flag": Flag,
    "dead-letter": DeadLetter,
    "watchlist-entry": WatchlistEntry,
    "repository-record": RepositoryRecord,
    "watchlist-update": WatchlistUpdate,
    "item-verdict": ItemVerdictRecord,
    "substance-record": RepositoryTopicRecord,
}


def render_schemas() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(mode="serialization"), indent=2, sort_keys=True)
        + "\n"
        for name, model in MODELS.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, text in render_schemas().items():
        path = directory / filename
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
