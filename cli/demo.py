"""`precwatch demo`: the whole system on one machine.

Starts the embedded broker, creates the topics, starts a worker, publishes the example stream,
prints flags as they arrive, shows the metrics URL, and stops everything cleanly (or keeps running
with --follow).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

from cli.render import render_flag
from devtools.generate import default_examples_path
from devtools.local import BrokerError, start_broker, start_worker, wait_ready
from pipeline.settings import Settings
from streaming.kafka import client_config, ensure_topics


def say(text: str) -> None:
    print(f"[demo {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def expected_flag_count(path: Path) -> int:
    """Screen the file offline: the demo knows how many flags the worker must deliver."""
    from chemistry.watchlist import load_watchlist
    from pipeline.decode import decode_lines
    from pipeline.screening import Screener

    screener = Screener(load_watchlist(), Settings.from_env())
    with path.open("rb") as fh:
        return sum(len(screener.screen_event(d.event)) for _, d in decode_lines(fh) if d.event is not None)


def run_demo(args: argparse.Namespace) -> int:
    started = time.monotonic()
    events_path = Path(args.input) if args.input else default_examples_path()
    if not events_path.exists():
        print(f"precwatch: {events_path} not found", file=sys.stderr)
        return 3
    workdir = Path(tempfile.mkdtemp(prefix="precwatch-demo-"))
    broker_url = f"kafka://127.0.0.1:{args.port}"
    settings = Settings.from_env(broker=broker_url, metrics_port=args.metrics_port, profile="embedded")
    try:
        broker = start_broker(args.port, log_path=workdir / "broker.log")
    except BrokerError as exc:
        print(f"precwatch: {exc}", file=sys.stderr)
        return 2
    say(f"embedded broker (Tansu, memory storage only) on {broker_url}")
    worker = None
    try:
        ensure_topics(settings)
        say("topics created")
        env = {
            "PRECWATCH_BROKER": broker_url,
            "PRECWATCH_METRICS_PORT": str(args.metrics_port),
            "PRECWATCH_PROFILE": "embedded",
            "PRECWATCH_DATA_DIR": str(workdir / "worker-data"),
        }
        worker_log = workdir / "worker.log"
        worker = start_worker(env, worker_log)
        say(f"worker started (log: {worker_log})")
        metrics_url = f"http://127.0.0.1:{args.metrics_port}"
        if not wait_ready(metrics_url, worker, 90):
            say(f"worker did not become ready; see {worker_log}")
            return 1
        say(f"worker ready after {time.monotonic() - started:.1f}s; metrics at {metrics_url}/metrics")
        expected = expected_flag_count(events_path)
        produced = subprocess.run(
            [sys.executable, "-m", "cli.main", "produce", str(events_path), "--broker", broker_url],
            env={**os.environ, **env},
            check=False,
        )
        if produced.returncode != 0:
            return produced.returncode
        return _print_flags(settings, expected, started, args.follow, metrics_url)
    except KeyboardInterrupt:
        return 0
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                worker.kill()
        broker.terminate()
        broker.wait(10)
        say("worker and broker stopped")


def _print_flags(settings: Settings, expected: int, started: float, follow: bool, metrics_url: str) -> int:
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(
        settings.topic_flags,
        group_id=None,
        auto_offset_reset="earliest",
        consumer_timeout_ms=500,
        **client_config(settings),
    )
    seen: set[str] = set()
    by_severity: dict[str, int] = {}
    first_at = None
    idle_deadline = time.monotonic() + 60
    colour = sys.stdout.isatty()
    try:
        while follow or (len(seen) < expected and time.monotonic() < idle_deadline):
            for message in consumer:
                flag = orjson.loads(message.value)
                if flag["flag_id"] in seen:
                    continue  # at-least-once: a re-delivery has the same id
                seen.add(flag["flag_id"])
                by_severity[flag["severity"]] = by_severity.get(flag["severity"], 0) + 1
                if first_at is None:
                    first_at = time.monotonic() - started
                    say(f"first flag {first_at:.1f}s after start")
                print(render_flag(flag, colour), flush=True)
                idle_deadline = time.monotonic() + 30
    finally:
        consumer.close()
    summary = ", ".join(f"{k} {v}" for k, v in sorted(by_severity.items()))
    say(f"{len(seen)} of {expected} expected flags received ({summary}); metrics were at {metrics_url}/metrics")
    return 0 if len(seen) >= expected else 1
