"""The messages the stages exchange: Kafka records in (RawMessage), outputs with their role (OutMessage),
and what a screened batch yields (BatchResult). Plain data, no Kafka client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pipeline.histograms import AGE_BUCKETS, LATENCY_BUCKETS, BucketCounts

if TYPE_CHECKING:
    from schemas.flags import Flag


class RawMessage(Protocol):
    """A Kafka record as the stages read it. Faust's ``Message`` has these attributes and is passed
    as it is: building another object per event would cost the event loop for nothing."""

    @property
    def value(self) -> bytes | None: ...
    @property
    def key(self) -> bytes | None: ...
    @property
    def topic(self) -> str: ...
    @property
    def partition(self) -> int: ...
    @property
    def offset(self) -> int: ...
    @property
    def timestamp(self) -> float | None: ...  # seconds since the epoch


@dataclass(slots=True)
class InMessage:
    """A RawMessage of our own: records read outside Faust, decoded in the screening process, tests."""

    value: bytes | None
    key: bytes | None
    topic: str
    partition: int
    offset: int
    timestamp: float | None = None  # Kafka record timestamp, seconds since the epoch


@dataclass(slots=True)
class OutMessage:
    role: str  # flags | sightings | dead_letters | repository (the role names the topic)
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]
    partition: int | None = None  # set by pipeline.routing.route; None leaves it to the producer


@dataclass(slots=True)
class BatchResult:
    out: list[OutMessage] = field(default_factory=list)
    events: int = 0
    items: int = 0
    flags: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, category, method)
    dead_letter_codes: list[str] = field(default_factory=list)
    # Events screened without fields that failed validation: each also sent a data_quality report to
    # the dead letters (not in dead_letter_codes, which count messages dead-lettered instead of screened).
    data_quality_reports: int = 0
    latency: BucketCounts = field(default_factory=lambda: BucketCounts(LATENCY_BUCKETS))
    age_occurred: BucketCounts = field(default_factory=lambda: BucketCounts(AGE_BUCKETS))
    age_kafka: BucketCounts = field(default_factory=lambda: BucketCounts(AGE_BUCKETS))


def flag_message(flag: Flag) -> OutMessage:
    """A flag, screening or follow-up, as a message of the flags topic.

    Keyed by declaration: all flags of one declaration stay in order on one partition. Headers carry
    no personal data (they show up in broker tooling)."""
    headers = [
        ("flag_id", flag.flag_id.encode()),
        ("severity", flag.severity.encode()),
        ("watchlist_version", flag.watchlist_version.encode()),
    ]
    if flag.follow_up_of is not None:
        headers.append(("follow_up_of", flag.follow_up_of.encode()))
    return OutMessage("flags", flag.declaration_id.encode(), flag.model_dump_json().encode(), headers)
