"""The workbench web application (FastAPI, server-rendered Jinja2 templates, one small script for
the live banner).

Security in one place: every page but /login needs a user (local log-in, or a trusted proxy's
header); every form carries the session's CSRF token and every POST checks it; the session cookie
is signed (itsdangerous, through Starlette's SessionMiddleware), HttpOnly, SameSite=Strict and
Secure unless served on loopback; templates escape everything they print; SQL is built by
SQLAlchemy with bound parameters only; errors are pages that say what went wrong, never a trace.
"""

import csv
import io
import logging
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

import orjson
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from pipeline.settings import Settings
from workbench import auth, store
from workbench.cases import DISMISS_REASONS, CaseChange, CaseChangeRefused, case_message, history_as_messages, new_event
from workbench.charts import bar_chart_svg, count_by_month
from workbench.consumer import ConsumerStatus
from workbench.extract import SEVERITY_RANK, primary_match
from workbench.health import worker_health
from workbench.models import CaseEvent, User

HERE = Path(__file__).resolve().parent
SESSION_HOURS = 8
log = logging.getLogger("precwatch.workbench")


class LoginRequired(Exception):
    pass


@dataclass
class Services:
    engine: Engine
    settings: Settings
    publish_case: Callable[[dict], None] | None
    consumer_status: ConsumerStatus | None = None


def create_app(services: Services, session_secret: str, secure_cookies: bool) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.services = services
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret,
        session_cookie="precwatch_session",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=secure_cookies,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"  # pages hold traders' personal data
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    from chemistry.rules import RULE_SPECS

    templates.env.globals.update(
        severities=list(SEVERITY_RANK),
        dismiss_reasons=DISMISS_REASONS,
        rule_descriptions={r.name: r.description for r in RULE_SPECS},
        party_key=_party_key,
    )

    def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
        context.setdefault("user", getattr(request.state, "user", None))
        context["csrf_token"] = csrf_token(request)
        context["now_iso"] = store.utcnow().isoformat()
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    # -- errors: a page that says what went wrong --------------------------------------------------
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired):
        return RedirectResponse("/login?" + urlencode({"next": request.url.path}), status_code=303)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        return render(request, "error.html", exc.status_code, status=exc.status_code, message=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors()[:5])
        return render(request, "error.html", 400, status=400, message=f"invalid value for: {fields}")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        # The type and path only: an exception's text can hold a trader's name.
        log.error("workbench: %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return render(
            request, "error.html", 500, status=500, message="an internal error; the administrator's log names it"
        )

    # -- users -------------------------------------------------------------------------------------
    def db() -> Iterator[Session]:
        with Session(services.engine) as session:
            yield session

    def current_user(request: Request, session: Annotated[Session, Depends(db)]) -> User:
        header = services.settings.web_trusted_user_header
        name = request.headers.get(header, "") if header else request.session.get("user", "")
        user = session.get(User, name) if name and auth.USERNAME.match(name) else None
        if user is None:
            if header:
                raise HTTPException(403, "the proxy's user is not a workbench user; an admin adds it")
            raise LoginRequired()
        request.state.user = user
        return user

    def role(needed: str) -> Callable:
        def check(user: Annotated[User, Depends(current_user)]) -> User:
            if not auth.may(user.role, needed):
                raise HTTPException(403, f"this needs the {needed} role (you are {user.role})")
            return user

        return check

    async def checked_form(request: Request) -> dict[str, str]:
        """The posted form, after its CSRF token is checked against the session's."""
        form = await request.form()
        given = str(form.get("csrf_token", ""))
        expected = request.session.get("csrf", "")
        if not expected or not secrets.compare_digest(given, expected):
            raise HTTPException(403, "the form has expired or did not come from this site: reload the page")
        return {k: str(v) for k, v in form.items() if isinstance(v, str)}

    DB = Annotated[Session, Depends(db)]
    CurrentUser = Annotated[User, Depends(current_user)]
    Investigator = Annotated[User, Depends(role("investigator"))]
    Admin = Annotated[User, Depends(role("admin"))]
    PostedForm = Annotated[dict, Depends(checked_form)]

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/flags"):
        return render(request, "login.html", next=_local_path(next), error="")

    @app.post("/login")
    def login(request: Request, form: PostedForm, session: DB):
        username = form.get("username", "")[:100]
        user = auth.check_password(session, username, form.get("password", ""))
        store.record_audit(session, username if user else f"?{username[:40]}", "login" if user else "login_failed", "")
        session.commit()
        if user is None:
            return render(
                request, "login.html", 401, next=_local_path(form.get("next", "")), error="wrong user name or password"
            )
        request.session.clear()  # a new session at log-in: a session id planted before cannot be used
        request.session.update(user=user.username, csrf=secrets.token_urlsafe(32))
        return RedirectResponse(_local_path(form.get("next", "/flags")), status_code=303)

    @app.post("/logout")
    def logout(request: Request, form: PostedForm, session: DB):
        if request.session.get("user"):
            store.record_audit(session, request.session["user"], "logout", "")
            session.commit()
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # -- flags -------------------------------------------------------------------------------------
    known_versions: dict[str, object] = {"at": 0.0, "versions": []}

    def versions(session: Session) -> list[str]:
        """Watchlist versions for the filter's list: a DISTINCT over every flag, so asked once a minute."""
        import time

        if time.monotonic() - float(known_versions["at"]) > 60:
            known_versions.update(at=time.monotonic(), versions=store.watchlist_versions(session))
        return list(known_versions["versions"])

    @app.get("/")
    def home():
        return RedirectResponse("/flags", status_code=303)

    @app.get("/flags", response_class=HTMLResponse)
    def flags_page(request: Request, user: CurrentUser, session: DB):
        params = list(request.query_params.multi_items())
        filt = _filter_or_400(params)
        cursor = request.query_params.get("after", "")
        try:
            rows, next_cursor = store.list_flags(session, filt, cursor)
        except store.BadFilter as exc:
            raise HTTPException(400, str(exc)) from None
        query = filt.query_items()
        return render(
            request,
            "flags.html",
            rows=rows,
            filt=filt,
            next_url=f"/flags?{urlencode([*query, ('after', next_cursor)])}" if next_cursor else "",
            export_query=urlencode(query),
            versions=versions(session),
            first_page=not cursor,
        )

    @app.get("/flags/export.{fmt}")
    def export(fmt: str, request: Request, user: CurrentUser, session: DB):
        if fmt not in ("csv", "jsonl", "xlsx"):
            raise HTTPException(404, "exports are .csv, .jsonl or .xlsx")
        filt = _filter_or_400(list(request.query_params.multi_items()))
        store.record_audit(session, user.username, "export", f"{fmt} {urlencode(filt.query_items())}")
        session.commit()
        stamp = store.utcnow().strftime("%Y%m%dT%H%M%SZ")
        if fmt == "xlsx":
            # A workbook is a zip written at the end: made in a temporary file (write-only mode keeps
            # one row in memory at a time), sent, then deleted.
            path = _write_xlsx(services.engine, filt)
            return FileResponse(
                path,
                media_type=XLSX_MEDIA_TYPE,
                filename=f"precwatch-flags-{stamp}.xlsx",
                background=BackgroundTask(os.unlink, path),
            )
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
        return StreamingResponse(
            _export_lines(services.engine, filt, fmt),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="precwatch-flags-{stamp}.{fmt}"'},
        )

    @app.get("/flags/{flag_id}", response_class=HTMLResponse)
    def flag_page(flag_id: str, request: Request, user: CurrentUser, session: DB):
        row = store.get_flag(session, flag_id)
        if row is None:
            raise HTTPException(404, "no such flag (yet: the workbench may still be reading the topics)")
        store.record_audit(session, user.username, "view_flag", row.flag_id)
        session.commit()
        flag = orjson.loads(row.raw)
        history = store.case_history(session, row.flag_id)
        # A follow-up flag's item may not be flagged on its own (methylamine completing a kit): the
        # page links its own flag only when the workbench has it.
        own_id = str(flag.get("follow_up_of") or "")
        return render(
            request,
            "flag.html",
            row=row,
            flag=flag,
            follows_up=store.get_flag(session, own_id) if own_id else None,
            history=history,
            related=store.related_flags(session, row),
            users=auth.list_users(session),
            may_triage=auth.may(user.role, "investigator"),
        )

    @app.get("/flags/{flag_id}/structure.svg")
    def structure_svg(flag_id: str, user: CurrentUser, session: DB, match: int | None = None):
        """The declared structure with the atoms of one finding highlighted: ``match`` (its index),
        else the finding that made the score."""
        from chemistry.depict import depict_structure

        flag = _flag_json(session, flag_id)
        matches = flag.get("matches") or []
        if match is not None and not 0 <= match < len(matches):
            raise HTTPException(404, "no such finding")
        chosen = matches[match] if match is not None else primary_match(flag)
        smiles = (flag.get("substance") or {}).get("smiles") or ""
        atoms = [a for a in (chosen.get("atoms") or []) if isinstance(a, int)]
        svg, why = depict_structure(smiles, atoms)
        return _svg(svg, why)

    @app.get("/flags/{flag_id}/steps/{match_index}/{step_index}.svg")
    def step_svg(
        flag_id: str,
        match_index: int,
        step_index: int,
        user: CurrentUser,
        session: DB,
    ):
        from chemistry.depict import depict_reaction, unmasking_steps

        flag = _flag_json(session, flag_id)
        matches = flag.get("matches") or []
        if not 0 <= match_index < len(matches):
            raise HTTPException(404, "no such match")
        steps = unmasking_steps(
            (flag.get("substance") or {}).get("smiles") or "", matches[match_index].get("path") or []
        )
        if not 0 <= step_index < len(steps):
            raise HTTPException(404, "no such step")
        _, reactant, product = steps[step_index]
        return _svg(*depict_reaction(reactant, product))

    @app.post("/flags/{flag_id}/case")
    def change_case(
        flag_id: str,
        request: Request,
        form: PostedForm,
        user: Investigator,
        session: DB,
    ):
        row = store.get_flag(session, flag_id)
        if row is None:
            raise HTTPException(404, "no such flag")
        change = CaseChange(
            action=form.get("action", ""),
            username=user.username,
            assignee=form.get("assignee", ""),
            reason_code=form.get("reason_code", ""),
            comment=form.get("comment", ""),
        )
        if change.action == "assign" and session.get(User, change.assignee) is None:
            raise HTTPException(400, "assign to a workbench user")
        try:
            event = new_event(change, store.utcnow())
        except CaseChangeRefused as exc:
            raise HTTPException(400, str(exc)) from None
        message = case_message(row.flag_id, history_as_messages(store.case_history(session, row.flag_id)), event)
        if services.publish_case is None:
            raise HTTPException(503, "case changes are off: the workbench has no broker")
        from pipeline.errors import PrecwatchError

        try:
            services.publish_case(message)  # first the topic: the change exists once it is there
        except PrecwatchError as exc:
            raise HTTPException(503, f"the change was not recorded: {exc.user_message()}") from None
        store.ingest_case(session, row.flag_id, message["events"])
        store.record_audit(session, user.username, f"case_{change.action}", row.flag_id)
        session.commit()
        return RedirectResponse(f"/flags/{row.flag_id}#case", status_code=303)

    # -- substances, traders, cases ------------------------------------------------------------------
    @app.get("/substances", response_class=HTMLResponse)
    def substance_page(key: str, request: Request, user: CurrentUser, session: DB):
        key = key[:200]
        flags = store.substance_flags(session, key)
        sightings = store.substance_sightings(session, key)
        if not flags and not sightings:
            raise HTTPException(404, "nothing known about this substance")
        records = [orjson.loads(s.raw) for s in sightings]
        facts = _substance_facts(records, [orjson.loads(store.get_flag(session, f.flag_id).raw) for f in flags[:200]])
        chart = bar_chart_svg(
            count_by_month([s.seen_at for s in sightings] or [f.occurred_at for f in flags]),
            label="sightings per month",
        )
        return render(
            request, "substance.html", key=key, flags=flags, records=records, facts=facts, chart=Markup(chart)
        )

    @app.get("/novel", response_class=HTMLResponse)
    def novel_page(request: Request, user: CurrentUser, session: DB):
        return render(request, "novel.html", rows=store.novel_substances(session))

    @app.get("/traders", response_class=HTMLResponse)
    def trader_page(key: str, request: Request, user: CurrentUser, session: DB):
        key = key[:200]
        flags = store.trader_flags(session, key)
        if not flags:
            raise HTTPException(404, "no flag names this trader")
        store.record_audit(session, user.username, "view_trader", key)
        session.commit()
        sample = orjson.loads(store.get_flag(session, flags[0].flag_id).raw)
        party = next(
            (
                p
                for p in (sample.get("consignor"), sample.get("consignee"))
                if isinstance(p, dict) and _party_key(p) == key
            ),
            {},
        )
        chart = bar_chart_svg(count_by_month(f.occurred_at for f in flags), label="flags per month")
        declarations = len({f.declaration_id for f in flags})
        return render(
            request, "trader.html", key=key, party=party, flags=flags, chart=Markup(chart), declarations=declarations
        )

    @app.get("/cases", response_class=HTMLResponse)
    def cases_page(request: Request, user: CurrentUser, session: DB):
        events = list(session.scalars(select(CaseEvent).order_by(CaseEvent.at.desc()).limit(200)))
        mine, _ = store.list_flags(session, store.FlagFilter(case_status="assigned"), limit=200)
        mine = [r for r in mine if r.assignee == user.username]
        return render(request, "cases.html", events=events, mine=mine)

    # -- operations and administration -------------------------------------------------------------
    @app.get("/operations", response_class=HTMLResponse)
    def operations_page(request: Request, user: CurrentUser, session: DB):
        urls = [u.strip() for u in services.settings.web_worker_urls.split(",") if u.strip()]
        letters = store.dead_letters(session)
        return render(
            request,
            "operations.html",
            workers=[worker_health(u) for u in urls[:20]],
            letters=[(d, orjson.loads(d.raw)) for d in letters],
            consumer=services.consumer_status,
            offsets=sorted(store.load_offsets(session).items()),
        )

    @app.get("/admin/audit", response_class=HTMLResponse)
    def audit_page(request: Request, user: Admin, session: DB):
        return render(request, "audit.html", entries=store.audit_entries(session), users=auth.list_users(session))

    @app.get("/api/alerts")
    def alerts(since: str, user: CurrentUser, session: DB):
        """High and critical flags stored since the page was rendered (the live banner polls this)."""
        try:
            when = datetime.fromisoformat(since)
        except ValueError:
            raise HTTPException(400, "since: an ISO time") from None
        when = max(when.replace(tzinfo=None), store.utcnow() - timedelta(days=1))
        rows = store.newest_alerts(session, when)
        return JSONResponse(
            {
                "count": len(rows),
                "flags": [{"flag_id": r.flag_id, "severity": r.severity, "summary": r.summary} for r in rows],
            }
        )

    @app.get("/healthz")
    def healthz():
        return {"ok": True}

    return app


# -- helpers --------------------------------------------------------------------------------------------
def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def _local_path(target: str) -> str:
    """Only a path on this site: a 'next' pointing elsewhere would make the log-in page an open redirect."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/flags"
    return target


def _filter_or_400(params: list[tuple[str, str]]) -> store.FlagFilter:
    try:
        return store.parse_filter([(k, v) for k, v in params if k != "after"])
    except store.BadFilter as exc:
        raise HTTPException(400, str(exc)) from None


def _flag_json(session: Session, flag_id: str) -> dict:
    row = store.get_flag(session, flag_id)
    if row is None:
        raise HTTPException(404, "no such flag")
    return orjson.loads(row.raw)


def _svg(svg: str | None, why: str) -> Response:
    if svg is None:
        svg = (
            "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='40'><text x='4' y='24'>"
            f"{why.replace('<', '').replace('&', '')}</text></svg>"
        )
    # An image, never a document: scripts in an SVG do not run when it is loaded by <img>, and the
    # sandbox covers opening it on its own.
    return Response(svg, media_type="image/svg+xml", headers={"Content-Security-Policy": "sandbox"})


def _party_key(party: dict) -> str:
    from workbench.extract import trader_key

    return trader_key(party)


def _substance_facts(records: list[dict], flags: list[dict]) -> dict:
    names, identifiers, countries, cn_codes, descriptions = set(), set(), set(), set(), set()
    for r in records:
        ids = r.get("identifiers") if isinstance(r.get("identifiers"), dict) else {}
        names.update(str(v) for v in (ids.get("name"), r.get("entry_name")) if v)
        identifiers.update(f"{k}: {ids[k]}" for k in ("cas", "inchikey", "smiles") if ids.get(k))
        countries.update(str(r[k]) for k in ("dispatch_country", "destination_country", "origin_country") if r.get(k))
        if ids.get("cn_code"):
            cn_codes.add(str(ids["cn_code"]))
        if ids.get("description"):
            descriptions.add(str(ids["description"]))
    for f in flags:
        declared, substance = f.get("declared") or {}, f.get("substance") or {}
        names.update(str(v) for v in (substance.get("name"), declared.get("name")) if v)
        identifiers.update(f"{k}: {declared[k]}" for k in ("cas",) if declared.get(k))
        identifiers.update(f"{k}: {substance[k]}" for k in ("inchikey", "smiles", "formula") if substance.get(k))
        transport = f.get("transport") or {}
        countries.update(str(transport[k]) for k in ("dispatch_country", "destination_country") if transport.get(k))
        if declared.get("cn_code"):
            cn_codes.add(str(declared["cn_code"]))
        if declared.get("description"):
            descriptions.add(str(declared["description"]))
    times = [t for t in (r.get("seen_at") for r in records) if t] + [
        f["occurred_at"] for f in flags if f.get("occurred_at")
    ]
    return {
        "names": sorted(names),
        "identifiers": sorted(identifiers),
        "countries": sorted(countries),
        "cn_codes": sorted(cn_codes),
        "descriptions": sorted(descriptions)[:50],
        "first_seen": min(times) if times else "",
        "last_seen": max(times) if times else "",
    }


CSV_COLUMNS = (
    "flag_id",
    "occurred_at",
    "severity",
    "score",
    "substance_name",
    "inchikey",
    "method",
    "category",
    "entry_id",
    "entry_name",
    "declaration_id",
    "consignor",
    "consignee",
    "cn_code",
    "watchlist_version",
    "case_status",
    "assignee",
    "summary",
)


def spreadsheet_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (or tab/CR) would make it a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_values(row) -> dict:
    """A stored flag as the export's columns (CSV_COLUMNS), names of the parties from the message."""
    flag = orjson.loads(row.raw)
    values = {c: getattr(row, c, "") for c in CSV_COLUMNS}
    values["occurred_at"] = row.occurred_at.isoformat() + "Z"
    values["consignor"] = (flag.get("consignor") or {}).get("name", "")
    values["consignee"] = (flag.get("consignee") or {}).get("name", "")
    return values


XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAX_ROWS = 1_048_575  # a worksheet holds 1,048,576 rows, the header included


def _write_xlsx(engine: Engine, filt: store.FlagFilter) -> str:
    """The flags matching ``filt`` as a workbook in a temporary file (its path; the caller deletes it).

    Every text is written as a string cell (openpyxl would otherwise take a leading '=' for a
    formula), so no cell can be a formula; characters XML cannot carry are dropped; the score is a
    number. More rows than a worksheet holds end with a row saying the export was cut."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("flags")

    def text_cell(value: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value)))
        cell.data_type = "s"
        return cell

    sheet.append([text_cell(c) for c in CSV_COLUMNS])
    written = 0
    with Session(engine) as session:
        for row in store.iterate_flags(session, filt):
            if written == XLSX_MAX_ROWS - 1:
                sheet.append([text_cell("cut: more flags than a worksheet holds; narrow the filter")])
                break
            values = export_values(row)
            sheet.append([values[c] if c == "score" else text_cell(values[c]) for c in CSV_COLUMNS])
            written += 1
    handle, path = tempfile.mkstemp(prefix="precwatch-export-", suffix=".xlsx")
    os.close(handle)
    book.save(path)
    return path


def _export_lines(engine: Engine, filt: store.FlagFilter, fmt: str) -> Iterator[bytes]:
    with Session(engine) as session:
        if fmt == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(CSV_COLUMNS)
            for row in store.iterate_flags(session, filt):
                values = export_values(row)
                writer.writerow([spreadsheet_safe(values[c]) for c in CSV_COLUMNS])
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        else:
            for row in store.iterate_flags(session, filt):
                flag = orjson.loads(row.raw)
                flag["case"] = {"status": row.case_status, "assignee": row.assignee}
                yield orjson.dumps(flag) + b"\n"
