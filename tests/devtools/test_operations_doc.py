"""docs/operations.md's generated sections are current, and complete."""

from devtools.operations_doc import COMMAND, DOC, SECTIONS, main, render
from pipeline.settings import ENV_PREFIX, Settings


def test_generated_sections_of_the_operations_doc_are_current():
    assert main(["--check"]) == 0, f"docs/operations.md is stale: run {COMMAND}"


def test_render_replaces_stale_sections_and_lists_every_setting_and_topic():
    stale = "\n".join(
        f"<!-- BEGIN GENERATED {name}: {COMMAND} -->\nold\n<!-- END GENERATED {name} -->" for name in SECTIONS
    )
    fresh = render("intro\n" + stale + "\noutro")
    assert "\nold\n" not in fresh and fresh.startswith("intro\n") and fresh.endswith("\noutro")
    for name in Settings.model_fields:
        assert f"`{ENV_PREFIX}{name.upper()}`" in fresh, name
    assert "`precursor.watchlist` | 1 | compact" in fresh
    assert "-substances-changelog`" in fresh and "-__assignor-__leader`" in fresh
    assert "| `PRECWATCH_SASL_PASSWORD` | secret (optional) | — |" in fresh
    assert DOC.read_text().count("<!-- BEGIN GENERATED") == len(SECTIONS)


def test_acls_cover_every_topic_the_workbench_and_the_rescreen_command_use():
    from devtools.operations_doc import acls
    from workbench.consumer import TopicConsumer

    settings = Settings()
    rows = {tuple(cell.strip(" `") for cell in row.split("|")[1:4]) for row in acls().splitlines()[2:]}
    for topic in TopicConsumer(None, settings)._kinds:  # what the workbench's consumer reads
        assert ("workbench", topic, "Describe, Read") in rows or ("workbench", topic, "Describe, Read, Write") in rows
    assert ("workbench", settings.topic_cases, "Describe, Read, Write") in rows  # case changes
    assert ("precwatch rescreen", settings.topic_transactions, "Describe, Read") in rows
    assert ("precwatch rescreen", settings.topic_flags, "Describe, Read, Write") in rows
    # its consumer groups, by the prefix the doc gives for their ACL
    from cli.rescreen import rescreen_group

    assert rescreen_group(settings, "wl-1", "7d").startswith(f"{settings.group_id}.rescreen.")
    assert "`<group id>.rescreen.`" in DOC.read_text()
