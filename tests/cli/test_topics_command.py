"""`precwatch topics`: the plan, named by the settings."""

from cli.main import main


def test_topics_prints_every_topic_named_by_the_settings(monkeypatch, capsys):
    monkeypatch.setenv("PRECWATCH_GROUP_ID", "ops-test")
    monkeypatch.setenv("PRECWATCH_TOPIC_FLAGS", "ops.flags")
    assert main(["topics"]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines]
    assert "ops.flags" in names and "precursor.flags" not in names
    assert "ops-test-precwatch-substances-changelog" in names and "ops-test-__assignor-__leader" in names
    assert any(line.startswith("precursor.watchlist ") and "cleanup.policy=compact" in line for line in lines)
