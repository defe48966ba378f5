"""The synthesis routes data (chemistry/data/routes.json): every reference resolves, every route has sources."""

from __future__ import annotations

from chemistry.families import FAMILY_SPECS
from chemistry.identifiers import validate_cas
from pipeline.intelligence_observe import load_routes, parse_routes
from tests.factories import bundled_watchlist


def test_every_route_reference_resolves():
    book = load_routes()
    entries = {e.id for e in bundled_watchlist().entries}
    families = {f.id for f in FAMILY_SPECS}
    assert len(book.routes) >= 7
    for token in book.tokens:
        kind, _, value = token.partition(":")
        if kind in ("entry", "unmasks_to"):
            assert value in entries, token
        elif kind == "family":
            assert value in families, token
        elif kind == "cas":
            assert validate_cas(value)[0] == value, token
    for route in book.routes:
        assert route.sources and len(route.slots) >= 2


def test_invalid_routes_are_refused_with_reasons():
    book, problems = parse_routes(
        {"routes": [{"id": "R", "name": "r", "product": "p", "slots": [{"name": "a", "any_of": ["smell:sweet"]}]}]}
    )
    assert book is None
    assert any("at least two slots" in p for p in problems) and any("no sources" in p for p in problems)
    assert any("'smell:sweet'" in p for p in problems)


def test_components_name_the_slots_an_item_fills():
    book = load_routes()
    assert "ROUTE-GBL-HYDROXIDE/1" in book.components({"cas:1310-73-2"})
    assert book.components({"cas:64-17-5"}) == []  # ethanol is in no route
