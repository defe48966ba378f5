"""The Faust application: built by ``create_app``; ``streaming.worker`` holds the instance that
`faust -A streaming.worker worker` and `precwatch worker` run.

Configuration comes from PRECWATCH_* environment variables (pipeline/settings.py). The agents live
in agents/ and are registered here; they only iterate, call pure functions and send.
"""

from __future__ import annotations

import gc
import logging
import ssl

import faust

from agents import register_all
from pipeline.errors import ConfigError, IncompatibleLibrary
from pipeline.live_watchlist import load_watchlist_from
from pipeline.log_safety import install_secret_redaction
from pipeline.screening import Screener
from pipeline.settings import Settings
from pipeline.watchlist_trust import WatchlistTrust, parse_trusted_keys
from streaming.compat import keep_every_fetched_record, self_check, set_fetch_max_wait
from streaming.kafka import faust_credentials
from streaming.metrics import Metrics, start_http_server
from streaming.profiles import EMBEDDED_FETCH_MAX_WAIT_MS, faust_profile
from streaming.runtime import Runtime

log = logging.getLogger("precwatch")


def watchlist_trust(settings: Settings) -> WatchlistTrust:
    """The keys whose signed watchlist updates this worker applies (ConfigError on a malformed key)."""
    keys, problems = parse_trusted_keys(settings.watchlist_trusted_keys)
    if problems:
        raise ConfigError("; ".join(problems) + " (PRECWATCH_WATCHLIST_TRUSTED_KEYS)")
    if not keys and not settings.watchlist_allow_unsigned:
        log.warning(
            "no trusted watchlist keys: updates on %s are refused and the bundled watchlist stays in force "
            "(set PRECWATCH_WATCHLIST_TRUSTED_KEYS)",
            settings.topic_watchlist,
        )
    return WatchlistTrust(keys, allow_unsigned=settings.watchlist_allow_unsigned)


def metrics_tls(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context of the metrics server, or None (plain HTTP)."""
    if not settings.metrics_tls_certfile:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(settings.metrics_tls_certfile, settings.metrics_tls_keyfile)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"cannot load the metrics TLS certificate or key: {exc}") from exc
    return context


def metrics_basic_auth(settings: Settings) -> tuple[str, str] | None:
    if settings.metrics_basic_auth_user is None:
        return None
    if settings.metrics_basic_auth_password is None:
        raise ConfigError("PRECWATCH_METRICS_BASIC_AUTH_USER needs PRECWATCH_METRICS_BASIC_AUTH_PASSWORD")
    return settings.metrics_basic_auth_user, settings.metrics_basic_auth_password.get_secret_value()


def create_app(settings: Settings | None = None) -> faust.App:
    """The worker's app. Raises IncompatibleLibrary, before anything is built, when the installed
    faust-streaming or aiokafka lack an internal the delivery guarantees rely on."""
    problems = self_check()
    if problems:
        raise IncompatibleLibrary(
            "the installed faust-streaming/aiokafka do not behave as precursor-watch relies on: " + "; ".join(problems)
        )
    settings = settings or Settings.from_env()
    install_secret_redaction(
        [s.get_secret_value() for s in (settings.sasl_password, settings.metrics_basic_auth_password) if s]
    )
    # Read now: metrics settings that cannot work stop the worker with their message, not once Faust runs.
    tls, basic_auth = metrics_tls(settings), metrics_basic_auth(settings)
    watchlist = load_watchlist_from(settings.watchlist_path)
    metrics = Metrics()
    runtime = Runtime(settings, Screener(watchlist, settings), metrics, watchlist_trust=watchlist_trust(settings))
    metrics.set_watchlist(watchlist.version, len(watchlist), watchlist.as_of)
    profile = faust_profile(settings.profile)
    if settings.profile == "embedded":
        set_fetch_max_wait(EMBEDDED_FETCH_MAX_WAIT_MS)
    keep_every_fetched_record()  # at-least-once across rebalances, on any broker
    app = faust.App(
        settings.group_id,
        broker=settings.broker,
        broker_credentials=faust_credentials(settings),
        value_serializer="raw",
        key_serializer="raw",
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication_factor,
        consumer_auto_offset_reset="earliest",
        web_enabled=False,
        **({"datadir": settings.data_dir} if settings.data_dir else {}),
        **{"producer_max_batch_size": settings.producer_max_batch_bytes, **profile},
    )

    register_all(app, runtime)

    @app.on_partitions_assigned.connect
    async def _assigned(sender, assigned, **kwargs) -> None:
        runtime.subscribed()

    @app.task
    async def _start_observability() -> None:
        runtime.metrics.up.set(1)
        if settings.metrics_port:
            start_http_server(
                runtime.metrics,
                runtime.health,
                settings.metrics_host,
                settings.metrics_port,
                tls=tls,
                basic_auth=basic_auth,
            )
            log.info("metrics on http://%s:%d/metrics", settings.metrics_host, settings.metrics_port)

    @app.on_before_shutdown.connect
    def _shutdown(sender, **kwargs) -> None:
        if runtime.offload is not None:
            runtime.offload.begin_shutdown()
        runtime.mark_down()

    return app


# The worker's garbage collector (``tune_garbage_collector``): a young collection every this many
# allocations rather than 700, an older one every this many younger ones rather than 10.
GC_YOUNG_THRESHOLD = 20_000
GC_OLDER_THRESHOLD = 20


def tune_garbage_collector() -> None:
    """Collect cyclic garbage less often in the worker, and never look again at what exists once its app
    is built (modules, the app, the watchlist: ``gc.freeze``). With Python's defaults a worker spent a
    tenth of its CPU in collections, most of them walking objects that live as long as the process (with
    the stateful signals, also the states it keeps decoded); garbage without cycles is freed at once
    whatever the thresholds, and cyclic garbage waits for at most a few more collections' worth of
    allocations."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, GC_OLDER_THRESHOLD, GC_OLDER_THRESHOLD)
