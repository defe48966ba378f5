from datetime import UTC, datetime

import pytest

from chemistry.watchlist import COMMON_CSV, WATCHLIST_CSV, build_watchlist
from pipeline.live_watchlist import MANIFEST_KEY, apply_update, watchlist_messages
from pipeline.watchlist_trust import (
    WatchlistTrust,
    find_downgrades,
    generate_signing_key,
    load_signing_key,
    parse_trusted_keys,
)
from schemas.records import WatchlistUpdate
from tests.factories import bundled_watchlist

NOW = datetime(2026, 11, 29, tzinfo=UTC)


def key_pair():
    pem, public = generate_signing_key()
    private, problem = load_signing_key(pem)
    assert problem == ""
    keys, problems = parse_trusted_keys(public)
    assert problems == []
    return private, WatchlistTrust(keys)


def changed_watchlist(old: str, new: str):
    text = WATCHLIST_CSV.read_text()
    assert old in text
    return build_watchlist(text.replace(old, new, 1), COMMON_CSV.read_text())


def manifest(wl, **kwargs) -> bytes:
    key, value = watchlist_messages(wl, NOW, **kwargs)[-1]
    assert key == MANIFEST_KEY
    return value


def test_a_manifest_signed_by_a_trusted_key_is_applied():
    private, trust = key_pair()
    new = changed_watchlist("phenylacetone;", "phenylacetone; benzylmethylketone;")
    applied, problem = apply_update(manifest(new, signing_key=private), bundled_watchlist(), trust)
    assert problem == "" and applied.version == new.version


def test_an_unsigned_manifest_is_refused():
    _, trust = key_pair()
    new = changed_watchlist("phenylacetone;", "phenylacetone; benzylmethylketone;")
    assert apply_update(manifest(new), bundled_watchlist(), trust) == (None, "unsigned watchlist update")


def test_a_manifest_signed_by_an_unknown_key_is_refused():
    private, _ = key_pair()
    _, other_trust = key_pair()
    new = changed_watchlist("phenylacetone;", "phenylacetone; benzylmethylketone;")
    applied, problem = apply_update(manifest(new, signing_key=private), bundled_watchlist(), other_trust)
    assert applied is None and "does not trust" in problem


def test_a_manifest_changed_after_signing_is_refused():
    private, trust = key_pair()
    signed = WatchlistUpdate.model_validate_json(manifest(bundled_watchlist(), signing_key=private))
    tampered = signed.model_copy(update={"as_of": "2099-01-01"}).model_dump_json().encode()
    applied, problem = apply_update(tampered, None, trust)
    assert applied is None and "does not verify" in problem


def test_removing_bmk_needs_an_approval_in_the_signed_manifest():
    private, trust = key_pair()
    current = bundled_watchlist()
    lines = [line for line in WATCHLIST_CSV.read_text().splitlines(keepends=True) if not line.startswith("EU1-BMK,")]
    without_bmk = build_watchlist("".join(lines), COMMON_CSV.read_text())
    assert find_downgrades(current, without_bmk) == ["EU1-BMK"]
    applied, problem = apply_update(manifest(without_bmk, signing_key=private), current, trust)
    assert applied is None and "EU1-BMK" in problem and "without approval" in problem
    approved = manifest(without_bmk, signing_key=private, downgrades_approved=["EU1-BMK"])
    applied, problem = apply_update(approved, current, trust)
    assert problem == "" and applied.version == without_bmk.version


def test_an_approval_cannot_be_added_after_signing():
    private, trust = key_pair()
    lines = [line for line in WATCHLIST_CSV.read_text().splitlines(keepends=True) if not line.startswith("EU1-BMK,")]
    without_bmk = build_watchlist("".join(lines), COMMON_CSV.read_text())
    signed = WatchlistUpdate.model_validate_json(manifest(without_bmk, signing_key=private))
    forged = signed.model_copy(update={"downgrades_approved": ["EU1-BMK"]}).model_dump_json().encode()
    applied, problem = apply_update(forged, bundled_watchlist(), trust)
    assert applied is None and "does not verify" in problem


def test_local_runs_may_allow_unsigned_updates():
    new = changed_watchlist("phenylacetone;", "phenylacetone; benzylmethylketone;")
    applied, problem = apply_update(manifest(new), bundled_watchlist(), WatchlistTrust(allow_unsigned=True))
    assert problem == "" and applied is not None


@pytest.mark.parametrize("text", ["not-base64!", "AAAA", "QUJD"])
def test_malformed_trusted_keys_are_reported(text):
    keys, problems = parse_trusted_keys(text)
    assert keys == {} and len(problems) == 1


def test_a_signing_key_that_is_not_ed25519_pem_is_refused():
    key, problem = load_signing_key(b"-----BEGIN PRIVATE KEY-----\nnonsense\n-----END PRIVATE KEY-----\n")
    assert key is None and "PEM" in problem
