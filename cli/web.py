"""`precwatch web` (the investigator workbench), `precwatch web user add|list` and `precwatch web rebuild`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time

from pipeline.errors import EXIT_OK, UsageError
from pipeline.settings import Settings

PASSWORD_ENV = "PRECWATCH_WEB_PASSWORD"


def add_web_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "web",
        help="the investigator workbench: a web application over flags, repository and cases",
        description="Reads the flags, repository, dead-letter and cases topics into a database (SQLite by default, "
        "PostgreSQL with --db) and serves the workbench on 127.0.0.1 unless told otherwise. Add users first: "
        "precwatch web user add NAME --role investigator.",
    )
    _common(p)
    p.add_argument("--host", metavar="ADDRESS", help="address to bind (default: PRECWATCH_WEB_HOST, else 127.0.0.1)")
    p.add_argument("--port", type=int, metavar="N", help="port (default: PRECWATCH_WEB_PORT, else 8080)")
    p.set_defaults(func=cmd_web, command_parser=p)
    wsub = p.add_subparsers(metavar="ACTION")
    u = wsub.add_parser("user", help="workbench users")
    u.set_defaults(func=None, command_parser=u)
    usub = u.add_subparsers(metavar="ACTION")
    a = usub.add_parser(
        "add",
        help="add a user (the password is asked for, or read from PRECWATCH_WEB_PASSWORD)",
        description="Roles: viewer (reads flags), investigator (also triages cases), admin (also reads the audit log).",
    )
    a.add_argument("username", help="1-100 letters, digits and . _ @ -")
    a.add_argument(
        "--role",
        choices=["viewer", "investigator", "admin"],
        default="viewer",
        help="viewer reads, investigator also triages, admin also reads the audit log (default: viewer)",
    )
    a.add_argument("--replace", action="store_true", help="set a new password and role for an existing user")
    _common(a, broker=False)
    a.set_defaults(func=cmd_web_user_add)
    ls = usub.add_parser("list", help="list users and roles")
    _common(ls, broker=False)
    ls.set_defaults(func=cmd_web_user_list)
    r = wsub.add_parser(
        "rebuild",
        help="empty what the database holds from the topics; the next `precwatch web` reads them again",
        description="Users and the audit log stay. Flags older than the flags topic's retention are not read again.",
    )
    _common(r, broker=False)
    r.set_defaults(func=cmd_web_rebuild)


def _common(p: argparse.ArgumentParser, broker: bool = True) -> None:
    if broker:
        p.add_argument("--broker", metavar="URL", help="broker URL(s) (default: PRECWATCH_BROKER)")
    p.add_argument(
        "--db",
        metavar="URL",
        help="database URL: sqlite:///PATH or postgresql+psycopg://USER@HOST/DB (default: PRECWATCH_WEB_DB, else "
        "workbench.db in PRECWATCH_DATA_DIR or here)",
    )


def _settings(args: argparse.Namespace, **extra) -> Settings:
    return Settings.from_env(web_db=args.db, broker=getattr(args, "broker", None), **extra)


def cmd_web(args: argparse.Namespace) -> int:
    from workbench.server import start_workbench

    settings = _settings(args, web_host=args.host, web_port=args.port)
    running = start_workbench(settings)
    print(f"workbench at {running.url} (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        while all(t.is_alive() for t in running.threads):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    return EXIT_OK


def cmd_web_user_add(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from workbench.auth import add_user
    from workbench.server import open_store

    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise UsageError(f"give the password on a terminal or in {PASSWORD_ENV}")
        password = getpass.getpass(f"password for {args.username}: ")
        if password != getpass.getpass("again: "):
            raise UsageError("the two passwords differ")
    engine = open_store(_settings(args))
    with Session(engine) as session, session.begin():
        add_user(session, args.username, password, args.role, replace=args.replace)
    print(f"user {args.username} ({args.role}) saved", file=sys.stderr)
    return EXIT_OK


def cmd_web_user_list(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from cli.render import terminal_safe
    from workbench.auth import list_users
    from workbench.server import open_store

    with Session(open_store(_settings(args))) as session:
        for user in list_users(session):
            print(f"{terminal_safe(user.username)}\t{user.role}\t{user.created_at:%Y-%m-%d}")
    return EXIT_OK


def cmd_web_rebuild(args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from workbench import store
    from workbench.server import open_store

    with Session(open_store(_settings(args))) as session, session.begin():
        store.forget_topics(session)
    print("emptied: flags, repository, dead letters, cases; the workbench reads the topics again", file=sys.stderr)
    return EXIT_OK
