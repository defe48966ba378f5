"""`precwatch` command line: parses arguments and calls the functions of cli/commands.py,
cli/flags.py, cli/demo.py and devtools/ with typed arguments.

Every error is a class of pipeline/errors.py, which carries its exit code: ``main`` prints one line,
``precwatch: <message> (<hint>)``, and returns that code. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr
from pydantic.fields import FieldInfo

from cli.render import terminal_safe
from pipeline.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, InputUnavailable, PrecwatchError, UsageError
from pipeline.log_safety import install_secret_redaction
from pipeline.settings import ENV_PREFIX, Settings
from schemas.flags import SEVERITIES

EXIT_INTERRUPTED = 130
__all__ = ["EXIT_USAGE", "build_parser", "main"]


def main(argv: list[str] | None = None) -> int:
    # Kafka clients log requests at debug level, SASL logins included: no secret may reach a log line.
    install_secret_redaction([os.environ.get(ENV_PREFIX + n) for n in ("SASL_PASSWORD", "METRICS_BASIC_AUTH_PASSWORD")])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2, message already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "func", None):
        (getattr(args, "command_parser", None) or parser).print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except PrecwatchError as exc:
        return report(exc)
    except BrokenPipeError:
        # The reader went away (`precwatch screen ... | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a file or socket error no call site has named more precisely
        return report(InputUnavailable(str(exc)))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def report(error: PrecwatchError) -> int:
    print(f"precwatch: {terminal_safe(error.user_message())}", file=sys.stderr)
    return error.exit_code


# -- the parser --------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="precwatch", description="Screen customs transactions for drug precursors.")
    sub = parser.add_subparsers(metavar="COMMAND")
    broker_help = "broker URL(s), comma-separated (default: PRECWATCH_BROKER, else kafka://127.0.0.1:9092)"
    watchlist_help = "watchlist CSV to use (default: the bundled watchlist)"

    p = sub.add_parser("screen", help="screen JSON Lines events offline and write flags")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSON Lines files, or - for stdin")
    p.add_argument("-o", "--output", help="flags file (JSON Lines); default: stdout")
    p.add_argument("--dead-letter", help="dead-letter file (JSON Lines); default: stderr")
    p.add_argument("--watchlist", metavar="FILE", help=watchlist_help)
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument(
        "--all-items",
        action="store_true",
        help="write one verdict per goods item, flagged or not (schemas/json/item-verdict.schema.json), instead of "
        "the flags: to check that legitimate items were identified",
    )
    p.add_argument(
        "--summary",
        nargs="?",
        type=int,
        const=50,
        metavar="N",
        help="also print a table of the flagged items to stderr, after the run: the N most severe (default 50) "
        "with severity, score, declaration, goods item, substance, finding (method and watchlist entry) and "
        "signals; the flags written are unchanged",
    )
    p.add_argument(
        "--follow-ups",
        action="store_true",
        help="also run the consignment intelligence over the events in input order, as one worker's stateful "
        "signals would (split shipments, synthesis kits, new traders, supplier changes, repeated novel masks), "
        "and write its follow-up flags after the screening flags; the same whatever --jobs, from the same "
        "screening (the input is read once). Interrupted (Ctrl-C, SIGTERM), it writes the follow-up flags of the "
        "events whose flags were written, says so and exits 130",
    )
    # Parallel screening (issue 11, part of 5).
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="processes that screen (default: every core this process may use; at most 4 per core); the output "
        "is the same whatever N",
    )
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser(
        "identify",
        help="what a name, CAS number, SMILES or InChI stands for, and which watchlist entries it hits",
        description="Each TEXT is read as a goods item declaring it would be (an InChI by its prefix, a CAS "
        "number by its check digit, a known name, else a SMILES), and every matching method is run on it.",
    )
    p.add_argument("texts", nargs="+", metavar="TEXT", help="a name, CAS number, SMILES or InChI (quote spaces)")
    p.add_argument("--watchlist", metavar="FILE", help=watchlist_help)
    p.add_argument("--json", action="store_true", help="one JSON object per TEXT instead of text")
    p.set_defaults(func=cmd_identify)

    # Identifier database (docs/identification.md).
    p = sub.add_parser(
        "identifiers",
        help="build the identifier database index (names and CAS numbers of the `chemicals` package)",
        description="Reads the installed `chemicals` package's identifier tables into the SQLite index that "
        "screening opens (setting identifier_database). 'auto' builds it on first use; build it ahead where "
        "workers start, e.g. in a container image.",
    )
    p.add_argument("action", choices=["build"], help="build the index")
    p.add_argument("--output", metavar="FILE", help="where to write it (default: where 'auto' looks)")
    p.set_defaults(func=cmd_identifiers)

    p = sub.add_parser(
        "generate",
        help="write a synthetic transaction stream",
        description="The same --seed and --id-prefix give the same file, byte for byte. Event ids are "
        "<id-prefix>-00000001, -00000002, ...: flag ids derive from event ids, so streams that go to the same "
        "topic need different prefixes (produce --generate picks a random one per run).",
    )
    p.add_argument("n", type=int, help="number of events")
    p.add_argument("-o", "--output", help="events file; default: stdout")
    p.add_argument("--labels", help="also write ground-truth labels (JSON Lines) here")
    p.add_argument(
        "--seed",
        type=int,
        default=7,
        metavar="INT",
        help="random seed: the same seed gives the same events (default: 7)",
    )
    p.add_argument("--id-prefix", default="evt", metavar="PREFIX", help="event ids are <prefix>-<n> (default: evt)")
    p.add_argument("--invalid", type=int, default=0, help="append this many malformed lines (dead-letter demo)")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("intelligence", help="the stateful signals' trader history: seed")
    p.set_defaults(command_parser=p)
    isub = p.add_subparsers(metavar="ACTION")
    w = isub.add_parser(
        "seed",
        help="seed the trader history from past declarations, without flags",
        description="Screens past declarations (JSON Lines events) as a worker would and publishes their "
        "observations to the observations topic marked as history: the workers' stateful signals learn the "
        "traders, lots and patterns and raise no follow-up flag for them; no flag is published. Run it before the "
        "live stream (an observation older than a trader's newest by more than the window and the lateness is "
        "late and not counted), with workers of this version, then set PRECWATCH_TRADER_HISTORY_SINCE to the "
        "first day printed (docs/intelligence.md).",
    )
    w.add_argument("input", nargs="+", metavar="INPUT", help="JSON Lines event files (- for stdin)")
    w.add_argument("--broker", metavar="URL", help=broker_help)
    w.set_defaults(func=cmd_intelligence_seed)

    p = sub.add_parser("watchlist", help="watchlist tools: check, export, publish")
    p.set_defaults(command_parser=p)
    wsub = p.add_subparsers(metavar="ACTION")
    w = wsub.add_parser("check", help="validate a watchlist CSV with RDKit (exit 1 when invalid)")
    _add_watchlist_input(w, watchlist_help)
    w.set_defaults(func=cmd_watchlist_check)
    w = wsub.add_parser("export", help="write the watchlist as JSON Lines (one entry per line)")
    w.add_argument("--watchlist", metavar="FILE", help=watchlist_help)
    w.add_argument("-o", "--output", metavar="FILE", help="where to write the JSON Lines (default: stdout)")
    w.set_defaults(func=cmd_watchlist_export)
    w = wsub.add_parser(
        "publish",
        help="publish the watchlist to the compacted watchlist topic, signed",
        description="Workers apply a published watchlist only when it is signed by a key they trust "
        "(PRECWATCH_WATCHLIST_TRUSTED_KEYS), and refuse one that removes or weakens a Category 1 or drug entry "
        "unless the publisher approved it with --allow-downgrade.",
    )
    _add_watchlist_input(w, watchlist_help)
    w.add_argument("--broker", metavar="URL", help=broker_help)
    w.add_argument(
        "--key",
        metavar="PEM",
        help="Ed25519 private key to sign with (default: PRECWATCH_WATCHLIST_SIGNING_KEY_FILE; from `watchlist keygen`)",
    )
    w.add_argument(
        "--unsigned",
        action="store_true",
        help="publish without a signature (only workers with PRECWATCH_WATCHLIST_ALLOW_UNSIGNED=true apply it)",
    )
    w.add_argument(
        "--allow-downgrade",
        action="store_true",
        help="approve removing or weakening Category 1 or drug entries (they are named, and the approval is signed)",
    )
    w.set_defaults(func=cmd_watchlist_publish)
    w = wsub.add_parser("keygen", help="make an Ed25519 key pair for signing watchlists")
    w.add_argument("-o", "--output", metavar="PEM", required=True, help="where to write the private key (mode 0600)")
    w.set_defaults(func=cmd_watchlist_keygen)

    p = sub.add_parser("broker", help="run the embedded Kafka-compatible broker (memory storage only)")
    p.add_argument("--port", type=int, default=9092, help="port to listen on, on 127.0.0.1 (default: 9092)")
    p.add_argument("--no-topics", action="store_true", help="do not create the pipeline's topics")
    p.set_defaults(func=cmd_broker)

    p = sub.add_parser(
        "worker",
        help="run a screening worker (Faust)",
        description="Every setting is an option here and a PRECWATCH_<NAME> environment variable; options win. "
        "The SASL password is read from PRECWATCH_SASL_PASSWORD only (command lines show in process lists).",
    )
    for name, info in Settings.model_fields.items():
        add_setting_option(p, name, info)
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser(
        "produce",
        help="publish transaction events (what a customs system does)",
        description="Flag ids are derived from event ids (and the item line and watchlist version): events "
        "published to the same topic must have unique event ids, or their flags share ids and consumers that "
        "deduplicate by flag id drop one.",
    )
    p.add_argument("file", nargs="?", help="JSON Lines events file (- for stdin)")
    p.add_argument("--generate", type=int, metavar="N", help="publish N generated events instead of a file")
    p.add_argument("--seed", type=int, default=7, metavar="INT", help="random seed of --generate (default: 7)")
    p.add_argument(
        "--id-prefix",
        metavar="PREFIX",
        help="event ids of --generate are <prefix>-<n> (default: a random prefix per run, so runs never "
        "reuse event ids)",
    )
    p.add_argument("--broker", metavar="URL", help=broker_help)
    p.add_argument("--rate", type=float, metavar="PER_SECOND", help="events per second (default: as fast as possible)")
    p.set_defaults(func=cmd_produce)

    p = sub.add_parser(
        "flags",
        help="the investigator's tail of the flags topic",
        description="Without --follow: print the flags the topic holds and exit. With --follow: print flags as "
        "they arrive, from now on (add --from-beginning or --since to start earlier); Ctrl-C stops. Each flag id "
        "is printed once (a re-delivered flag has the same id).",
    )
    p.add_argument("--broker", metavar="URL", help=broker_help)
    p.add_argument("--follow", "-f", action="store_true", help="keep waiting for new flags (Ctrl-C stops)")
    start = p.add_mutually_exclusive_group()
    start.add_argument(
        "--from-beginning",
        action="store_true",
        help="start at the oldest flag the topic holds (the default without --follow)",
    )
    start.add_argument(
        "--since",
        metavar="WHEN",
        help="start at the first flag published since WHEN: a duration ago (30s, 10m, 2h, 1d) or an ISO time "
        "(2026-11-29T08:00:00Z; without a zone: UTC)",
    )
    p.add_argument(
        "--severity", choices=list(SEVERITIES), default="info", help="minimum severity to print (default: info)"
    )
    p.add_argument("--json", action="store_true", help="raw JSON, one flag per line")
    p.set_defaults(func=cmd_flags)

    p = sub.add_parser("demo", help="broker + topics + worker + example stream, flags printed as they arrive")
    p.add_argument("--port", type=int, default=9092, help="port of the embedded broker (default: 9092)")
    p.add_argument(
        "--metrics-port", type=int, default=9464, help="port of the worker's /metrics and /readyz (default: 9464)"
    )
    p.add_argument("--follow", action="store_true", help="keep running after the example stream (Ctrl-C stops)")
    p.add_argument(
        "--web-port",
        type=int,
        metavar="N",
        help="port of the investigator workbench on 127.0.0.1 (default: 8080, or a free port when 8080 is taken)",
    )
    p.add_argument(
        "--input",
        metavar="FILE",
        help="events to publish (default: the bundled example stream, devtools/data/transactions.jsonl)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("evaluate", help="recall and false-positive figures on the labelled evaluation set")
    p.add_argument("--set", dest="eval_set", metavar="FILE", help="evaluation CSV (default: the bundled set)")
    p.add_argument("--stream", metavar="FILE", help="also measure noise on a generated stream (events JSONL)")
    p.add_argument("--labels", metavar="FILE", help="labels JSONL for --stream (precwatch generate --labels)")
    p.add_argument("--calibrate", action="store_true", help="print the similarity calibration table")
    p.add_argument(
        "--all-sets",
        action="store_true",
        help="one line of figures per bundled set (the default set and every held-out set) and their total",
    )
    p.set_defaults(func=cmd_evaluate)

    # Retro-screening (issue 12).
    p = sub.add_parser(
        "rescreen",
        help="screen past transactions again against the current watchlist; publish only new or more severe flags",
        description="Reads the transactions topic's retained records from --since up to now, screens them on every "
        "core against the watchlist in force (--watchlist, else the one published on the watchlist topic, else the "
        "bundled one) and publishes to the flags topic the flags that are new or more severe than those published "
        "before for the same item, marked retro: true. Running the same command again goes on where it stopped, "
        "and adds nothing once done.",
    )
    p.add_argument("--since", metavar="WHEN", help="a duration ago (30s, 10m, 2h, 7d) or an ISO time")
    p.add_argument("--broker", metavar="URL", help=broker_help)
    p.add_argument("--watchlist", metavar="FILE", help="watchlist CSV to screen against (default: the one in force)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="processes that screen (default: every core)")
    p.add_argument(
        "--max-records",
        type=int,
        default=None,
        metavar="N",
        help="stop after about N records (the next run goes on from there)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress lines on stderr")
    # Automatic retro-screening on a watchlist version change (cli/retro_screening.py).
    p.add_argument(
        "--on-watchlist-change",
        action="store_true",
        help="keep running: follow the watchlist topic and re-screen the last PRECWATCH_RETRO_SCREENING_WINDOW "
        "against each new version (one follower of a deployment works, the others stand by)",
    )
    p.add_argument(
        "--metrics-port",
        type=int,
        default=0,
        metavar="PORT",
        help="with --on-watchlist-change: serve Prometheus metrics on this port (default: none)",
    )
    p.set_defaults(func=cmd_rescreen)

    # -- topics (operations: the topic-creation job of deploy/) --
    p = sub.add_parser(
        "topics",
        help="every topic a deployment needs, with partitions and configs; --create makes the missing ones",
        description="The pipeline's topics and the ones Faust creates itself (table changelogs, the assignor's "
        "leader topic), named by the PRECWATCH_* settings, with the retention and compaction recommended in "
        "docs/operations.md. Existing topics are never changed.",
    )
    p.add_argument("--broker", metavar="URL", help=broker_help)
    p.add_argument("--create", action="store_true", help="create the topics the broker lacks")
    p.set_defaults(func=cmd_topics)

    add_repository_commands(sub, broker_help)
    # -- investigator workbench (issue 13): cli/web.py -------------------------------------------------
    from cli.web import add_web_parser

    add_web_parser(sub)

    p = sub.add_parser("schemas", help="write the JSON Schema files of the contracts")
    p.add_argument(
        "--dir", default=None, help="output folder (default: the json/ folder of the installed schemas package)"
    )
    p.set_defaults(func=cmd_schemas)
    return parser


def _add_watchlist_input(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--watchlist", metavar="FILE", help=help_text)
    # The positional form of earlier versions, where it cannot be mistaken for an output.
    parser.add_argument("legacy_watchlist", nargs="?", metavar="FILE", help=argparse.SUPPRESS)


def add_setting_option(parser: argparse.ArgumentParser, name: str, info: FieldInfo) -> None:
    """`--<name>` for a Settings field: choices, metavar and default shown from the field itself.

    Values stay strings here; Settings validates them (one place for the rules)."""
    annotation = info.annotation
    kinds = set(typing.get_args(annotation)) if _is_union(annotation) else {annotation}
    kinds.discard(type(None))
    if SecretStr in kinds:
        return  # secrets only from the environment: command lines show up in process lists
    (kind,) = kinds
    options: dict[str, typing.Any] = {"dest": f"setting_{name}", "default": None}
    if typing.get_origin(kind) is typing.Literal:
        options["choices"] = [str(v) for v in typing.get_args(kind)]
    elif kind is bool:
        options["choices"] = ["true", "false"]
    elif kind is int:
        options["metavar"] = "INT"
    elif kind is float:
        options["metavar"] = "SECONDS" if name.endswith("_s") else "NUMBER"
    elif typing.get_origin(kind) is dict:
        options["metavar"] = "JSON"
    elif kind is datetime.date:
        options["metavar"] = "YYYY-MM-DD"
    elif name.endswith(("_path", "_dir", "_file", "_cafile", "_certfile", "_keyfile")):
        options["metavar"] = "PATH"
    else:
        options["metavar"] = "TEXT"
    default = info.get_default(call_default_factory=True)
    shown = "none" if default is None else default if not isinstance(default, dict) else _json(default)
    help_text = f"{info.description} Default: {shown}. Environment: {ENV_PREFIX}{name.upper()}."
    options["help"] = help_text.replace("%", "%%")
    parser.add_argument("--" + name.replace("_", "-"), **options)


def _is_union(annotation: object) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _json(value: object) -> str:
    import json

    return json.dumps(value)


# -- the commands: arguments in, typed calls out -----------------------------------------------------
def cmd_screen(args: argparse.Namespace) -> int:
    from cli.commands import output_to, refuse_overwriting, screen_files, sigterm_as_ctrl_c
    from pipeline.caches import tune_collector_for_batch_screening
    from pipeline.watchlist_file import load_watchlist_from

    refuse_overwriting(args.inputs, args.output, args.dead_letter)
    if args.summary is not None and (args.summary < 1 or args.all_items):
        raise UsageError("--summary N lists at least 1 flag, and lists flags: not with --all-items")
    if args.follow_ups and args.all_items:
        raise UsageError("--follow-ups writes flags: not with --all-items")
    jobs = screen_jobs(args.jobs)  # before the outputs are opened (and emptied)
    with sigterm_as_ctrl_c():  # the screening children ended and the part files removed on the way out
        settings = Settings.from_env(watchlist_path=args.watchlist)
        watchlist = load_watchlist_from(settings.watchlist_path)
        tune_collector_for_batch_screening()
        with output_to(args.output, sys.stdout.buffer) as out, output_to(args.dead_letter, sys.stderr.buffer) as dead:
            table = None
            if args.summary is not None:
                from cli.screen_summary import FlagTable

                table = FlagTable(args.summary)
                out = table.tee(out)
            now = datetime.datetime.now(datetime.UTC)  # the run's stamp, follow-up flags included
            follow_ups = None
            if args.follow_ups:
                from cli.intelligence import FollowUps

                follow_ups = FollowUps(settings)
            try:
                summary = screen_files(
                    args.inputs,
                    out,
                    dead,
                    watchlist,
                    progress=not args.no_progress,
                    settings=settings,
                    all_items=args.all_items,
                    jobs=jobs,
                    now=now,
                    follow_ups=follow_ups,
                )
            except KeyboardInterrupt:
                if follow_ups is None:
                    raise
                # The flags of a prefix of the input are written: the follow-ups of that prefix go
                # after them, as for a whole run, and the user is told that they cover a part only.
                written = write_follow_ups(out, follow_ups, now)
                print(describe_interrupted_follow_ups(follow_ups.events, written), file=sys.stderr)
                return EXIT_INTERRUPTED
            else:
                if follow_ups is not None:
                    summary.follow_ups = write_follow_ups(out, follow_ups, now)
            finally:
                if follow_ups is not None:
                    follow_ups.close()  # its states on disk (cli/intelligence.py)
    if table is not None:
        print(table.render(), file=sys.stderr)
    print(summary.describe(), file=sys.stderr)
    return EXIT_OK


def write_follow_ups(out, follow_ups, now: datetime.datetime):
    """Write the follow-up flags raised so far, one JSON line each; how many by stateful signal."""
    from collections import Counter

    written: Counter[str] = Counter()
    for flag in follow_ups.iter_flags(now):
        out.write(flag.model_dump_json().encode() + b"\n")
        written.update(s.code for s in flag.signals)
    return written


def describe_interrupted_follow_ups(events: int, written) -> str:
    """What an interrupted `precwatch screen --follow-ups` wrote (``written``: follow-up flags by signal)."""
    if not events:
        return "precwatch: interrupted before any event was screened: no follow-up flags written"
    counts = ", ".join(f"{code} {n}" for code, n in sorted(written.items())) or "none"
    return (
        f"precwatch: interrupted after {events} events screened, the first of the input: their flags were "
        f"written, then the {sum(written.values())} follow-up flags raised over those {events} events only "
        f"({counts}); the rest of the input was not screened"
    )


def screen_jobs(given: int | None) -> int:
    """--jobs: the number given (at least 1), else every core this process may use."""
    from cli.parallel import default_jobs

    if given is not None and given < 1:
        raise UsageError("--jobs must be at least 1")
    # Each job is a process with its own caches (megabytes before it screens anything) and a thread
    # here: far more than the cores cannot screen faster, and thousands exhaust memory.
    most = MAX_JOBS_PER_CORE * default_jobs()
    if given is not None and given > most:
        raise UsageError(f"--jobs {given} is more than {MAX_JOBS_PER_CORE} per core this process may use ({most})")
    return given or default_jobs()


MAX_JOBS_PER_CORE = 4


def cmd_rescreen(args: argparse.Namespace) -> int:
    from cli.preflight import broker_errors
    from cli.rescreen import ProgressLines, rescreen
    from pipeline.live_watchlist import load_watchlist_from

    if args.max_records is not None and args.max_records < 1:
        raise UsageError("--max-records must be at least 1")
    if args.on_watchlist_change:
        return cmd_rescreen_on_watchlist_change(args)
    if not args.since:
        raise UsageError("rescreen needs --since (or --on-watchlist-change)")
    settings = Settings.from_env(broker=args.broker)
    if args.watchlist:
        watchlist = load_watchlist_from(args.watchlist)
    else:
        # The version workers hold in force: the one they start with (PRECWATCH_WATCHLIST_PATH or the
        # bundled one), updated by the manifests on the watchlist topic that they accept.
        from cli.retro_screening import watchlist_in_force
        from streaming.app import watchlist_trust

        baseline = load_watchlist_from(settings.watchlist_path)
        with broker_errors(settings, "cannot read the watchlist topic"):
            watchlist = watchlist_in_force(settings, baseline, watchlist_trust(settings))
    summary = rescreen(
        settings,
        watchlist,
        args.since,
        screen_jobs(args.jobs),
        max_records=args.max_records,
        progress=None if args.no_progress else ProgressLines(),
    )
    print(terminal_safe(summary.describe()), file=sys.stderr)
    return EXIT_OK


def cmd_rescreen_on_watchlist_change(args: argparse.Namespace) -> int:
    """Follow the watchlist topic until interrupted; each new version re-screens the retention window."""
    import logging
    import signal

    from cli.retro_screening import RetroScreeningMetrics, follow_watchlist_changes
    from pipeline.live_watchlist import load_watchlist_from
    from streaming.app import watchlist_trust

    if args.since or args.watchlist:
        raise UsageError(
            "--on-watchlist-change screens against each version published on the watchlist topic, over "
            "PRECWATCH_RETRO_SCREENING_WINDOW: --since and --watchlist do not apply"
        )
    settings = Settings.from_env(broker=args.broker)
    # The version workers start with is the baseline: only what is published after it is a change.
    baseline = load_watchlist_from(settings.watchlist_path)
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    metrics = RetroScreeningMetrics()
    if args.metrics_port:  # the worker's server: TLS and basic auth as configured for the worker
        from streaming.app import metrics_basic_auth, metrics_tls
        from streaming.metrics import HealthState, start_http_server

        health = HealthState()
        health.subscribed = health.watchlist_loaded = True
        start_http_server(
            metrics,
            health,
            settings.metrics_host,
            args.metrics_port,
            tls=metrics_tls(settings),
            basic_auth=metrics_basic_auth(settings),
        )
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
    with contextlib.suppress(KeyboardInterrupt):  # every run commits as it goes: the next start goes on
        follow_watchlist_changes(
            settings,
            baseline,
            watchlist_trust(settings),
            screen_jobs(args.jobs),
            stop=lambda: bool(stopping),
            metrics=metrics,
            max_records=args.max_records,
        )
    return EXIT_OK


def cmd_identify(args: argparse.Namespace) -> int:
    import orjson

    from cli.commands import describe_identification, identify
    from cli.render import json_safe
    from pipeline.live_watchlist import load_watchlist_from

    settings = Settings.from_env(watchlist_path=args.watchlist)
    for found in identify(args.texts, load_watchlist_from(settings.watchlist_path), settings):
        if args.json:
            sys.stdout.buffer.write(json_safe(orjson.dumps(found.as_json()).decode()).encode() + b"\n")
        else:
            print(describe_identification(found))
    return EXIT_OK


def cmd_identifiers(args: argparse.Namespace) -> int:
    from chemistry.identifier_db import build_index, default_index_path, find_data_dir

    data_dir = find_data_dir()
    if data_dir is None:
        raise InputUnavailable("the `chemicals` package is not installed (pip install chemicals)")
    target = Path(args.output) if args.output else default_index_path(data_dir)
    count = build_index(data_dir, target)
    print(terminal_safe(f"{count} chemicals indexed in {target}"))
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from cli.commands import output_to
    from devtools.generate import write_stream

    if args.n < 0 or args.invalid < 0:
        raise UsageError("N and --invalid must be >= 0")
    with output_to(args.output, sys.stdout.buffer) as out:
        if args.labels:
            with output_to(args.labels, sys.stdout.buffer) as labels:
                write_stream(args.n, out, labels, seed=args.seed, invalid=args.invalid, id_prefix=args.id_prefix)
        else:
            write_stream(args.n, out, None, seed=args.seed, invalid=args.invalid, id_prefix=args.id_prefix)
    return EXIT_OK


def _watchlist_input(args: argparse.Namespace) -> str | None:
    if args.watchlist and args.legacy_watchlist:
        raise UsageError("give the watchlist once, with --watchlist FILE")
    return args.watchlist or args.legacy_watchlist


def cmd_watchlist_check(args: argparse.Namespace) -> int:
    from chemistry.watchlist import WatchlistInvalid, load_watchlist
    from cli.commands import describe_watchlist

    path = _watchlist_input(args)
    if path and not Path(path).is_file():
        raise InputUnavailable(f"watchlist {path} not found")
    try:
        watchlist = load_watchlist(Path(path)) if path else load_watchlist()
    except WatchlistInvalid as exc:
        for problem in exc.problems:
            print(f"problem: {terminal_safe(problem)}", file=sys.stderr)
        print(f"watchlist INVALID: {len(exc.problems)} problem(s)", file=sys.stderr)
        return EXIT_FAILED
    print(describe_watchlist(watchlist))
    return EXIT_OK


def cmd_watchlist_export(args: argparse.Namespace) -> int:
    from cli.commands import export_watchlist, output_to
    from pipeline.live_watchlist import load_watchlist_from

    watchlist = load_watchlist_from(args.watchlist)
    with output_to(args.output, sys.stdout.buffer) as out:
        export_watchlist(watchlist, out)
    return EXIT_OK


def cmd_watchlist_publish(args: argparse.Namespace) -> int:
    from cli.commands import publish_watchlist
    from pipeline.live_watchlist import load_watchlist_from

    settings = Settings.from_env(broker=args.broker)
    watchlist = load_watchlist_from(_watchlist_input(args))
    key_path = args.key or settings.watchlist_signing_key_file
    if key_path and args.unsigned:
        raise UsageError("give either a signing key or --unsigned, not both")
    if not key_path and not args.unsigned:
        raise UsageError(
            "workers apply only signed watchlists: give --key PEM (or PRECWATCH_WATCHLIST_SIGNING_KEY_FILE), "
            "or --unsigned for workers that accept unsigned updates"
        )
    published = publish_watchlist(settings, watchlist, key_path, allow_downgrade=args.allow_downgrade)
    signed = f"signed with key {published.key_id}" if published.key_id else "unsigned"
    approved = (
        f"; approved downgrades: {', '.join(published.downgrades_approved)}" if published.downgrades_approved else ""
    )
    print(
        f"published watchlist {watchlist.version} ({len(watchlist)} entries) to {settings.topic_watchlist}, "
        f"{signed}{approved}"
    )
    return EXIT_OK


def cmd_watchlist_keygen(args: argparse.Namespace) -> int:
    from cli.commands import write_signing_key

    public = write_signing_key(args.output)
    print(public)
    print(
        f"private key written to {terminal_safe(args.output)}; give workers the public key above in "
        "PRECWATCH_WATCHLIST_TRUSTED_KEYS",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_broker(args: argparse.Namespace) -> int:
    from cli.commands import run_broker

    return run_broker(args.port, create_topics=not args.no_topics)


def cmd_worker(args: argparse.Namespace) -> int:
    from cli.commands import run_worker

    given = {
        key.removeprefix("setting_"): value
        for key, value in vars(args).items()
        if key.startswith("setting_") and value is not None
    }
    environ = {**os.environ, **{ENV_PREFIX + name.upper(): value for name, value in given.items()}}
    return run_worker(Settings.from_env(environ))  # validated before Faust starts


def cmd_topics(args: argparse.Namespace) -> int:
    from cli.preflight import broker_errors
    from streaming.topic_plan import create_planned_topics, describe_plan, topic_plan

    settings = Settings.from_env(broker=args.broker)
    plan = topic_plan(settings)
    print(describe_plan(plan))
    if args.create:
        with broker_errors(settings, "cannot create the topics"):
            created = create_planned_topics(settings, plan)
        print(f"created {len(created)} of {len(plan)} topics" + (f": {', '.join(created)}" if created else ""))
    return EXIT_OK


def cmd_intelligence_seed(args: argparse.Namespace) -> int:
    from cli.intelligence import seed_history

    settings = Settings.from_env(broker=args.broker)
    found, published = seed_history(settings, args.input)
    if found.earliest is None:
        raise UsageError("no event to seed: the input holds no readable event")
    print(
        f"seeded {found.events} events ({found.malformed} malformed lines left out), "
        f"{found.earliest:%Y-%m-%d} to {found.latest:%Y-%m-%d}: {found.observations} observations of "
        f"precursor chemistry in {published} history messages on {terminal_safe(settings.topic_observations)}; "
        f"set PRECWATCH_TRADER_HISTORY_SINCE={found.earliest:%Y-%m-%d} on the workers",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_produce(args: argparse.Namespace) -> int:
    import time

    from cli.commands import events_from_file, generated_events, produce_events
    from devtools.generate import run_id_prefix

    if (args.file is None) == (args.generate is None):
        raise UsageError("give a FILE (- for stdin) or --generate N")
    if args.generate is not None and args.generate < 0:
        raise UsageError("--generate N must be >= 0")
    if args.rate is not None and args.rate <= 0:
        raise UsageError("--rate must be > 0")
    settings = Settings.from_env(broker=args.broker)
    if args.file is not None:
        events = events_from_file(args.file)
    else:
        events = generated_events(args.generate, args.seed, args.id_prefix or run_id_prefix())
    started = time.perf_counter()
    sent = produce_events(settings, events, args.rate)
    elapsed = time.perf_counter() - started
    print(f"published {sent} events to {settings.topic_transactions} in {elapsed:.1f}s", file=sys.stderr)
    return EXIT_OK


def _announce_follow(follow: bool, topic: str, broker: str) -> Callable[[], None]:
    """What a tail calls once it is positioned: a follower learns how to stop it (on stderr, so
    that stdout stays the records)."""

    def ready() -> None:
        if follow:
            print(f"following {topic} on {broker}; Ctrl-C stops", file=sys.stderr, flush=True)

    return ready


def cmd_flags(args: argparse.Namespace) -> int:
    from cli.flags import parse_since, tail_flags

    settings = Settings.from_env(broker=args.broker)
    since = parse_since(args.since) if args.since else None
    ready = _announce_follow(args.follow, settings.topic_flags, settings.broker)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a tail is stopped
        tail_flags(
            settings,
            from_beginning=args.from_beginning,
            since=since,
            follow=args.follow,
            min_severity=args.severity,
            raw_json=args.json,
            out=sys.stdout,
            on_ready=ready,
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from cli.demo import run_demo

    return run_demo(
        Path(args.input) if args.input else None,
        port=args.port,
        metrics_port=args.metrics_port,
        follow=args.follow,
        web_port=args.web_port,
    )


def cmd_evaluate(args: argparse.Namespace) -> int:
    from devtools.evaluation import DEFAULT_SET, run_all_sets, run_evaluation

    if args.all_sets:
        if args.eval_set or args.stream or args.calibrate:
            raise UsageError("--all-sets reads every bundled set: it takes no --set, --stream or --calibrate")
        return run_all_sets()
    return run_evaluation(
        Path(args.eval_set) if args.eval_set else DEFAULT_SET,
        stream=Path(args.stream) if args.stream else None,
        labels=Path(args.labels) if args.labels else None,
        calibrate=args.calibrate,
    )


def cmd_schemas(args: argparse.Namespace) -> int:
    from schemas.export import SCHEMA_DIR, write_schemas

    for path in write_schemas(Path(args.dir) if args.dir else SCHEMA_DIR):
        print(path)
    return EXIT_OK


# -- the information repository and the dead letters (issue 12) ------------------------------------------
def add_repository_commands(sub, broker_help: str) -> None:
    since_help = "a duration ago (30s, 10m, 2h, 1d) or an ISO time (2026-11-29T08:00:00Z; without a zone: UTC)"
    p = sub.add_parser(
        "repository",
        help="the information repository: one current record per substance (analysts)",
        description="Reads the compacted repository topic from its beginning: the latest record per substance.",
    )
    p.set_defaults(command_parser=p)
    rsub = p.add_subparsers(metavar="ACTION")
    r = rsub.add_parser("show", help="the whole record of a substance: by key, InChIKey, CAS number or name")
    r.add_argument("query", metavar="KEY|NAME|CAS", help="substance key or InChIKey, CAS number, or name")
    r.add_argument("--json", action="store_true", help="the records as JSON, one per line")
    r.add_argument("--broker", metavar="URL", help=broker_help)
    r.set_defaults(func=cmd_repository_show)
    r = rsub.add_parser("list", help="one line per substance, most recently seen first")
    r.add_argument("--novel", action="store_true", help="only novel designer precursors")
    r.add_argument("--since", metavar="WHEN", help="only substances last seen since WHEN: " + since_help)
    r.add_argument("--broker", metavar="URL", help=broker_help)
    r.set_defaults(func=cmd_repository_list)
    r = rsub.add_parser("export", help="every record as CSV or JSON Lines")
    r.add_argument("--format", choices=["csv", "jsonl"], default="jsonl", help="default: jsonl")
    r.add_argument("-o", "--output", metavar="FILE", help="default: stdout")
    r.add_argument("--novel", action="store_true", help="only novel designer precursors")
    r.add_argument("--since", metavar="WHEN", help="only substances last seen since WHEN: " + since_help)
    r.add_argument("--broker", metavar="URL", help=broker_help)
    r.set_defaults(func=cmd_repository_export)

    p = sub.add_parser(
        "dead-letters",
        help="the dead-letter topic, readable (operators)",
        description="Without --follow: print the dead letters the topic holds and exit. With --follow: print them "
        "as they arrive, from now on (add --since to start earlier); Ctrl-C stops. The original of each is "
        "shown only with --original (it may quote traders' data).",
    )
    p.add_argument("--follow", "-f", action="store_true", help="keep waiting for new dead letters (Ctrl-C stops)")
    p.add_argument("--since", metavar="WHEN", help="start at the first dead letter published since WHEN: " + since_help)
    p.add_argument("--original", action="store_true", help="also print the start of each original (escaped)")
    p.add_argument("--json", action="store_true", help="raw JSON, one dead letter per line")
    p.add_argument("--broker", metavar="URL", help=broker_help)
    p.set_defaults(func=cmd_dead_letters)


def _repository_selection(args: argparse.Namespace) -> list[dict]:
    from cli.flags import parse_since
    from cli.repository import read_repository, select_substances, warn_unreadable

    since = parse_since(args.since) if args.since else None
    repository = read_repository(Settings.from_env(broker=args.broker))
    warn_unreadable(repository, sys.stderr)
    return select_substances(repository.records.values(), novel=args.novel, since=since)


def cmd_repository_show(args: argparse.Namespace) -> int:
    import orjson

    from cli.render import json_safe
    from cli.repository import find_substances, read_repository, render_substance, warn_unreadable

    repository = read_repository(Settings.from_env(broker=args.broker))
    warn_unreadable(repository, sys.stderr)
    found = find_substances(repository.records, args.query)
    if not found:
        print(f"precwatch: no substance in the repository for {terminal_safe(args.query)!r}", file=sys.stderr)
        return EXIT_FAILED
    for record in found:
        print(json_safe(orjson.dumps(record).decode()) if args.json else render_substance(record) + "\n")
    return EXIT_OK


def cmd_repository_list(args: argparse.Namespace) -> int:
    from cli.repository import render_row

    records = _repository_selection(args)
    for record in records:
        print(render_row(record))
    novel = sum(r["record_type"] == "novel_designer_precursor" for r in records)
    print(f"{len(records)} substance(s), {novel} novel designer precursor(s)", file=sys.stderr)
    return EXIT_OK


def cmd_repository_export(args: argparse.Namespace) -> int:
    from cli.commands import output_to
    from cli.repository import export_repository

    records = _repository_selection(args)
    with output_to(args.output, sys.stdout.buffer) as out:
        count = export_repository(records, args.format, out)
    print(f"exported {count} substance record(s) as {args.format}", file=sys.stderr)
    return EXIT_OK


def cmd_dead_letters(args: argparse.Namespace) -> int:
    from cli.flags import parse_since
    from cli.repository import show_dead_letters

    settings = Settings.from_env(broker=args.broker)
    since = parse_since(args.since) if args.since else None
    ready = _announce_follow(args.follow, settings.topic_dead_letters, settings.broker)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a tail is stopped
        summary = show_dead_letters(
            settings,
            follow=args.follow,
            since=since,
            raw_json=args.json,
            show_original=args.original,
            out=sys.stdout,
            on_ready=ready,
        )
        if not args.follow:
            print(f"{summary.shown} dead letter(s)", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
