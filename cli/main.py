"""`precwatch` command line."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO, BinaryIO

import orjson

from chemistry.watchlist import WatchlistInvalid, load_watchlist
from pipeline.decode import decode_lines
from pipeline.errors import ConfigError
from pipeline.settings import Settings
from schemas.flags import SEVERITIES

EXIT_USAGE = 2
EXIT_IO = 3


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except (ConfigError, WatchlistInvalid) as exc:
        print(f"precwatch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`precwatch screen ... | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"precwatch: {exc}", file=sys.stderr)
        return EXIT_IO
    except Exception as exc:
        if type(exc).__module__.split(".")[0] not in ("kafka", "aiokafka"):
            raise
        # The clients' own errors ("Unable to bootstrap from [...]") say what, not where to look.
        print(
            f"precwatch: Kafka: {exc} (is the broker running, and are PRECWATCH_BROKER and the TLS/SASL "
            "settings right?)",
            file=sys.stderr,
        )
        return EXIT_IO
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="precwatch", description="Screen customs transactions for drug precursors.")
    sub = parser.add_subparsers(metavar="COMMAND")

    p = sub.add_parser("screen", help="screen JSON Lines events offline and write flags")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSON Lines files, or - for stdin")
    p.add_argument("-o", "--output", help="flags file (JSON Lines); default stdout")
    p.add_argument("--dead-letter", help="dead-letter file (JSON Lines); default: stderr")
    p.add_argument("--watchlist", help="watchlist CSV (default: bundled)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser("generate", help="write a synthetic transaction stream")
    p.add_argument("n", type=int, help="number of events")
    p.add_argument("-o", "--output", help="events file; default stdout")
    p.add_argument("--labels", help="also write ground-truth labels (JSON Lines) here")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--invalid", type=int, default=0, help="append this many malformed lines (dead-letter demo)")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("watchlist", help="watchlist tools")
    wsub = p.add_subparsers(metavar="ACTION")
    w = wsub.add_parser("check", help="validate the watchlist data with RDKit")
    w.add_argument("file", nargs="?", help="watchlist CSV (default: bundled)")
    w.set_defaults(func=cmd_watchlist_check)
    w = wsub.add_parser("export", help="write the watchlist as JSON Lines (one entry per line)")
    w.add_argument("file", nargs="?", help="watchlist CSV (default: bundled)")
    w.set_defaults(func=cmd_watchlist_export)

    w = wsub.add_parser("publish", help="publish the watchlist to the compacted watchlist topic")
    w.add_argument("file", nargs="?", help="watchlist CSV (default: bundled)")
    w.add_argument("--broker", help="broker URL(s) (default: PRECWATCH_BROKER)")
    w.set_defaults(func=cmd_watchlist_publish)

    p = sub.add_parser("broker", help="run the embedded Kafka-compatible broker (memory storage only)")
    p.add_argument("--port", type=int, default=9092)
    p.add_argument("--no-topics", action="store_true", help="do not create the pipeline's topics")
    p.set_defaults(func=cmd_broker)

    p = sub.add_parser(
        "worker",
        help="run a screening worker (Faust)",
        description="Every setting is a flag here and a PRECWATCH_<NAME> environment variable; flags win.",
    )
    for name, info in Settings.model_fields.items():
        if name == "sasl_password":
            continue  # secrets only from the environment: command lines show up in process lists
        p.add_argument("--" + name.replace("_", "-"), dest=f"setting_{name}", metavar="VALUE", help=info.description)
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("produce", help="publish transaction events (what a customs system does)")
    p.add_argument("file", nargs="?", help="JSON Lines events file (- for stdin)")
    p.add_argument("--generate", type=int, metavar="N", help="publish N generated events instead of a file")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--broker", help="broker URL(s)")
    p.add_argument("--rate", type=float, help="events per second (default: as fast as possible)")
    p.set_defaults(func=cmd_produce)

    p = sub.add_parser("flags", help="the investigator's tail of the flags topic")
    p.add_argument("--broker", help="broker URL(s)")
    p.add_argument("--follow", "-f", action="store_true", help="keep waiting for new flags")
    p.add_argument("--severity", choices=list(SEVERITIES), default="info", help="minimum severity")
    p.add_argument("--json", action="store_true", help="raw JSON, one flag per line")
    p.set_defaults(func=cmd_flags)

    p = sub.add_parser("demo", help="broker + topics + worker + example stream, flags printed as they arrive")
    p.add_argument("--port", type=int, default=9092, help="broker port")
    p.add_argument("--metrics-port", type=int, default=9464)
    p.add_argument("--follow", action="store_true", help="keep running after the example stream")
    p.add_argument(
        "--input",
        default=None,
        help="events to publish (default: the bundled example stream, examples/transactions.jsonl)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("evaluate", help="recall and false-positive figures on the labelled evaluation set")
    p.add_argument("--set", dest="eval_set", help="evaluation CSV (default: the bundled evaluation set)")
    p.add_argument("--stream", help="also measure noise on a generated stream (events JSONL)")
    p.add_argument("--labels", help="labels JSONL for --stream")
    p.add_argument("--calibrate", action="store_true", help="print the similarity calibration table")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("schemas", help="write the JSON Schema files of the contracts")
    p.add_argument(
        "--dir", default=None, help="output folder (default: the json/ folder of the installed schemas package)"
    )
    p.set_defaults(func=cmd_schemas)
    return parser


# -- screen ------------------------------------------------------------------------------------------
def _open_inputs(paths: list[str]) -> list[tuple[str, BinaryIO]]:
    opened = []
    for path in paths:
        if path == "-":
            opened.append(("<stdin>", sys.stdin.buffer))
        else:
            opened.append((path, open(path, "rb")))  # noqa: SIM115 - closed by the caller
    return opened


class Progress:
    """A minimal progress bar on stderr, only on a terminal."""

    def __init__(self, total_bytes: int, enabled: bool):
        self.total = total_bytes
        self.enabled = enabled and sys.stderr.isatty() and total_bytes > 1_000_000
        self.last = 0.0

    def update(self, done_bytes: int, items: int, started: float) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        frac = min(done_bytes / self.total, 1.0)
        bar = "#" * int(frac * 30)
        rate = items / max(now - started, 1e-9)
        sys.stderr.write(f"\r[{bar:<30}] {frac:6.1%} {items} items {rate:,.0f} items/s")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _counting(handle: BinaryIO, counter: list[int]):
    """Yield the handle's lines, adding their sizes to counter[0] (for the progress bar)."""
    for line in handle:
        counter[0] += len(line)
        yield line


def cmd_screen(args: argparse.Namespace) -> int:
    from pipeline.screening import Screener

    settings = Settings.from_env(watchlist_path=args.watchlist)
    watchlist = load_watchlist(Path(settings.watchlist_path)) if settings.watchlist_path else load_watchlist()
    screener = Screener(watchlist, settings)
    inputs = _open_inputs(args.inputs)
    out: IO[bytes] = open(args.output, "wb") if args.output else sys.stdout.buffer  # noqa: SIM115
    dead: IO[bytes] = open(args.dead_letter, "wb") if args.dead_letter else sys.stderr.buffer  # noqa: SIM115
    total = sum(Path(p).stat().st_size for p, _ in inputs if p != "<stdin>")
    progress = Progress(total, not args.no_progress)
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    progress_bytes = [0]
    try:
        for name, handle in inputs:
            for _, decoded in decode_lines(_counting(handle, progress_bytes), source=name):
                if decoded.event is None:
                    counts["dead_letters"] += 1
                    dead.write(orjson.dumps(decoded.dead_letter.model_dump(mode="json")) + b"\n")
                    continue
                counts["events"] += 1
                counts["items"] += len(decoded.event.items)
                for flag in screener.screen_event(decoded.event):
                    counts[flag.severity] += 1
                    out.write(flag.model_dump_json().encode() + b"\n")
                progress.update(progress_bytes[0], counts["items"], started)
    finally:
        progress.close()
        for name, handle in inputs:
            if name != "<stdin>":
                handle.close()
        if args.output:
            out.close()
        else:
            out.flush()
        if args.dead_letter:
            dead.close()
    elapsed = time.perf_counter() - started
    flags = sum(counts[s] for s in SEVERITIES)
    by_sev = ", ".join(f"{s} {counts[s]}" for s in reversed(SEVERITIES))
    print(
        f"screened {counts['events']} events, {counts['items']} items in {elapsed:.2f}s "
        f"({counts['items'] / max(elapsed, 1e-9):,.0f} items/s); {flags} flags ({by_sev}); "
        f"{counts['dead_letters']} dead letters; watchlist {watchlist.version}",
        file=sys.stderr,
    )
    return 0


# -- generate ----------------------------------------------------------------------------------------
def cmd_generate(args: argparse.Namespace) -> int:
    from devtools.generate import write_stream

    if args.n < 0:
        print("precwatch: N must be >= 0", file=sys.stderr)
        return EXIT_USAGE
    out = open(args.output, "wb") if args.output else sys.stdout.buffer  # noqa: SIM115
    labels = open(args.labels, "wb") if args.labels else None  # noqa: SIM115
    try:
        write_stream(args.n, out, labels, seed=args.seed, invalid=args.invalid)
    finally:
        if args.output:
            out.close()
        if labels:
            labels.close()
    return 0


# -- watchlist ---------------------------------------------------------------------------------------
def cmd_watchlist_check(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file else None
    try:
        wl = load_watchlist(path) if path else load_watchlist()
    except WatchlistInvalid as exc:
        for problem in exc.problems:
            print(f"problem: {problem}", file=sys.stderr)
        print(f"watchlist INVALID: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    tiers = Counter(c.entry.tier for c in wl.entries)
    missing_cas = sum(1 for c in wl.entries if not c.entry.cas)
    inferred_cn = sum(1 for c in wl.entries if not c.entry.cn_codes and c.entry.cn_codes_inferred)
    print(
        f"watchlist OK: version {wl.version}; {len(wl)} entries ({', '.join(f'{k} {v}' for k, v in sorted(tiers.items()))}); "
        f"all structures parse, formulas match, CAS check digits hold, ids unique; "
        f"{missing_cas} entries without a CAS number (not known to us, left empty); "
        f"{inferred_cn} entries whose CN code is only inferred (not verified: kept apart, and flags relying on one say so)"
    )
    return 0


def cmd_watchlist_export(args: argparse.Namespace) -> int:
    wl = load_watchlist(Path(args.file)) if args.file else load_watchlist()
    for c in wl.entries:
        sys.stdout.buffer.write(orjson.dumps({"watchlist_version": wl.version, **c.entry.model_dump()}) + b"\n")
    return 0


def cmd_watchlist_publish(args: argparse.Namespace) -> int:
    from kafka import KafkaProducer

    from pipeline.live_watchlist import watchlist_messages
    from streaming.kafka import client_config, ensure_topics

    settings = Settings.from_env(broker=args.broker)
    wl = load_watchlist(Path(args.file)) if args.file else load_watchlist()
    ensure_topics(settings)
    producer = KafkaProducer(linger_ms=0, **client_config(settings))
    try:
        for key, value in watchlist_messages(wl):
            # One record per request: keeps the embedded broker's end offsets exact.
            producer.send(settings.topic_watchlist, key=key, value=value).get(timeout=30)
    finally:
        producer.close()
    print(f"published watchlist {wl.version} ({len(wl)} entries) to {settings.topic_watchlist}")
    return 0


# -- streaming ---------------------------------------------------------------------------------------
def cmd_broker(args: argparse.Namespace) -> int:
    from devtools.local import BrokerError, start_broker
    from streaming.kafka import ensure_topics

    try:
        proc = start_broker(args.port)
    except BrokerError as exc:
        print(f"precwatch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    url = f"kafka://127.0.0.1:{args.port}"
    if not args.no_topics:
        created = ensure_topics(Settings.from_env(broker=url))
        print(f"created topics: {', '.join(created) or 'none'}", file=sys.stderr)
    print(
        f"embedded broker (Tansu, memory storage only: data is lost on exit) on {url}; Ctrl-C stops it", file=sys.stderr
    )
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(10)
        return 0


def cmd_worker(args: argparse.Namespace) -> int:

    for key, value in vars(args).items():
        if key.startswith("setting_") and value is not None:
            os.environ["PRECWATCH_" + key.removeprefix("setting_").upper()] = value
    settings = Settings.from_env()  # validates before Faust starts
    from streaming.kafka import check_login

    check_login(settings)  # a refused login ends here, with a message, not in a Faust traceback
    sys.argv = ["precwatch-worker", "worker", "--loglevel", settings.log_level, "--without-web"]
    from streaming.worker import app

    app.main()
    return 0


def _events_from(args: argparse.Namespace):
    if args.generate is not None:
        from devtools.generate import Generator

        for event, _ in Generator(seed=args.seed).events(args.generate):
            yield orjson.dumps(event)
        return
    if not args.file:
        raise OSError("give a FILE or --generate N")
    handle = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    with handle:
        for line in handle:
            if line.strip():
                yield line.rstrip(b"\r\n")


def _declaration_key(raw: bytes) -> bytes | None:
    try:
        value = orjson.loads(raw)
        return str(value["declaration_id"]).encode() if isinstance(value, dict) else None
    except (orjson.JSONDecodeError, KeyError):
        return None  # malformed lines are published as they are: the worker dead-letters them


def cmd_produce(args: argparse.Namespace) -> int:
    from kafka import KafkaProducer

    from streaming.kafka import check_login, client_config

    settings = Settings.from_env(broker=args.broker)
    check_login(settings)
    producer = KafkaProducer(linger_ms=5, **client_config(settings))
    sent = 0
    started = time.perf_counter()
    try:
        for raw in _events_from(args):
            producer.send(settings.topic_transactions, key=_declaration_key(raw), value=raw)
            sent += 1
            if args.rate:
                delay = started + sent / args.rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
        producer.flush()
    finally:
        producer.close()
    elapsed = time.perf_counter() - started
    print(f"published {sent} events to {settings.topic_transactions} in {elapsed:.1f}s", file=sys.stderr)
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    from kafka import KafkaConsumer

    from cli.render import render_flag
    from streaming.kafka import check_login, client_config

    settings = Settings.from_env(broker=args.broker)
    check_login(settings)
    minimum = SEVERITIES.index(args.severity)
    consumer = KafkaConsumer(
        settings.topic_flags,
        group_id=None,
        auto_offset_reset="earliest",
        consumer_timeout_ms=None if args.follow else 3000,
        **client_config(settings),
    )
    colour = sys.stdout.isatty()
    try:
        for message in consumer:
            flag = orjson.loads(message.value)
            if SEVERITIES.index(flag["severity"]) < minimum:
                continue
            if args.json:
                sys.stdout.buffer.write(message.value + b"\n")
            else:
                print(render_flag(flag, colour))
            sys.stdout.flush()
    finally:
        consumer.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from cli.demo import run_demo

    return run_demo(args)


# -- evaluate ------------------------------------------------------------------------------------------
def cmd_evaluate(args: argparse.Namespace) -> int:
    from devtools.evaluation import run_evaluation

    return run_evaluation(args)


# -- schemas -------------------------------------------------------------------------------------------
def cmd_schemas(args: argparse.Namespace) -> int:
    from schemas.export import SCHEMA_DIR, write_schemas

    for path in write_schemas(Path(args.dir) if args.dir else SCHEMA_DIR):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
