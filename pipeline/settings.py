"""One settings object, read from ``PRECWATCH_*`` environment variables, passed down explicitly."""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from pipeline.errors import ConfigError

ENV_PREFIX = "PRECWATCH_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- screening -----------------------------------------------------------------------------
    similarity_threshold: float = Field(
        0.7, ge=0, le=1, description="Tanimoto threshold for the similarity method (calibrated: docs/evaluation.md)."
    )
    unmask_max_steps: int = Field(3, ge=1, le=5, description="Maximum conversion steps for unmasking.")
    unmask_time_budget_s: float = Field(0.25, gt=0, description="Wall-clock cap for unmasking one structure.")
    event_time_budget_s: float = Field(
        5.0,
        gt=0,
        description="Wall-clock budget for screening one event. Items not reached within it are not screened: "
        "each is flagged low with SCREENING_BUDGET_EXCEEDED (for review), so that an event padded with costly "
        "structures can neither stall the stream nor hide an item behind them.",
    )
    flag_min_score: float = Field(0.1, ge=0, le=1, description="Items scoring below this are not flagged.")
    bulk_quantity_kg: float = Field(
        100.0,
        gt=0,
        description="Operational (not legal) quantity above which a consignment of precursor chemistry "
        "gets the BULK_QUANTITY signal.",
    )
    high_value_per_kg_eur: float = Field(
        500.0,
        gt=0,
        description="Operational value per kg (EUR) above which precursor chemistry shipped by air, post "
        "or courier gets the HIGH_VALUE_AIR_POST signal.",
    )
    eur_rates: dict[str, float] = Field(
        default_factory=lambda: {"EUR": 1.0},
        description="Conversion factors to EUR for value signals (JSON). Currencies not listed are not "
        "converted and the value signal is skipped; no exchange rate is assumed.",
    )
    cache_size: int = Field(
        20_000,
        ge=100,
        description="Entries kept in the screening caches (resolutions, structures, analyses and description "
        "look-ups together), oldest dropped first.",
    )
    cache_max_mb: int = Field(
        160,
        ge=1,
        description="Estimated memory (MiB) the screening caches may hold together, oldest dropped first: an RDKit "
        "structure costs 20-100 KB, so a stream of novel structures would otherwise fill gigabytes "
        "(docs/performance.md).",
    )
    watchlist_path: str | None = Field(None, description="Watchlist CSV to load instead of the bundled one.")
    watchlist_trusted_keys: str = Field(
        "",
        description="Ed25519 public keys (base64, comma-separated; `precwatch watchlist keygen` prints one) whose "
        "signed watchlist updates workers apply. Without any, updates from the topic are refused unless "
        "watchlist_allow_unsigned is set.",
    )
    watchlist_allow_unsigned: bool = Field(
        False,
        description="Apply watchlist updates from the topic without checking signatures: local runs and demos only "
        "(anyone who can write to the topic could then change the watchlist).",
    )
    watchlist_signing_key_file: str | None = Field(
        None, description="PEM private key that `precwatch watchlist publish` signs with (instead of --key)."
    )
    # Identifier database (chemistry/identifier_db.py; docs/identification.md).
    identifier_database: str = Field(
        "auto",
        description="Names and CAS numbers beyond the watchlist and the common-chemicals dictionary: 'auto' (the "
        "index of the installed `chemicals` package's data in the user's cache, built on first use; "
        "`precwatch identifiers build` builds it ahead), the path of an index, or 'off'.",
    )
    # Systematic names with OPSIN (chemistry/opsin.py; docs/identification.md).
    systematic_names: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Parse systematic (IUPAC) names that neither the watchlist, the common-chemicals dictionary nor "
        "the identifier database resolve with OPSIN (extra `opsin` and a Java runtime), in one long-lived Java "
        "process per screening process; flags say the structure was parsed from the name. 'auto': when both are "
        "installed (a start-up log line says which), 'on': required (start-up fails without them), 'off': never.",
    )
    systematic_name_time_budget_s: float = Field(
        2.0,
        gt=0,
        le=60,
        description="Seconds OPSIN may take for one name (its first answer after starting gets 60 s): a name it has "
        "not parsed by then is left unresolved and its Java process restarted, so that a name cannot stall screening.",
    )

    # --- Kafka and worker (the streaming pipeline) ------------------------------------------------
    broker: str = Field(
        "kafka://127.0.0.1:9092", description="Broker URL(s), comma-separated (kafka://host:port or host:port)."
    )
    profile: Literal["embedded", "kafka"] = Field(
        "embedded",
        description="'embedded': timeouts and batching tuned for the embedded Tansu broker (fast group join, "
        "exact table recovery); 'kafka': Faust's defaults, for Apache Kafka in production.",
    )
    group_id: str = Field("precursor-watch", description="Consumer group (Faust app id).")
    topic_transactions: str = Field("customs.transactions", description="Input topic, keyed by declaration id.")
    topic_flags: str = Field("precursor.flags", description="Flags for investigators.")
    topic_repository: str = Field("precursor.repository", description="Information-repository records.")
    topic_dead_letters: str = Field("customs.transactions.dlq", description="Dead-letter topic.")
    topic_watchlist: str = Field("precursor.watchlist", description="Compacted watchlist topic.")
    topic_sightings: str = Field(
        "precursor.sightings",
        description="Internal: sightings keyed by structure key (feeds the repository's substances table).",
    )
    data_dir: str | None = Field(
        None,
        description="Directory for the worker's local Faust state; default: '<group id>-data' in the working "
        "directory (Faust's default).",
    )
    partitions: int = Field(4, ge=1, description="Partitions of the topics this app creates.")
    replication_factor: int = Field(1, ge=1, description="Replication factor of the topics this app creates.")
    screening_processes: int = Field(
        1,
        ge=0,
        le=1,
        description="1: screen in a child process so that Faust's event loop and screening use two cores; "
        "0: screen on the event loop.",
    )
    max_batches_in_flight: int = Field(3, ge=1, description="Batches screened but not yet acknowledged.")
    screening_timeout_s: float = Field(
        120.0,
        gt=0,
        description="A batch the screening process has not answered after this many seconds counts as a hang: "
        "the process is restarted and the batch screened again in halves, so that an event that hangs it "
        "ends up alone in the dead-letter topic. Well above the time of a batch of novel structures.",
    )
    screening_answer_interval_s: float = Field(
        1.0,
        gt=0,
        description="The screening process answers a batch in parts, one each time it has screened for this many "
        "seconds, so that their outputs are delivered and their offsets acknowledged as it goes: a batch of many "
        "slow events holds the stream for about this long plus one event's time budget, not for the whole batch.",
    )
    batch_size: int = Field(
        2000,
        ge=1,
        description="Events screened per batch (stream.noack_take); larger batches cost Faust less per event.",
    )
    batch_within_s: float = Field(0.05, gt=0, description="Longest wait for a batch to fill, in seconds.")
    stream_linger_s: float = Field(
        0.002,
        ge=0,
        le=0.1,
        description="When the screening agent has taken every event Faust has handed over, wait this long "
        "(seconds) before taking the next, so that Faust hands over several at once instead of waking the agent "
        "once per event. Adds at most this much latency per wait. 0: off.",
    )
    producer_max_batch_bytes: int = Field(
        1 << 20,
        ge=16384,
        description="Largest record batch the worker produces, in bytes. Outputs go out as one batch per "
        "partition per screened batch where they fit (small batches cost a broker round trip each); the "
        "default stays under Apache Kafka's default max.message.bytes (1048588): lower it for topics "
        "configured smaller.",
    )
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="Kafka security protocol."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        "PLAIN", description="SASL mechanism when the protocol is SASL_*."
    )
    sasl_username: str | None = Field(None, description="SASL user name.")
    sasl_password: SecretStr | None = Field(None, description="SASL password (never logged).")
    ssl_cafile: str | None = Field(None, description="CA bundle to verify the brokers (TLS).")
    ssl_certfile: str | None = Field(None, description="Client certificate (mutual TLS).")
    ssl_keyfile: str | None = Field(None, description="Client private key (mutual TLS).")
    connect_timeout_s: float = Field(
        5.0,
        gt=0,
        description="Seconds a command waits for its first connection to the broker before it says the broker "
        "cannot be reached (produce, flags, watchlist publish; the worker checks once before it starts).",
    )
    metrics_port: int = Field(9464, ge=0, le=65535, description="Port of /metrics, /healthz and /readyz (0 = off).")
    metrics_host: str = Field("127.0.0.1", description="Address the metrics server binds to.")
    metrics_tls_certfile: str | None = Field(
        None,
        description="Certificate (PEM) to serve /metrics, /healthz and /readyz over HTTPS; with metrics_tls_keyfile.",
    )
    metrics_tls_keyfile: str | None = Field(None, description="Private key (PEM) of metrics_tls_certfile.")
    metrics_basic_auth_user: str | None = Field(
        None,
        description="User that /metrics requires (HTTP basic authentication, as Prometheus' basic_auth sends it); "
        "the health endpoints stay open for probes. Needs PRECWATCH_METRICS_BASIC_AUTH_PASSWORD.",
    )
    metrics_basic_auth_password: SecretStr | None = Field(
        None, description="Password of metrics_basic_auth_user (from the environment only; never logged)."
    )
    log_level: Literal["debug", "info", "warning", "error", "critical"] = Field(
        "info", description="Log level for the worker."
    )

    # --- stateful signals (issue 12; docs/intelligence.md) -------------------------------------------
    stateful_signals: bool = Field(
        True,
        description="Compute the signals seen across events (split shipments, synthesis kits, new traders, "
        "repeated masks) on Faust tables and write follow-up flags; false: each event is judged alone.",
    )
    topic_observations: str = Field(
        "precursor.observations",
        description="Internal: what the stateful signals need of each event with precursor chemistry, keyed by "
        "consignee, linked name or address, consignor and substance.",
    )
    table_store: Literal["auto", "memory", "rocksdb"] = Field(
        "auto",
        description="Where the stateful signals' tables live: 'memory' (rebuilt from their changelog topics on "
        "start), 'rocksdb' (on disk under data_dir, needs the rocksdict package), 'auto': memory with the "
        "embedded profile, rocksdb with the kafka profile.",
    )
    intelligence_window_days: float = Field(
        30.0, gt=0, le=366, description="Rolling event-time window of split shipments and synthesis kits, in days."
    )
    intelligence_lateness_hours: float = Field(
        48.0,
        ge=0,
        le=24 * 30,
        description="Allowed lateness: how long, beyond the rolling window, each consignee, name, address, "
        "consignor or substance keeps its events before its newest one. An event older than the newest by "
        "more than the window and this is late: left out of the stateful signals (it is screened all the "
        "same); any newer one is counted whatever order it arrives in.",
    )
    split_threshold_kg: float = Field(
        100.0,
        gt=0,
        description="Operational (not legal) cumulative quantity per consignee and substance or family within the "
        "window above which consignments that each stay below it raise SPLIT_SHIPMENT; a legal threshold "
        "recorded in the watchlist (threshold_kg) takes precedence; split_thresholds_kg overrides per entry.",
    )
    split_thresholds_kg: dict[str, float] = Field(
        default_factory=dict,
        description="Operational split-shipment thresholds (kg) per watchlist entry or family id (JSON), e.g. "
        '{"EU2B-PHENYLACETIC-ACID": 5}.',
    )
    new_trader_min_severity: Literal["info", "low", "medium", "high", "critical"] = Field(
        "medium",
        description="NEW_TRADER is raised when a never-seen consignee or consignor declares precursor chemistry "
        "flagged at least this severe on its own (first imports of commodity chemicals are routine).",
    )
    trader_memory_days: float = Field(
        400.0,
        gt=0,
        description="Event-time days a consignee, consignor, name, address or substance is remembered after its "
        "last sighting (what 'never seen before' means); then its state is dropped, which bounds memory.",
    )
    trader_history_since: date | None = Field(
        None,
        description="The first day of the trade history the stateful layer holds (YYYY-MM-DD): a fresh "
        "deployment's first day, or the earliest declaration seeded into it (docs/intelligence.md). Until a "
        "window and the allowed lateness have passed after it, a party cannot be told from one that traded "
        "just before: NEW_TRADER is not raised for a party first seen then (warm-up), and later its detail "
        "says 'first seen: no history before <date>' while the trader memory reaches back before it. Unset: "
        "the history is taken as complete, every party is judged against the whole trader memory.",
    )
    routes_path: str | None = Field(
        None, description="Synthesis routes JSON to load instead of the bundled chemistry/data/routes.json."
    )
    # --- information repository (issue 12: one current record per substance) --------------------------
    topic_repository_sightings: str = Field(
        "precursor.repository.sightings",
        description="Audit topic: one information-repository record per sighting, keyed by substance (what the "
        "repository topic held before it became one record per substance).",
    )
    repository_distinct_values: int = Field(
        20,
        ge=1,
        le=1000,
        description="Distinct values a substance record keeps per list (names, CAS numbers, CN codes, "
        "descriptions, countries, methods): the first seen; the record's `capped` names the lists that are full.",
    )
    repository_recent_sightings: int = Field(
        20,
        ge=1,
        le=1000,
        description="Most recent sightings and flag ids a substance record keeps (every sighting stays on the "
        "audit topic).",
    )
    repository_remembered_sightings: int = Field(
        10_000,
        ge=100,
        description="Sighting ids (event id + item line) the repository remembers per substance, so that a "
        "re-delivered sighting is counted once. A sighting re-delivered after more newer sightings of the same "
        "substance than this would count twice: keep it above max_batches_in_flight x batch_size.",
    )
    repository: bool = Field(
        True,
        description="Publish sightings and keep the information repository (precursor.repository and its audit "
        "topic); false: flags only, no repository records (to measure the repository's cost, or where another "
        "system keeps the record).",
    )

    # --- automatic retro-screening (issue 12; docs/retro-screening.md) ---------------------------------
    retro_screening_window: str = Field(
        "30d",
        pattern=r"^\s*\d+(?:\.\d+)?\s*[smhd]\s*$",
        description="How far back `precwatch rescreen --on-watchlist-change` re-screens the transactions topic "
        "when a new watchlist version is published (a duration: 30s, 10m, 2h, 7d); at most the topic's retention.",
    )

    # --- investigator workbench (`precwatch web`; docs/workbench.md) --------------------------------
    topic_cases: str = Field(
        "precursor.cases",
        description="Compacted topic of case histories, keyed by flag id (written and read by the workbench).",
    )
    web_db: str | None = Field(
        None,
        description="Workbench database URL (sqlite:///PATH or postgresql+psycopg://USER@HOST/DB; the password "
        "from PGPASSWORD or ~/.pgpass); default: workbench.db in data_dir, else in the working directory.",
    )
    web_host: str = Field("127.0.0.1", description="Address the workbench binds to.")
    web_port: int = Field(8080, ge=1, le=65535, description="Port of the workbench.")
    web_cookie_secure: bool | None = Field(
        None,
        description="Send the session cookie only over HTTPS; default: yes unless the workbench binds to a "
        "loopback address (behind a TLS proxy, set true).",
    )
    web_session_secret: SecretStr | None = Field(
        None,
        description="Key that signs session cookies (from the environment only; several workbench instances "
        "share it); default: a random key kept in the database.",
    )
    web_trusted_user_header: str | None = Field(
        None,
        description="HTTP header carrying the user name set by a trusted reverse proxy (e.g. X-Remote-User); "
        "only when the proxy strips it from client requests. Default: local log-in.",
    )
    web_worker_urls: str = Field(
        "http://127.0.0.1:9464",
        description="Comma-separated base URLs of the workers' /healthz, /readyz and /metrics (Operations page).",
    )

    # --- stateful signals' runtime (issue 12: throughput; docs/intelligence.md) -----------------------
    intelligence_batch_size: int = Field(
        1000,
        ge=1,
        description="Observations the stateful signals apply per batch, at most (taken as messages of up to 50 "
        "observations each): a key's state is decoded and written to its changelog once per batch however many of "
        "its observations the batch holds. A batch is computed on the worker's event loop, which also sends the "
        "consumer's heartbeats: keep it well under a second.",
    )
    intelligence_batch_within_s: float = Field(
        0.1,
        gt=0,
        le=10,
        description="Longest wait for a batch of observations to fill, in seconds: up to this much delay on "
        "follow-up flags, and on the last observations of a burst; the states are written once per "
        "PRECWATCH_INTELLIGENCE_FLUSH_S whatever the batches.",
    )
    # --- stateful signals: states written once per interval (issue 12: throughput) ----------------------
    intelligence_flush_s: float = Field(
        2.0,
        gt=0,
        le=30,
        description="How often the stateful signals write their states (one changelog record per key changed "
        "since) and acknowledge the observations applied meanwhile, in seconds; follow-up flags are sent after "
        "every batch all the same. Longer writes a busy key's state less often; after a crash or a rebalance, "
        "up to this much of observations is applied again (the same follow-up flags, with the same ids).",
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_case_level(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    @property
    def broker_hosts(self) -> list[str]:
        """'kafka://a:9092,b:9092' -> ['a:9092', 'b:9092'] for plain Kafka clients."""
        return [u.strip().removeprefix("kafka://") for u in self.broker.split(",") if u.strip()]

    def environment(self) -> dict[str, str]:
        """The settings given (not defaulted) as PRECWATCH_* variables, which ``from_env`` reads back:
        for a process that reads its settings from the environment (the Faust worker). The password is
        left out: it only ever comes from the environment, where that process finds it already."""
        env: dict[str, str] = {}
        for name in sorted(self.model_fields_set):
            value = getattr(self, name)
            if value is None or isinstance(value, SecretStr):  # secrets: only ever from the environment
                continue
            env[ENV_PREFIX + name.upper()] = json.dumps(value) if isinstance(value, dict) else str(value)
        return env

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Read PRECWATCH_<FIELD> variables (JSON for dict fields); explicit overrides win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            raw = env.get(ENV_PREFIX + name.upper())
            if raw is None:
                continue
            if get_origin(info.annotation) is dict:
                try:
                    values[name] = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise ConfigError(f"invalid settings: {ENV_PREFIX}{name.upper()} is not JSON ({exc})") from exc
            else:
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigError(f"invalid settings: {describe_errors(exc)}") from exc


def describe_errors(error: ValidationError) -> str:
    """One line: 'partitions: Input should be ... (given: 'zero')'; a secret's value is never shown."""
    parts = []
    for problem in error.errors():
        field = ".".join(str(p) for p in problem["loc"]) or "settings"
        given = "" if field == "sasl_password" else f" (given: {problem.get('input')!r})"
        parts.append(f"{field}: {problem['msg']}{given}")
    return "; ".join(parts)
