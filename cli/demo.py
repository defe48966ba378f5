"""`precwatch demo`: the whole system on one machine.

Starts the embedded broker, creates the topics, starts a worker, publishes the example stream,
prints flags as they arrive, shows the metrics URL, and stops everything cleanly (or keeps running
with --follow). Publishing and printing are the same functions as `precwatch produce` and
`precwatch flags`, called in this process.

The broker's and worker's logs go to a temporary folder: removed after a clean run, kept (and
named) when something failed, since the logs are what tells why.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cli.commands import events_from_file, produce_events, sigterm_as_ctrl_c
from cli.flags import tail_flags
from cli.preflight import broker_errors, ensure_port_free
from devtools.generate import default_examples_path
from devtools.local import start_broker, start_worker, stop_process, wait_ready
from pipeline.errors import EXIT_FAILED, EXIT_OK, InputUnavailable, PrecwatchError, WorkerFailed
from pipeline.scoring import SEVERITY_RANK
from pipeline.settings import Settings
from streaming.kafka import ensure_topics

WORKER_READY_TIMEOUT_S = 90
# The demo stops waiting for flags after this long without a new one (the stream is small).
FLAG_IDLE_TIMEOUT_S = 60
# How long the demo waits for the repository's novel designer precursors once every flag has arrived
# (the repository agent follows the screening agent by one batch).
NOVEL_WAIT_S = 30


def say(text: str) -> None:
    print(f"[demo {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def expected_flag_count(path: Path) -> int:
    """Screen the file offline: the demo knows how many flags the worker must deliver."""
    return len(expected_flags(path))


def expected_flags(path: Path) -> list:
    from chemistry.watchlist import load_watchlist
    from pipeline.decode import decode_lines
    from pipeline.screening import Screener

    screener = Screener(load_watchlist(), Settings.from_env())
    with path.open("rb") as fh:
        return [flag for _, d in decode_lines(fh) if d.event is not None for flag in screener.screen_event(d.event)]


def expected_novel_keys(flags: list) -> set[str]:
    """The substances the repository must report as novel designer precursors."""
    return {f.substance.inchikey for f in flags if f.novel_designer_precursor and f.substance.inchikey}


# Stateful signals the demo waits for when offline replay of the file raises them: each is raised
# whatever order the worker's partitions deliver events in (SUPPLIER_CHANGE depends on that order).
DEMO_STATEFUL_SIGNALS = ("SPLIT_SHIPMENT", "SYNTHESIS_KIT", "NEW_TRADER", "REPEAT_MASK")


def expected_stateful_signals(path: Path) -> set[str]:
    """Replay the file offline through the stateful stage: the signals the demo waits for (issue 12)."""
    return {s.code for f in replay_follow_ups(path) for s in f.signals} & set(DEMO_STATEFUL_SIGNALS)


def replay_follow_ups(path: Path) -> list:
    """The follow-up flags of the file's events applied in file order to the stateful stage, offline."""
    from chemistry.watchlist import load_watchlist
    from pipeline.decode import decode_lines
    from pipeline.intelligence import IntelligenceConfig, replay_observations
    from pipeline.intelligence_observe import load_routes, observation_dicts, observe_event
    from pipeline.screening import Screener

    settings = Settings.from_env()
    screener = Screener(load_watchlist(), settings)
    observations: list[dict] = []
    with path.open("rb") as fh:
        for _, decoded in decode_lines(fh):
            if decoded.event is None:
                continue
            screened = screener.screen_event_items(decoded.event)
            if settings.stateful_signals:
                observation = observe_event(
                    decoded.event,
                    screened,
                    load_routes(settings.routes_path),
                    screener.watchlist.version,
                    screener.structure_identity,
                )
                observations.extend(observation_dicts(observation) if observation else [])
    return replay_observations(observations, IntelligenceConfig.from_settings(settings))[0] if observations else []


def run_demo(events_path: Path | None, port: int, metrics_port: int, follow: bool, web_port: int | None = None) -> int:
    """0 when every expected flag arrived (or, with follow, on Ctrl-C); 1 when fewer did.

    The investigator workbench runs alongside (``web_port``; by default 8080, or a free port when
    8080 is taken), on a database in the demo's folder, with a demo user made for this run."""
    started = time.monotonic()
    events_path = events_path or default_examples_path()
    if not events_path.is_file():
        raise InputUnavailable(f"{events_path} not found")
    # Before anything starts: a worker that cannot bind its port dies, and the /readyz answering
    # on that port would be another process's.
    ensure_port_free("127.0.0.1", metrics_port, "--metrics-port")
    ensure_port_free("127.0.0.1", port, "--port")
    web_port = _web_port(web_port)
    workdir = Path(tempfile.mkdtemp(prefix="precwatch-demo-"))
    broker_url = f"kafka://127.0.0.1:{port}"
    settings = Settings.from_env(broker=broker_url, metrics_port=metrics_port, profile="embedded")
    broker = worker = workbench = None
    outcome = EXIT_FAILED
    # SIGTERM (a supervisor, `kill`) stops the demo as Ctrl-C does: the broker and worker it started
    # are stopped too rather than left running without it.
    with sigterm_as_ctrl_c():
        try:
            broker = start_broker(port, log_path=workdir / "broker.log")
            say(f"embedded broker (Tansu, memory storage only) on {broker_url}")
            with broker_errors(settings, "cannot create the topics"):
                ensure_topics(settings)
            say("topics created")
            worker_env = {
                "PRECWATCH_BROKER": broker_url,
                "PRECWATCH_METRICS_PORT": str(metrics_port),
                "PRECWATCH_PROFILE": "embedded",
                "PRECWATCH_DATA_DIR": str(workdir / "worker-data"),
            }
            worker_log = workdir / "worker.log"
            worker = start_worker(worker_env, worker_log)
            say(f"worker started (log: {worker_log})")
            metrics_url = f"http://127.0.0.1:{metrics_port}"
            # The port was free before the worker started and the worker is still alive once /readyz
            # answers: the answer is this worker's.
            if not wait_ready(metrics_url, worker, WORKER_READY_TIMEOUT_S) or worker.poll() is not None:
                raise WorkerFailed(f"the worker did not become ready; see {worker_log}")
            say(f"worker ready after {time.monotonic() - started:.1f}s; metrics at {metrics_url}/metrics")
            workbench = _start_workbench(settings, workdir, web_port, metrics_url)
            flags = expected_flags(events_path)
            sent = produce_events(settings, events_from_file(str(events_path)))
            say(f"published {sent} events from {events_path}")
            expected = ({f.flag_id for f in flags}, expected_stateful_signals(events_path))
            outcome = _print_flags(settings, expected, started, follow, metrics_url)
            _report_workbench(workbench, len(flags))
            if outcome == EXIT_OK and not follow:
                outcome = _print_novel(settings, expected_novel_keys(flags))
        except KeyboardInterrupt:
            outcome = EXIT_OK  # Ctrl-C is how a demo with --follow ends
        except PrecwatchError as exc:
            say(f"stopped: {exc.user_message()}")
            raise
        finally:
            if workbench is not None:
                workbench.stop()
            _stop(worker, broker)
            if outcome == EXIT_OK:
                shutil.rmtree(workdir, ignore_errors=True)
            else:
                say(f"logs kept in {workdir} (remove it when done)")
    return outcome


def _stop(worker: subprocess.Popen | None, broker: subprocess.Popen | None) -> None:
    if worker is not None:
        stop_process(worker, 20)
    if broker is not None:
        stop_process(broker)
    if worker is not None or broker is not None:
        say("worker and broker stopped")


def _print_flags(
    settings: Settings, expected: tuple[set[str], set[str]], started: float, follow: bool, metrics_url: str
) -> int:
    first_at: list[float] = []
    expected_ids, expected_signals = expected
    received: set[str] = set()
    follow_ups: list[str] = []  # stateful signal codes of the follow-up flags, as they arrive
    follow_up_flags: list[str] = []

    def on_flag(flag: dict) -> None:
        if not first_at:
            first_at.append(time.monotonic() - started)
            say(f"first flag {first_at[0]:.1f}s after start")
        if flag.get("follow_up_of"):
            follow_up_flags.append(flag["flag_id"])
            follow_ups.extend(s["code"] for s in flag.get("signals", []))
        else:
            received.add(flag["flag_id"])

    def all_arrived() -> bool:
        return received >= expected_ids and set(follow_ups) >= expected_signals

    summary = tail_flags(
        settings,
        from_beginning=True,
        follow=True,
        out=sys.stdout,
        idle_timeout_s=None if follow else FLAG_IDLE_TIMEOUT_S,
        on_flag=on_flag,
        done=None if follow else all_arrived,
    )
    ranked = sorted(summary.by_severity.items(), key=lambda kv: -SEVERITY_RANK.get(kv[0], -1))
    by_severity = ", ".join(f"{k} {v}" for k, v in ranked)
    arrived = len(received & expected_ids)
    say(
        f"{arrived} of {len(expected_ids)} expected flags received; all {sum(summary.by_severity.values())} flags, "
        f"{len(follow_up_flags)} follow-ups included: {by_severity}; metrics were at {metrics_url}/metrics"
    )
    if expected_signals or follow_ups:
        counts = ", ".join(f"{code} {follow_ups.count(code)}" for code in sorted(set(follow_ups))) or "none"
        missing = sorted(expected_signals - set(follow_ups))
        say(f"stateful signals on follow-up flags: {counts}" + (f"; missing: {', '.join(missing)}" if missing else ""))
    return EXIT_OK if all_arrived() else EXIT_FAILED


def _print_novel(settings: Settings, expected: set[str]) -> int:
    """The novel designer precursors the information repository recorded: 0 when every expected one is there."""
    from cli.repository import read_repository, render_row

    deadline = time.monotonic() + NOVEL_WAIT_S
    while True:
        records = read_repository(settings).records
        novel = [r for r in records.values() if r["record_type"] == "novel_designer_precursor"]
        if expected <= {r["substance_key"] for r in novel} or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    say(
        f"information repository: {len(records)} substance(s), {len(novel)} novel designer precursor(s) "
        f"({len(expected)} expected); `precwatch repository show KEY` has each one's listing-proposal draft "
        "while a broker holds them (`precwatch demo --follow` in another terminal)"
    )
    for record in novel:
        print(render_row(record))
    return EXIT_OK if expected <= {r["substance_key"] for r in novel} else EXIT_FAILED


# -- the investigator workbench alongside (issue 13) ----------------------------------------------------
DEFAULT_WEB_PORT = 8080
WORKBENCH_CATCH_UP_S = 20


def _web_port(asked: int | None) -> int:
    """The port asked for (it must be free), else 8080, else a free one: the demo's URL is printed."""
    from devtools.local import free_port

    if asked is not None:
        ensure_port_free("127.0.0.1", asked, "--web-port")
        return asked
    try:
        ensure_port_free("127.0.0.1", DEFAULT_WEB_PORT, "--web-port")
        return DEFAULT_WEB_PORT
    except PrecwatchError:
        return free_port()


def _start_workbench(settings: Settings, workdir: Path, web_port: int, metrics_url: str):
    """Start the workbench (consumer and web server threads) with a demo user of this run."""
    import secrets

    from sqlalchemy.orm import Session

    from workbench.auth import add_user
    from workbench.server import open_store, start_workbench

    web_settings = settings.model_copy(
        update={"web_port": web_port, "web_db": f"sqlite:///{workdir / 'workbench.db'}", "web_worker_urls": metrics_url}
    )
    engine = open_store(web_settings)
    password = secrets.token_urlsafe(12)  # a new database each run: a new password, never a fixed one
    with Session(engine) as session, session.begin():
        add_user(session, "demo", password, "investigator")
    workbench = start_workbench(web_settings, engine)
    say(f"investigator workbench at {workbench.url} (user demo, password {password})")
    return workbench


def _report_workbench(workbench, expected: int) -> None:
    """Say how many flags the workbench holds (it reads the topic alongside the terminal tail)."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from workbench.models import FlagRecord

    deadline = time.monotonic() + WORKBENCH_CATCH_UP_S
    while True:
        with Session(workbench.engine) as session:
            stored = session.scalar(select(func.count()).select_from(FlagRecord))
        if stored >= expected or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    say(f"the workbench holds {stored} flags at {workbench.url}")
