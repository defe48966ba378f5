"""The stateful signals' Faust table and its store (docs/intelligence.md, "Tables").

One table, ``precwatch-intelligence``: key = facet key (``consignee:…``, ``name:…``, ``address:…``,
``consignor:…``, ``substance:…``, pipeline/intelligence_observe.py facet_keys), value = that key's
state as JSON (pipeline/intelligence.py). Its changelog topic is
``<group id>-precwatch-intelligence-changelog``, partitioned like the observations topic: the
changelog partition comes from the key (use_partitioner) with the default Kafka partitioner, which is
how the screening stage routes each observation (pipeline/routing.py), so a key's state and its
observations share a partition number and Faust assigns both to the same worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.settings import Settings

if TYPE_CHECKING:
    import faust

INTELLIGENCE_TABLE = "precwatch-intelligence"


def table_store_url(settings: Settings) -> str:
    """Faust's store URL: memory (state rebuilt from the changelog on start) or RocksDB on disk."""
    store = settings.table_store
    if store == "auto":
        store = "memory" if settings.profile == "embedded" else "rocksdb"
    return f"{store}://"


def changelog_topic(settings: Settings) -> str:
    return f"{settings.group_id}-{INTELLIGENCE_TABLE}-changelog"


def intelligence_table(app: faust.App, settings: Settings) -> faust.Table:
    return app.Table(
        INTELLIGENCE_TABLE,
        default=None,
        partitions=settings.partitions,
        key_type=bytes,
        value_type=bytes,
        use_partitioner=True,
        store=table_store_url(settings),
    )
