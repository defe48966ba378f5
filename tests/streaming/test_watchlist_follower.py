"""The watchlist follower against a fake consumer (end to end against a broker: tests/agents)."""

import asyncio
from dataclasses import dataclass

import pytest

from chemistry.watchlist import WATCHLIST_CSV, build_watchlist
from pipeline.live_watchlist import MANIFEST_KEY, watchlist_messages
from pipeline.watchlist_trust import WatchlistTrust, generate_signing_key, load_signing_key, parse_trusted_keys
from streaming.watchlist_follower import WatchlistFollower
from tests.factories import bundled_watchlist

BUNDLED = bundled_watchlist()
LIVE = build_watchlist(
    WATCHLIST_CSV.read_text().replace("phenylacetone;", "phenylacetone; benzylmethylketone;"), as_of="2026-12-01"
)


UNSIGNED_OK = WatchlistTrust(allow_unsigned=True)


def manifest(wl, key=None) -> bytes:
    return watchlist_messages(wl, signing_key=key)[-1][1]


@dataclass
class Record:
    key: bytes | None
    value: bytes | None


class EndOfScript(Exception):
    """The fake consumer has nothing more to hand out: ends the follower's run in a test."""


class FakeConsumer:
    """One partition; ``published`` is there before the follower starts, ``later`` arrives one
    fetch at a time afterwards."""

    def __init__(self, published: list[Record], later: list[list[Record]] = ()) -> None:
        self.fetches = [published[:1], published[1:]] if len(published) > 1 else [published]
        self.fetches = [f for f in self.fetches if f] + [list(f) for f in later]
        self.end = len(published)
        self.position_now = 0
        self.stopped = False

    async def end_offsets(self, partitions):
        return {tp: self.end for tp in partitions}

    async def position(self, tp):
        return self.position_now

    async def getmany(self, *partitions, timeout_ms):
        if not self.fetches:
            raise EndOfScript
        records = self.fetches.pop(0)
        self.position_now += len(records)
        return {partitions[0]: records}

    async def stop(self):
        self.stopped = True


class Harness:
    def __init__(self, *opened: tuple[FakeConsumer, list], trust: WatchlistTrust = UNSIGNED_OK) -> None:
        self.opened = list(opened)
        self.log: list = []
        self.watchlist = BUNDLED
        self.slept: list[float] = []

        async def open_consumer():
            return self.opened.pop(0)

        async def use_watchlist(watchlist, value):
            self.watchlist = watchlist
            self.log.append(("use", watchlist.version))

        async def sleep(seconds):
            self.slept.append(seconds)

        self.follower = WatchlistFollower(
            topic="wl",
            open_consumer=open_consumer,
            current=lambda: self.watchlist,
            trust=trust,
            use_watchlist=use_watchlist,
            count=lambda outcome: self.log.append(outcome),
            caught_up=lambda: self.log.append("caught up"),
            sleep=sleep,
        )

    def run(self) -> None:
        with pytest.raises(EndOfScript):
            asyncio.run(self.follower.run())


def test_catches_up_before_screening_starts_then_follows_rejecting_bad_updates():
    entry = Record(b"PW-0001", b'{"watchlist_version": "x"}')  # entry records are for other consumers
    consumer = FakeConsumer(
        [entry, Record(MANIFEST_KEY, manifest(LIVE))],
        later=[[Record(MANIFEST_KEY, b"{}")], [Record(MANIFEST_KEY, manifest(LIVE)), Record(MANIFEST_KEY, None)]],
    )
    h = Harness((consumer, ["wl-0"]))
    h.run()
    assert h.log == [("use", LIVE.version), "applied", "caught up", "rejected", "unchanged"]
    assert h.watchlist.version == LIVE.version  # the rejected update left the last good version in force
    assert consumer.stopped


def test_without_the_topic_the_bundled_watchlist_is_in_force_until_the_topic_appears():
    missing = FakeConsumer([])
    created = FakeConsumer([Record(MANIFEST_KEY, manifest(LIVE))])
    h = Harness((missing, []), (created, ["wl-0"]))
    h.run()
    assert h.log == ["caught up", ("use", LIVE.version), "applied", "caught up"]
    assert h.slept == [5.0]  # looked for again after a pause, with a new consumer
    assert missing.stopped and created.stopped


def test_an_empty_topic_counts_as_caught_up():
    h = Harness((FakeConsumer([]), ["wl-0"]))
    h.run()
    assert h.log == ["caught up"] and h.watchlist.version == BUNDLED.version


def test_only_updates_signed_by_a_trusted_key_are_applied():
    pem, public = generate_signing_key()
    key, _ = load_signing_key(pem)
    trust = WatchlistTrust(parse_trusted_keys(public)[0])
    consumer = FakeConsumer(
        [Record(MANIFEST_KEY, manifest(LIVE))],  # unsigned
        later=[[Record(MANIFEST_KEY, manifest(LIVE, key))]],
    )
    h = Harness((consumer, ["wl-0"]), trust=trust)
    h.run()
    assert h.log == ["rejected", "caught up", ("use", LIVE.version), "applied"]
