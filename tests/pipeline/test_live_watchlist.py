import orjson

from chemistry.watchlist import WATCHLIST_CSV
from pipeline.live_watchlist import MANIFEST_KEY, apply_update, watchlist_messages
from tests.factories import bundled_watchlist


def manifest(wl) -> bytes:
    key, value = watchlist_messages(wl)[-1]
    assert key == MANIFEST_KEY
    return value


def test_publish_writes_every_entry_then_the_manifest():
    wl = bundled_watchlist()
    messages = watchlist_messages(wl)
    assert len(messages) == len(wl) + 1
    first = orjson.loads(messages[0][1])
    assert first["watchlist_version"] == wl.version and first["legal_source"]


def test_same_version_is_not_reapplied():
    wl = bundled_watchlist()
    assert apply_update(manifest(wl), wl, None) == (None, "")


def test_new_version_is_applied():
    from chemistry.watchlist import build_watchlist

    text = WATCHLIST_CSV.read_text().replace("phenylacetone;", "phenylacetone; benzylmethylketone;")
    new = build_watchlist(text, as_of="2026-12-01")
    applied, problem = apply_update(manifest(new), bundled_watchlist(), None)
    assert problem == "" and applied.version == new.version != bundled_watchlist().version


def test_malformed_update_is_rejected_with_a_reason():
    wl, problem = apply_update(b'{"version": 1}', None, None)
    assert wl is None and "malformed" in problem


def test_invalid_watchlist_content_is_rejected():
    payload = orjson.loads(manifest(bundled_watchlist()))
    payload["csv"] = payload["csv"].replace("103-79-7", "103-79-8")
    wl, problem = apply_update(orjson.dumps(payload), None, None)
    assert wl is None and "check digit" in problem


def test_version_must_match_content():
    payload = orjson.loads(manifest(bundled_watchlist()))
    payload["version"] = "2026-01-01+000000000000"
    wl, problem = apply_update(orjson.dumps(payload), None, None)
    assert wl is None and "claims version" in problem
