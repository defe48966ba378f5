"""Histogram bucket counts built where the values are (the screening process) and merged where they
are exported: one merge per batch instead of one Prometheus observe() per event on the event loop."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
AGE_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600, 86400, 604800)


@dataclass(slots=True)
class BucketCounts:
    """Non-cumulative counts per bucket (the last one is +Inf), their sum and count."""

    bounds: tuple[float, ...]
    counts: list[int] = field(default_factory=list)
    total: float = 0.0
    n: int = 0

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = [0] * (len(self.bounds) + 1)

    def add(self, value: float) -> None:
        self.counts[bisect_left(self.bounds, value)] += 1  # le semantics: value == bound counts in it
        self.total += value
        self.n += 1

    def merge(self, other: BucketCounts) -> None:
        for i, c in enumerate(other.counts):
            self.counts[i] += c
        self.total += other.total
        self.n += other.n

    def to_json(self) -> list:
        return [self.counts, self.total, self.n]

    @classmethod
    def from_json(cls, bounds: tuple[float, ...], data: list) -> BucketCounts:
        counts, total, n = data
        return cls(bounds, list(counts), total, n)
