"""The web application through HTTP (Starlette's TestClient): access, CSRF, pages, triage, export,
error pages. Case changes go to a recording publisher here; the browser tests use a real broker."""

from __future__ import annotations

import csv
import io
import re

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.settings import Settings
from tests.workbench.conftest import example_flags, example_follow_ups
from workbench import auth, store
from workbench.db import make_engine, migrate
from workbench.models import AuditEntry
from workbench.server import build_app

PASSWORD = "correct horse battery"


@pytest.fixture
def workbench(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'wb.db'}")
    migrate(engine)
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, list(example_flags()))
        for name, role in (("vera", "viewer"), ("ian", "investigator"), ("ada", "admin")):
            auth.add_user(session, name, PASSWORD, role)
    published: list[dict] = []
    app = build_app(engine, Settings(web_worker_urls="http://127.0.0.1:9"), published.append)
    yield engine, app, published
    engine.dispose()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def logged_in(app, username: str) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(page.text), "next": "/flags"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return client


def audit(engine) -> list[tuple[str, str, str]]:
    with Session(engine) as session:
        return [(a.username, a.action, a.target) for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def a_flag(method: str = "unmasking") -> dict:
    return next(f for f in example_flags() if any(m["method"] == method and m["path"] for m in f["matches"]))


def test_every_page_needs_a_user(workbench):
    _, app, _ = workbench
    client = TestClient(app)
    for path in ("/flags", f"/flags/{a_flag()['flag_id']}", "/operations", "/flags/export.csv", "/cases"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), path


def test_a_wrong_password_is_refused_and_audited(workbench):
    engine, app, _ = workbench
    client = TestClient(app)
    page = client.get("/login")
    response = client.post(
        "/login", data={"username": "ian", "password": "nope-nope-nope", "csrf_token": csrf_of(page.text)}
    )
    assert response.status_code == 401
    assert "wrong user name or password" in response.text
    assert ("?ian", "login_failed", "") in audit(engine)


def test_a_form_without_the_session_csrf_token_is_refused(workbench):
    _, app, _ = workbench
    client = TestClient(app)
    client.get("/login")
    response = client.post("/login", data={"username": "ian", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403
    assert "did not come from this site" in response.text


def test_log_in_never_redirects_off_site(workbench):
    _, app, _ = workbench
    client = TestClient(app)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": "ian", "password": PASSWORD, "csrf_token": csrf_of(page.text), "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/flags"


def test_the_session_cookie_is_httponly_and_strict_and_pages_are_not_cached(workbench):
    _, app, _ = workbench
    client = TestClient(app)
    page = client.get("/login")
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_flags_list_filters_and_search(workbench):
    _, app, _ = workbench
    client = logged_in(app, "vera")
    page = client.get("/flags", params=[("severity", "critical")])
    assert page.status_code == 200
    assert page.text.count('class="sev sev-critical"') == sum(1 for f in example_flags() if f["severity"] == "critical")
    assert 'class="sev sev-info"' not in page.text
    flag = a_flag()
    found = client.get("/flags", params={"q": flag["substance"]["inchikey"]})
    assert f"/flags/{flag['flag_id']}" in found.text


def test_bad_input_gets_an_error_page_not_a_trace(workbench):
    _, app, _ = workbench
    client = logged_in(app, "vera")
    for params, text in (
        ({"severity": "<script>alert(1)</script>"}, "unknown severity"),
        ({"after": "!!"}, "damaged"),
        ({"from": "not-a-date"}, "YYYY-MM-DD"),
    ):
        page = client.get("/flags", params=params)
        assert page.status_code == 400
        assert text in page.text
        assert "<script>alert(1)</script>" not in page.text
        assert "Traceback" not in page.text
    assert client.get("/flags/no-such-flag").status_code == 404
    assert client.get("/flags/x/steps/abc/0.svg").status_code == 400


def test_the_flag_page_shows_structure_steps_legal_source_and_is_audited(workbench):
    engine, app, _ = workbench
    client = logged_in(app, "vera")
    flag = a_flag()
    page = client.get(f"/flags/{flag['flag_id']}")
    assert page.status_code == 200
    match = next(m for m in flag["matches"] if m["path"])
    assert match["entry"]["legal_source"].replace("'", "&#39;") in page.text
    assert match["path"][0]["rule"] in page.text
    assert 'id="structure"' in page.text
    assert ("vera", "view_flag", flag["flag_id"]) in audit(engine)
    svg = client.get(f"/flags/{flag['flag_id']}/structure.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    from workbench.extract import primary_match

    drawn = {int(a) for a in re.findall(r"<ellipse[^>]*class='atom-(\d+)'", svg.text)}
    assert drawn == set(primary_match(flag)["atoms"]) and drawn
    family = next(i for i, m in enumerate(flag["matches"]) if m["method"] == "family")
    finding = client.get(f"/flags/{flag['flag_id']}/structure.svg", params={"match": family})
    assert {int(a) for a in re.findall(r"<ellipse[^>]*class='atom-(\d+)'", finding.text)} == set(
        flag["matches"][family]["atoms"]
    )
    index = flag["matches"].index(match)
    step = client.get(f"/flags/{flag['flag_id']}/steps/{index}/0.svg")
    assert step.status_code == 200 and step.text.startswith("<svg")


def test_a_follow_up_row_says_what_it_found_and_its_page_links_the_flag_it_follows_up(workbench):
    engine, app, _ = workbench
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, list(example_follow_ups()))
    split = next(
        f for f in example_follow_ups() if f["signals"][0]["code"] == "SPLIT_SHIPMENT" and "(consignee" in f["summary"]
    )
    client = logged_in(app, "vera")
    listed = client.get("/flags", params=[("signal", "SPLIT_SHIPMENT")]).text
    row = listed[listed.index(f"/flags/{split['flag_id']}") :].split("</tr>", 1)[0]
    assert (
        "follow-up: split shipment: 3 consignments of Phenylacetic acid (watchlist entry) within 30 days total 120 kg"
        in row
    )
    page = client.get(f"/flags/{split['flag_id']}").text
    own = next(f for f in example_flags() if f["flag_id"] == split["follow_up_of"])
    assert f'id="follows-up" href="/flags/{own["flag_id"]}"' in page
    for earlier in split["related_flag_ids"]:
        assert f'href="/flags/{earlier}"' in page
    # A follow-up whose own flag the workbench does not have says so instead of linking nowhere.
    kit = next(f for f in example_follow_ups() if f["signals"][0]["code"] == "SYNTHESIS_KIT")
    with Session(engine) as session, session.begin():
        session.delete(store.get_flag(session, kit["follow_up_of"]))
    page = client.get(f"/flags/{kit['flag_id']}").text
    assert 'id="follows-up"' not in page and "not flagged on its own" in page
    assert "synthesis kit: within 30 days this consignee received" in page


def test_a_viewer_cannot_triage(workbench):
    engine, app, published = workbench
    client = logged_in(app, "vera")
    flag = a_flag()
    page = client.get(f"/flags/{flag['flag_id']}")
    assert 'id="case-form"' not in page.text
    response = client.post(
        f"/flags/{flag['flag_id']}/case", data={"action": "acknowledge", "csrf_token": csrf_of(page.text)}
    )
    assert response.status_code == 403
    assert published == []
    assert not any(a[1].startswith("case_") for a in audit(engine))


def test_an_investigator_triages_and_every_change_is_published_with_the_whole_history(workbench):
    engine, app, published = workbench
    client = logged_in(app, "ian")
    fid = a_flag()["flag_id"]
    token = csrf_of(client.get(f"/flags/{fid}").text)
    for data in (
        {"action": "assign", "assignee": "ian"},
        {"action": "comment", "comment": "checking the consignee's licence"},
        {"action": "dismiss", "reason_code": "legitimate_trade"},
    ):
        response = client.post(f"/flags/{fid}/case", data={**data, "csrf_token": token}, follow_redirects=False)
        assert response.status_code == 303
    assert [len(m["events"]) for m in published] == [1, 2, 3]
    assert [e["action"] for e in published[-1]["events"]] == ["assign", "comment", "dismiss"]
    page = client.get(f"/flags/{fid}")
    assert 'id="case-status">dismissed<' in page.text
    assert "checking the consignee&#39;s licence" in page.text
    assert [a[1] for a in audit(engine) if a[1].startswith("case_")] == ["case_assign", "case_comment", "case_dismiss"]
    refused = client.post(f"/flags/{fid}/case", data={"action": "dismiss", "csrf_token": token})
    assert refused.status_code == 400 and "needs a reason code" in refused.text
    assert len(published) == 3


def test_export_keeps_the_filter_and_cells_cannot_be_formulas(workbench):
    engine, app, _ = workbench
    client = logged_in(app, "vera")
    response = client.get("/flags/export.csv", params={"severity": "critical"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == sum(1 for f in example_flags() if f["severity"] == "critical")
    assert {r["severity"] for r in rows} == {"critical"}
    lines = client.get("/flags/export.jsonl", params={"severity": "high"}).content.splitlines()
    assert {orjson.loads(line)["severity"] for line in lines} == {"high"}
    assert any(a[1] == "export" for a in audit(engine))
    from workbench.app import spreadsheet_safe

    assert spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_safe("Acme") == "Acme"


def test_xlsx_export_reads_back_with_the_filter_and_no_cell_is_a_formula(workbench):
    from openpyxl import load_workbook

    engine, app, _ = workbench
    hostile = dict(next(f for f in example_flags() if f["severity"] == "critical"))
    hostile["flag_id"] = "f" * 32
    hostile["consignee"] = {**hostile["consignee"], "name": '=HYPERLINK("http://evil.example","x")\x07'}
    hostile["summary"] = "-2+3"
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, [hostile])
    client = logged_in(app, "vera")
    response = client.get("/flags/export.xlsx", params={"severity": "critical"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert response.headers["content-disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["flags"]
    header, *rows = list(sheet.iter_rows())
    columns = [c.value for c in header]
    assert columns[:3] == ["flag_id", "occurred_at", "severity"]
    assert len(rows) == sum(1 for f in example_flags() if f["severity"] == "critical") + 1
    as_dicts = [dict(zip(columns, (c.value for c in row), strict=True)) for row in rows]
    assert {r["severity"] for r in as_dicts} == {"critical"}
    assert all(isinstance(r["score"], int | float) for r in as_dicts)  # a number, not text
    assert all(c.data_type != "f" for row in rows for c in row)
    mine = next(r for r in as_dicts if r["flag_id"] == "f" * 32)
    # Kept as the text it is (no prefix needed in a string cell); the bell, which XML cannot carry, dropped.
    assert mine["consignee"] == '=HYPERLINK("http://evil.example","x")'
    assert mine["summary"] == "-2+3"
    assert ("vera", "export", "xlsx severity=critical") in audit(engine)


def test_substance_trader_novel_cases_and_operations_pages(workbench):
    _, app, _ = workbench
    client = logged_in(app, "vera")
    flag = a_flag()
    substance = client.get("/substances", params={"key": flag["substance"]["inchikey"]})
    assert substance.status_code == 200 and flag["substance"]["name"] in substance.text
    assert "<svg" in substance.text  # the chart
    from workbench.extract import trader_key

    trader = client.get("/traders", params={"key": trader_key(flag["consignee"])})
    assert trader.status_code == 200 and flag["consignee"]["name"] in trader.text
    assert client.get("/novel").status_code == 200
    assert client.get("/cases").status_code == 200
    ops = client.get("/operations")
    assert ops.status_code == 200 and "not reachable" in ops.text


def test_only_an_admin_reads_the_audit_log(workbench):
    _, app, _ = workbench
    assert logged_in(app, "ian").get("/admin/audit").status_code == 403
    page = logged_in(app, "ada").get("/admin/audit")
    assert page.status_code == 200 and "login" in page.text


def test_log_out_ends_the_session(workbench):
    _, app, _ = workbench
    client = logged_in(app, "vera")
    token = csrf_of(client.get("/flags").text)
    client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert client.get("/flags", follow_redirects=False).status_code == 303


def test_a_trusted_proxy_header_names_the_user(workbench):
    engine, _, _ = workbench
    app = build_app(engine, Settings(web_trusted_user_header="X-Remote-User"), None)
    client = TestClient(app)
    assert client.get("/flags", headers={"X-Remote-User": "ian"}).status_code == 200
    assert client.get("/flags", headers={"X-Remote-User": "mallory"}).status_code == 403


def test_the_flag_page_says_where_the_substance_was_found_and_that_its_name_was_ambiguous(workbench):
    """An investigator must see that the declared name names several substances (and which one was
    screened), or that a locant was ignored: what flags carry in substance.source and source_notes."""
    from datetime import UTC, datetime

    from tests.factories import make_event, make_screener

    engine, app, _ = workbench
    (flag,) = make_screener().screen_event(
        make_event({"name": "3-chloropropiophenone"}, event_id="evt-ambiguous"), now=datetime(2026, 11, 1, tzinfo=UTC)
    )
    flag = flag.model_dump(mode="json")
    (note,) = flag["substance"]["source_notes"]
    with Session(engine) as session, session.begin():
        store.ingest_flags(session, [flag])
    page = logged_in(app, "vera").get(f"/flags/{flag['flag_id']}")
    assert page.status_code == 200
    assert "Identification note" in page.text
    assert note.replace("'", "&#39;") in page.text and "check which substance was meant" in page.text
    assert flag["substance"]["source"] in page.text
