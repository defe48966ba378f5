"""The topic plan: derived from the code (the pipeline's topics and Faust's own), created on a real broker."""

import uuid

from kafka import KafkaConsumer

from devtools.local import isolated_env
from pipeline.settings import Settings
from streaming import topic_plan as plan_module
from streaming.app import create_app
from streaming.kafka import client_config, topic_specs
from streaming.topic_plan import (
    CHANGELOG,
    INTELLIGENCE_CHANGELOG,
    LEADER,
    UNCLASSIFIED,
    create_planned_topics,
    topic_plan,
)


def test_plan_holds_every_pipeline_topic_and_every_topic_faust_creates():
    settings = Settings(partitions=6, replication_factor=3)
    plan = {t.name: t for t in topic_plan(settings)}
    for name, partitions, configs in topic_specs(settings):
        assert plan[name].partitions == partitions and configs.items() <= plan[name].configs.items()
    app = create_app(settings)
    for table in app.tables.values():
        changelog = plan[table.changelog_topic.get_topic_name()]
        # The stateful signals' table (issue 12) has a role of its own: its keys name traders.
        assert (
            changelog.role in (CHANGELOG, INTELLIGENCE_CHANGELOG) and changelog.configs["cleanup.policy"] == "compact"
        )
        assert changelog.partitions == 6
    (leader,) = [t for t in plan.values() if t.role is LEADER]
    assert leader.name == "precursor-watch-__assignor-__leader" and leader.partitions == 1
    assert {t.replication_factor for t in plan.values()} == {3}


def test_personal_data_topics_are_deleted_after_their_retention_and_the_watchlist_is_compacted():
    plan = {t.name: t for t in topic_plan(Settings(), faust_topics=[])}
    days = {name: int(t.configs.get("retention.ms", 0)) // 86_400_000 for name, t in plan.items()}
    assert days["customs.transactions"] == 7 and days["precursor.flags"] == 30
    assert days["customs.transactions.dlq"] == 14
    assert plan["precursor.watchlist"].configs["cleanup.policy"] == "compact"
    assert "retention.ms" not in plan["precursor.watchlist"].configs


def test_a_topic_the_code_adds_or_compacts_keeps_the_codes_configuration(monkeypatch):
    def specs(settings):
        return [("precursor.repository", 4, {"cleanup.policy": "compact"}), ("precursor.new-topic", 4, {})]

    monkeypatch.setattr(plan_module, "topic_specs", specs)
    plan = {t.name: t for t in topic_plan(Settings(), faust_topics=[])}
    assert plan["precursor.repository"].configs == {"cleanup.policy": "compact"}  # no delete-retention on it
    assert plan["precursor.new-topic"].role is UNCLASSIFIED


def test_create_makes_the_missing_topics_once(broker_url):
    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(isolated_env(broker_url, f"plan-{tag}"))
    plan = topic_plan(settings, faust_topics=[(f"precwatch-plan-{tag}-table-changelog", 2)])
    assert sorted(create_planned_topics(settings, plan)) == sorted(t.name for t in plan)
    assert create_planned_topics(settings, plan) == []
    consumer = KafkaConsumer(**client_config(settings))
    try:
        described = {t.name: len(consumer.partitions_for_topic(t.name) or ()) for t in plan}
    finally:
        consumer.close()
    assert described == {t.name: t.partitions for t in plan}


def test_every_topic_setting_is_in_the_plan_with_a_role_of_its_own():
    settings = Settings()
    plan = {t.name: t for t in topic_plan(settings)}
    for field in Settings.model_fields:
        if field.startswith("topic_"):  # cases, observations, repository and every other topic
            name = getattr(settings, field)
            assert name in plan, field
            assert plan[name].role is not UNCLASSIFIED, f"{field}: decide its retention in ROLES"
