"""Faust settings per broker profile (PRECWATCH_PROFILE). Importing this builds nothing."""

from __future__ import annotations

# Settings that make Faust fast and correct against the embedded Tansu broker. Real Kafka rejects
# session timeouts below 6 s by default, so these are a profile, not the default for production.
EMBEDDED_PROFILE = {
    "broker_session_timeout": 3.0,
    "broker_heartbeat_interval": 0.3,
    "broker_rebalance_timeout": 10.0,
    "broker_commit_interval": 0.5,
    "producer_linger": 0.005,
    # Tansu reports a partition's end offset as the start of its last record batch + 1, so Faust's
    # table recovery stops at the first record of the last changelog batch: after a restart, the
    # first-seen times of the others were lost (tests/agents/test_first_seen_recovery.py). One
    # record per batch on Faust's own send path (the first-seen table's changelog is all that uses
    # it) makes recovery exact; the outputs go as large batches all the same (streaming/compat.py
    # new_record_batch), and so do the stateful signals' changelog records, the last of each
    # partition alone (streaming/intelligence_tables.py ChangelogWriter).
    "producer_max_batch_size": 1,
}
EMBEDDED_FETCH_MAX_WAIT_MS = 50  # see streaming/compat.py set_fetch_max_wait
KAFKA_PROFILE = {"broker_commit_interval": 1.0, "producer_linger": 0.005}


def faust_profile(name: str) -> dict:
    return EMBEDDED_PROFILE if name == "embedded" else KAFKA_PROFILE
