"""The generated parts of docs/operations.md: the configuration reference (from pipeline/settings.py),
the topic layout and the Kafka ACLs per client (from streaming/topic_plan.py).

    python -m devtools.operations_doc           # rewrite them in docs/operations.md
    python -m devtools.operations_doc --check   # exit 1 when they are stale (tests/devtools does the same)

Each part sits between a BEGIN and an END marker; the text around them is written by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
import typing
from pathlib import Path

from pydantic import SecretStr

from pipeline.settings import ENV_PREFIX, Settings
from streaming.topic_plan import PlannedTopic, topic_plan

DOC = Path(__file__).resolve().parents[1] / "docs" / "operations.md"
COMMAND = "python -m devtools.operations_doc"
DAY_MS = 86_400_000


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type_of(annotation: object) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)] if typing.get_args(annotation) else []
    if typing.get_origin(annotation) is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation))
    if args and typing.get_origin(annotation) is not dict:
        return _type_of(args[0]) + " (optional)"
    if annotation is SecretStr:
        return "secret"
    if typing.get_origin(annotation) is dict:
        return "JSON object"
    return getattr(annotation, "__name__", str(annotation))


def settings_reference() -> str:
    rows = ["| variable | type | default | meaning |", "|---|---|---|---|"]
    for name, info in Settings.model_fields.items():
        default = info.get_default(call_default_factory=True)
        shown = (
            "—"
            if default is None or default == ""
            else f"`{default}`"
            if not isinstance(default, dict)
            else (f"`{_json(default)}`")
        )
        secret = " From the environment only; never logged or shown." if "Secret" in str(info.annotation) else ""
        rows.append(
            f"| `{ENV_PREFIX}{name.upper()}` | {_type_of(info.annotation)} | {_cell(shown)} | "
            f"{_cell(info.description or '')}{secret} |"
        )
    return "\n".join(rows)


def _json(value: object) -> str:
    import json

    return json.dumps(value)


def _retention(topic: PlannedTopic) -> str:
    configs = topic.configs
    parts = [configs.get("cleanup.policy", "delete")]
    if "retention.ms" in configs:
        parts.append(f"{int(configs['retention.ms']) // DAY_MS} days")
    return ", ".join(parts)


def _plan() -> tuple[Settings, list[PlannedTopic]]:
    settings = Settings()
    return settings, topic_plan(settings)


def topic_layout() -> str:
    settings, plan = _plan()
    rows = [
        "| topic (default name) | partitions | cleanup, retention | traders' data | written by | read by | why |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in plan:
        partitions = "`PRECWATCH_PARTITIONS`" if t.partitions == settings.partitions else str(t.partitions)
        rows.append(
            f"| `{t.name}` | {partitions} | {_retention(t)} | {_cell(t.role.personal_data)} | "
            f"{', '.join(t.role.writers)} | {', '.join(t.role.readers)} | {_cell(t.role.purpose)}: {_cell(t.role.reason)} |"
        )
    return "\n".join(rows)


def acls() -> str:
    _, plan = _plan()
    clients: dict[str, dict[str, set[str]]] = {}
    for t in plan:
        for writer in t.role.writers:
            clients.setdefault(writer, {}).setdefault(t.name, set()).update({"Write", "Describe"})
        for reader in t.role.readers:
            clients.setdefault(reader, {}).setdefault(t.name, set()).update({"Read", "Describe"})
    rows = ["| client | topic | operations |", "|---|---|---|"]
    for client in sorted(clients):
        for topic, operations in clients[client].items():
            rows.append(f"| {client} | `{topic}` | {', '.join(sorted(operations))} |")
    return "\n".join(rows)


SECTIONS = {"settings": settings_reference, "topics": topic_layout, "acls": acls}


def render(text: str) -> str:
    """``text`` with every generated section replaced by a fresh rendering."""
    for name, make in SECTIONS.items():
        begin = f"<!-- BEGIN GENERATED {name}: {COMMAND} -->"
        end = f"<!-- END GENERATED {name} -->"
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise SystemExit(f"{DOC}: no section {begin!r} ... {end!r}")
        section = f"{begin}\n{make()}\n{end}"
        text = pattern.sub(lambda _, section=section: section, text)  # a function: no escapes in the text
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/operations.md is stale")
    args = parser.parse_args(argv)
    current = DOC.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            print(f"{DOC} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
