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
