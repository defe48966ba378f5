"""The workbench's memory and CPU while it reads the example stream's flags and serves every page of them:
what the Kubernetes Deployment of `precwatch web` requests and is limited to (docs/operations.md).

    python benchmarks/workbench_memory.py

On the embedded broker: a worker screens devtools/data/transactions.jsonl; `precwatch web` (SQLite in a
temporary directory) reads the flags, then a logged-in client opens the flags list, every flag's page
with its structure picture, the substance, novel, cases and operations pages. Reported: the web
process's peak resident memory (VmHWM) and CPU seconds, after the pages and the ingestion.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.recovery import events_consumed, peak_memory_mb  # noqa: E402
from devtools.local import free_port, isolated_env, start_broker, start_worker, stop_process, wait_ready  # noqa: E402

EVENTS = ROOT / "devtools" / "data" / "transactions.jsonl"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(url: str, process: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"exited before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="precwatch-workbench-memory-"))
    port = free_port()
    broker = start_broker(port)
    worker = web = None
    try:
        env = isolated_env(f"kafka://127.0.0.1:{port}", f"wbmem-{uuid.uuid4().hex[:8]}", 2)
        env["PRECWATCH_DATA_DIR"] = str(work)
        worker = start_worker(env, work / "worker.log", cwd=ROOT)
        metrics_url = f"http://127.0.0.1:{env['PRECWATCH_METRICS_PORT']}"
        if not wait_ready(metrics_url, worker, 600):
            raise SystemExit("worker not ready:\n" + (work / "worker.log").read_text()[-2000:])
        run_env = {**os.environ, **env}
        subprocess.run([sys.executable, "-m", "cli.main", "produce", str(EVENTS)], env=run_env, check=True)
        events = sum(1 for line in EVENTS.read_bytes().splitlines() if line.strip())
        while events_consumed(metrics_url) < events - 10:  # the stream's few dead letters are not consumed events
            time.sleep(0.5)

        password = secrets.token_urlsafe(18)
        web_env = {**run_env, "PRECWATCH_WEB_PORT": str(free_port()), "PRECWATCH_WEB_PASSWORD": password}
        web_env["PRECWATCH_WEB_WORKER_URLS"] = metrics_url
        command = [sys.executable, "-m", "cli.main", "web"]
        subprocess.run([*command, "user", "add", "bench", "--role", "viewer"], env=web_env, check=True)
        with (work / "web.log").open("ab") as log:
            web = subprocess.Popen(command, env=web_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{web_env['PRECWATCH_WEB_PORT']}"
        wait_for(base + "/healthz", web, 300)
        started = time.monotonic()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = opener.open(base + "/login").read().decode()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
        form = {"csrf_token": csrf, "next": "/flags", "username": "bench", "password": password}
        opener.open(base + "/login", urllib.parse.urlencode(form).encode()).read()
        flag_ids: list[str] = []
        while not flag_ids and time.monotonic() - started < 120:
            flag_ids = re.findall(
                r'class="flag-link" href="/flags/([^"]+)"', opener.open(base + "/flags").read().decode()
            )
            time.sleep(0.5)
        pages = 0
        for flag_id in flag_ids:
            page = opener.open(f"{base}/flags/{flag_id}").read().decode()
            opener.open(f"{base}/flags/{flag_id}/structure.svg").read()
            pages += 2
            for path in sorted(set(re.findall(r'href="(/substances\?key=[^"]+)"', page)))[:1]:
                opener.open(base + path.replace("&amp;", "&")).read()
                pages += 1
        for path in ("/novel", "/cases", "/operations", "/flags/export.csv"):
            opener.open(base + path).read()
            pages += 1
        print(f"flags on the first page: {len(flag_ids)}; pages and pictures served: {pages}")
        print(f"workbench peak memory (VmHWM): {peak_memory_mb(web.pid):.0f} MB; CPU: {cpu_seconds(web.pid):.1f} s")
        print(f"load average (1 min): {os.getloadavg()[0]:.1f}; cpu count {os.cpu_count()}")
    finally:
        for process in (web, worker):
            if process is not None:
                stop_process(process, timeout_s=30)
        stop_process(broker)


if __name__ == "__main__":
    main()
