"""Automatic retro-screening (`precwatch rescreen --on-watchlist-change`) against the real embedded broker:
a new watchlist version published on the topic is screened against once, by one of two followers; the
same version published again adds nothing; an interrupted run is resumed by the next follower."""

from __future__ import annotations

import threading

import pytest

from chemistry.watchlist import WATCHLIST_CSV, load_watchlist
from cli.retro_screening import (
    FollowerState,
    RetroScreeningMetrics,
    VersionChanges,
    follow_watchlist_changes,
    retro_screening_group,
    watchlist_in_force,
)
from pipeline.live_watchlist import MANIFEST_KEY
from pipeline.settings import Settings
from pipeline.watchlist_trust import WatchlistTrust
from tests.agents.conftest import wait_until, with_env
from tests.cli.test_rescreen import (
    every_retro_flag,
    expected_retro_ids,
    history,
    offline_flags,
    retro_flags,
    watchlists_before,
)

UNSIGNED = WatchlistTrust(allow_unsigned=True)
# Listed since the flags on the topic were raised: it turns two flagged items into more severe ones.
NEWLY_LISTED = "DES-2-BROMOVALEROPHENONE"


@pytest.fixture(scope="module")
def watchlists(tmp_path_factory):
    return watchlists_before(tmp_path_factory.mktemp("watchlist"), NEWLY_LISTED)


def sample(metrics: RetroScreeningMetrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


class Follower:
    """follow_watchlist_changes in a thread, stopped by ``stop()``; an error it stops on is kept."""

    def __init__(self, settings: Settings, baseline) -> None:
        self.metrics, self.state, self.halt = RetroScreeningMetrics(), FollowerState(), threading.Event()
        self.error: BaseException | None = None

        def run() -> None:
            try:
                follow_watchlist_changes(
                    settings, baseline, UNSIGNED, 1, stop=self.halt.is_set, metrics=self.metrics, state=self.state
                )
            except BaseException as exc:  # reported by stop()
                self.error = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def runs(self, outcome: str = "complete") -> float:
        return sample(self.metrics, "precwatch_retro_screening_runs_total", outcome=outcome)

    def stop(self) -> None:
        self.halt.set()
        self.thread.join(30)
        assert not self.thread.is_alive() and self.error is None, self.error


def retro_env(broker_url: str, old_flags: list[dict]) -> dict[str, str]:
    return {**history(broker_url, old_flags), "PRECWATCH_RETRO_SCREENING_WINDOW": "1h"}


def publish(env: dict[str, str]) -> None:
    assert with_env(env, ["watchlist", "publish", "--watchlist", str(WATCHLIST_CSV), "--unsigned"]) == 0


def test_a_published_version_is_retro_screened_once_by_one_of_two_followers_and_again_adds_nothing(
    broker_url, watchlists
):
    old_path, old, current = watchlists
    old_flags = offline_flags(old)
    expected = expected_retro_ids(old_flags, offline_flags(current))
    # One past item flagged less severely before the listing. (A second, declared by its systematic name,
    # was already flagged as severely before it: OPSIN parses the name and the family matches it.)
    assert len(expected) == 1
    env = retro_env(broker_url, old_flags)
    settings = Settings.from_env(env)
    followers = [Follower(settings, old), Follower(settings, old)]
    try:
        publish(env)
        wait_until(lambda: sum(f.runs() for f in followers) >= 1, 180, "a follower's first run")
        retro = retro_flags(env, len(old_flags) + len(expected))
        assert sorted(f["flag_id"] for f in retro) == sorted(expected)
        assert {f["watchlist_version"] for f in retro} == {current.version}
        (worker,) = [f for f in followers if f.runs()]  # one of the two did the work
        assert sample(worker.metrics, "precwatch_retro_screening_flags_published_total") == len(expected)
        assert b"precwatch_retro_screening_records_total" in worker.metrics.render()

        publish(env)  # the same version again
        wait_until(
            lambda: (
                sum(
                    sample(f.metrics, "precwatch_retro_screening_manifests_total", outcome="unchanged")
                    for f in followers
                )
                >= 1
            ),
            180,
            "the same version counted unchanged",
        )
        assert sum(f.runs() for f in followers) == 1
    finally:
        for follower in followers:
            follower.stop()
    assert len(every_retro_flag(env)) == len(expected)  # nothing more on the topic


def test_a_manual_rescreen_uses_the_version_workers_hold_in_force(broker_url, watchlists, capsys):
    old_path, old, current = watchlists
    old_flags = offline_flags(old)
    # Workers start with the old watchlist (PRECWATCH_WATCHLIST_PATH) and accept unsigned updates.
    env = {
        **retro_env(broker_url, old_flags),
        "PRECWATCH_WATCHLIST_PATH": str(old_path),
        "PRECWATCH_WATCHLIST_ALLOW_UNSIGNED": "true",
    }
    settings = Settings.from_env(env)
    assert watchlist_in_force(settings, old, UNSIGNED).version == old.version  # nothing published yet
    publish(env)
    assert watchlist_in_force(settings, old, UNSIGNED).version == current.version
    assert watchlist_in_force(settings, old, WatchlistTrust()).version == old.version  # refused unsigned
    assert with_env(env, ["rescreen", "--since", "1h", "--jobs", "1", "--no-progress"]) == 0
    report = capsys.readouterr().err
    assert f"against watchlist {current.version}" in report and "1 new or more severe published" in report


def test_an_interrupted_retro_screening_is_resumed_by_the_next_follower(broker_url, watchlists):
    old_path, old, current = watchlists
    old_flags = offline_flags(old)
    expected = expected_retro_ids(old_flags, offline_flags(current))
    env = retro_env(broker_url, old_flags)
    settings = Settings.from_env(env)
    publish(env)

    metrics = RetroScreeningMetrics()
    stopped = follow_watchlist_changes(
        settings, old, UNSIGNED, 1, stop=lambda: False, metrics=metrics, max_records=100, chunk_records=50
    )
    (run,) = stopped.runs
    assert not run.complete and 100 <= run.records < 300
    assert sample(metrics, "precwatch_retro_screening_runs_total", outcome="interrupted") == 1

    resumed = Follower(settings, old)  # the manifest was not committed: the version is screened again
    try:
        wait_until(lambda: resumed.runs() >= 1, 180, "the resumed run")
    finally:
        resumed.stop()
    (run,) = resumed.state.runs
    assert run.resumed and run.complete
    retro = retro_flags(env, len(old_flags) + len(expected))
    assert sorted(f["flag_id"] for f in retro) == sorted(expected)  # each once, none missing


# -- the pure parts ---------------------------------------------------------------------------------------
def manifest(csv_path) -> bytes:
    from pipeline.live_watchlist import watchlist_messages

    key, value = watchlist_messages(load_watchlist(csv_path))[-1]
    assert key == MANIFEST_KEY
    return value


def test_only_a_new_valid_version_is_a_change(watchlists):
    old_path, old, current = watchlists
    changes = VersionChanges(old, UNSIGNED)
    assert changes.see(b"entry:EU1-BMK", b"{}") == "ignored"
    assert changes.see(MANIFEST_KEY, None) == "ignored"
    assert changes.see(MANIFEST_KEY, manifest(old_path)) == "unchanged"
    assert changes.see(MANIFEST_KEY, b"not a manifest") == "rejected" and changes.current is old
    assert changes.see(MANIFEST_KEY, manifest(WATCHLIST_CSV)) == "changed"
    assert changes.current.version == current.version
    assert changes.see(MANIFEST_KEY, manifest(WATCHLIST_CSV)) == "unchanged"
    signed_only = VersionChanges(old, WatchlistTrust())
    assert signed_only.see(MANIFEST_KEY, manifest(WATCHLIST_CSV)) == "rejected"


def test_the_followers_of_a_deployment_share_one_group():
    assert retro_screening_group(Settings(group_id="pw")) == "pw.retro-screening"


def test_the_follower_takes_its_window_from_the_settings_and_a_rescreen_needs_a_window(broker_url):
    from cli.main import main

    assert main(["rescreen", "--on-watchlist-change", "--since", "1h"]) == 2
    assert main(["rescreen"]) == 2
    with pytest.raises(ValueError):
        Settings(retro_screening_window="2026-11-29")  # a duration: the window moves with the clock
