"""`precwatch web`: the database, the topic consumer (a thread) and the HTTP server, together."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pipeline.settings import Settings
from workbench.db import default_db_url, make_engine, migrate


def open_store(settings: Settings) -> Engine:
    """The migrated database of these settings (web_db, else workbench.db in data_dir)."""
    engine = make_engine(settings.web_db or default_db_url(settings.data_dir))
    migrate(engine)
    return engine


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_app(engine: Engine, settings: Settings, publish_case: Callable[[dict], None] | None, consumer_status=None):
    from workbench import auth
    from workbench.app import Services, create_app

    if settings.web_session_secret is not None:
        secret = settings.web_session_secret.get_secret_value()
    else:
        with Session(engine) as session, session.begin():
            secret = auth.session_secret(session)
    secure = (
        settings.web_cookie_secure if settings.web_cookie_secure is not None else not is_loopback(settings.web_host)
    )
    return create_app(Services(engine, settings, publish_case, consumer_status), secret, secure)


@dataclass
class RunningWorkbench:
    """A workbench started in this process (the demo, tests): stop() ends the server and consumer."""

    url: str
    server: object
    threads: list[threading.Thread]
    stop_event: threading.Event
    engine: Engine

    def stop(self) -> None:
        self.server.should_exit = True
        self.stop_event.set()
        for thread in self.threads:
            thread.join(15)
        self.engine.dispose()


def start_workbench(settings: Settings, engine: Engine | None = None, consume: bool = True) -> RunningWorkbench:
    """Start the consumer and the HTTP server in background threads; returns once the server listens."""
    import time

    import uvicorn

    from workbench.consumer import CasePublisher, TopicConsumer, ensure_cases_topic

    engine = engine or open_store(settings)
    stop = threading.Event()
    threads = []
    status = None
    publisher = CasePublisher(settings)
    if consume:
        ensure_cases_topic(settings)
        consumer = TopicConsumer(engine, settings)
        status = consumer.status
        threads.append(threading.Thread(target=consumer.run, args=(stop,), name="workbench-consumer", daemon=True))
    app = build_app(engine, settings, publisher.publish, status)
    config = uvicorn.Config(
        app, host=settings.web_host, port=settings.web_port, log_level="warning", access_log=False, server_header=False
    )
    server = uvicorn.Server(config)
    threads.append(threading.Thread(target=server.run, name="workbench-http", daemon=True))
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not threads[-1].is_alive() or time.monotonic() > deadline:
            stop.set()
            from pipeline.errors import PortInUse

            raise PortInUse(f"the workbench could not listen on {settings.web_host}:{settings.web_port}", hint="--port")
        time.sleep(0.05)
    return RunningWorkbench(f"http://{settings.web_host}:{settings.web_port}", server, threads, stop, engine)
