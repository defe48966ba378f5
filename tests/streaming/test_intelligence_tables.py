"""The stateful signals' table store follows the settings (streaming/intelligence_tables.py)."""

from __future__ import annotations

from pipeline.settings import Settings
from streaming.intelligence_tables import changelog_topic, table_store_url


def test_auto_store_is_memory_on_the_embedded_broker_and_rocksdb_on_kafka():
    assert table_store_url(Settings(profile="embedded")) == "memory://"
    assert table_store_url(Settings(profile="kafka")) == "rocksdb://"


def test_an_explicit_store_wins_over_the_profile():
    assert table_store_url(Settings(profile="kafka", table_store="memory")) == "memory://"
    assert table_store_url(Settings(profile="embedded", table_store="rocksdb")) == "rocksdb://"


def test_changelog_topic_is_named_after_the_group():
    assert changelog_topic(Settings(group_id="g")) == "g-precwatch-intelligence-changelog"
