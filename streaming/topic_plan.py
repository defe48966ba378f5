"""Every Kafka topic a deployment needs, with the configuration operations recommend for it.

The list is derived from the code, never kept by hand: the pipeline's topics from
``streaming.kafka.topic_specs`` (their configs there win: a topic the code compacts stays compacted),
and the topics Faust creates itself from the app: one changelog per table and the assignor's leader
topic. `precwatch topics` prints the plan and, with ``--create``, creates what is missing (the
deployment's topic-creation job runs that); docs/operations.md's topic table is generated from it.

Retention is a data-protection decision as much as a storage one: flags, dead letters and the input
carry traders' names and declaration ids, so they are kept only as long as their readers need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.settings import Settings
from streaming.kafka import topic_specs

DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicRole:
    """What a topic is for, who writes and reads it, and the configuration recommended for it."""

    purpose: str
    personal_data: str  # what of traders it holds, or "none"
    writers: tuple[str, ...]
    readers: tuple[str, ...]
    configs: dict[str, str] = field(default_factory=dict)
    reason: str = ""


@dataclass(frozen=True)
class PlannedTopic:
    name: str
    partitions: int
    replication_factor: int
    configs: dict[str, str]
    role: TopicRole


# Keyed by the Settings field that names the topic. A topic the code adds without a role here gets
# UNCLASSIFIED (kept 7 days, deleted after) until someone decides its retention.
ROLES: dict[str, TopicRole] = {
    "topic_transactions": TopicRole(
        "input: customs transaction events, keyed by declaration id",
        "trader names, addresses, EORI numbers",
        ("customs systems",),
        ("worker", "precwatch rescreen"),
        {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
        "long enough to screen again after an outage of a few days; not compacted (the workers check "
        "that offsets run on without holes)",
    ),
    "topic_flags": TopicRole(
        "output: flags for investigators, keyed by declaration id",
        "consignor, consignee and declarant (names, countries, EORI), declaration ids",
        ("worker", "precwatch rescreen"),
        ("investigators' case system", "precwatch flags", "workbench", "precwatch rescreen"),
        {"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
        "the case system copies flags within hours; 30 days covers its outages and audits, no longer "
        "than needed for a record that leads to a person",
    ),
    "topic_repository": TopicRole(
        "output: the information repository, one current record per substance, keyed by substance (InChIKey)",
        "declaration and event ids of recent sightings (no trader names)",
        ("worker",),
        ("information repository", "workbench", "precwatch repository"),
        {"cleanup.policy": "compact"},
        "compacted: the newest record per substance is the repository (docs/repository.md); its recent "
        "declaration ids stay as long as the substance does",
    ),
    "topic_repository_sightings": TopicRole(
        "output: audit record of every sighting, keyed by substance (InChIKey)",
        "declaration and event ids (no trader names)",
        ("worker",),
        ("information repository",),
        {"cleanup.policy": "delete", "retention.ms": str(365 * DAY_MS)},
        "the audit trail behind the repository's records; consumers may replay a year; records name "
        "substances, not traders",
    ),
    "topic_dead_letters": TopicRole(
        "output: records that could not be screened, with reason and original (at most 16 KiB)",
        "whatever the original record held: trader names included",
        ("worker",),
        ("analysts fixing producers", "precwatch dead-letters", "workbench"),
        {"cleanup.policy": "delete", "retention.ms": str(14 * DAY_MS)},
        "two weeks to find the producer's fault and resubmit; the originals are personal data",
    ),
    "topic_sightings": TopicRole(
        "internal: sightings keyed by structure, feeding the repository's substances table",
        "declaration and event ids",
        ("worker",),
        ("worker",),
        {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
        "only the workers read it, right after writing; co-partitioned with the input (same partition count)",
    ),
    "topic_watchlist": TopicRole(
        "the live watchlist: entries and signed manifests, read by every worker from the start",
        "none",
        ("watchlist publisher",),
        ("worker",),
        {"cleanup.policy": "compact", "min.compaction.lag.ms": str(DAY_MS)},
        "compacted: the newest manifest and entries stay for ever; one partition keeps them in order",
    ),
    # --- issue 12: the stateful signals (docs/intelligence.md)
    "topic_observations": TopicRole(
        "internal: what the stateful signals need of each event with precursor chemistry, keyed by consignee, "
        "linked name or address, consignor and substance",
        "trader names, addresses, EORI numbers, declaration ids",
        ("worker",),
        ("worker",),
        {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
        "only the workers read it, right after writing; the state it builds is in the table's changelog",
    ),
    # --- issue 13: the workbench's cases (docs/workbench.md)
    "topic_cases": TopicRole(
        "case histories (assignment, acknowledgement, dismissal with reason, comments), keyed by flag id",
        "investigators' user names and comments, which may name traders",
        ("workbench",),
        ("workbench",),
        {"cleanup.policy": "compact"},
        "compacted: each record carries its case's whole history, so the newest per flag id is the case; "
        "delete a case with a tombstone when its flag's retention ends",
    ),
}
# The stateful signals' table (streaming/intelligence_tables.py): its keys and values name traders.
INTELLIGENCE_CHANGELOG = TopicRole(
    "Faust: changelog of the stateful signals' table (state per consignee, name, address, consignor, substance)",
    "EORI numbers, normalised trader names and addresses, event, declaration and flag ids",
    ("worker",),
    ("worker",),
    {"cleanup.policy": "compact"},
    "compacted, as Faust expects: the newest value per key is the table; keys not seen for the trader memory "
    "(PRECWATCH_TRADER_MEMORY_DAYS) are deleted (tombstones), so it keeps no trader longer",
)
CHANGELOG = TopicRole(
    "Faust: changelog of a table (the repository's substance records), restores the table on another worker",
    "declaration and event ids of recent sightings (no trader names)",
    ("worker",),
    ("worker",),
    {"cleanup.policy": "compact"},
    "compacted, as Faust expects: the newest value per key is the table; partitions equal the table's",
)
LEADER = TopicRole(
    "Faust: the assignor's leader topic (one partition; whoever holds it leads the assignment)",
    "none",
    ("worker",),
    ("worker",),
    {"cleanup.policy": "delete", "retention.ms": str(DAY_MS)},
    "holds no records; Faust creates it with one partition",
)
UNCLASSIFIED = TopicRole(
    "a topic of the pipeline without a recommendation yet (streaming/topic_plan.py ROLES)",
    "unknown: treat as personal data",
    ("worker",),
    ("unknown",),
    {"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
    "no decision recorded: kept one week",
)


def topic_plan(settings: Settings, faust_topics: list[tuple[str, int]] | None = None) -> list[PlannedTopic]:
    """Every topic: the pipeline's (topic_specs) and Faust's own (``faust_topics``, default: asked of
    the app built from ``settings``)."""
    field_of = {getattr(settings, name): name for name in type(settings).model_fields if name.startswith("topic_")}
    plan = []
    for name, partitions, configs in topic_specs(settings):
        role = ROLES.get(field_of.get(name, ""), UNCLASSIFIED)
        recommended = dict(role.configs)
        if configs.get("cleanup.policy", "delete") != recommended.get("cleanup.policy", "delete"):
            recommended = {k: v for k, v in recommended.items() if not k.startswith("retention")}
        plan.append(PlannedTopic(name, partitions, settings.replication_factor, {**recommended, **configs}, role))
    for name, partitions in faust_topics if faust_topics is not None else faust_internal_topics(settings):
        role = LEADER if name.endswith("-__assignor-__leader") else CHANGELOG
        if name.endswith("-precwatch-intelligence-changelog"):  # issue 12
            role = INTELLIGENCE_CHANGELOG
        plan.append(PlannedTopic(name, partitions, settings.replication_factor, dict(role.configs), role))
    return plan


def faust_internal_topics(settings: Settings) -> list[tuple[str, int]]:
    """(name, partitions) of the topics Faust creates for the app: table changelogs and the leader topic."""
    from streaming.app import create_app
    from streaming.compat import leader_topic_name

    app = create_app(settings)
    changelogs = [t.changelog_topic for t in app.tables.values()]
    return [(t.get_topic_name(), t.partitions or settings.partitions) for t in changelogs] + [
        (leader_topic_name(app), 1)
    ]


def create_planned_topics(settings: Settings, plan: list[PlannedTopic], timeout_s: float = 60.0) -> list[str]:
    """Create the topics of ``plan`` the broker lacks, with their configs; return the names created.
    Existing topics are left as they are (their partitions and configs are the operator's). Retries
    while the broker comes up (a job started with the broker); BrokerUnavailable after ``timeout_s``."""
    import time

    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    from pipeline.errors import BrokerUnavailable
    from streaming.kafka import check_login, client_config

    check_login(settings)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            admin = KafkaAdminClient(client_id="precwatch-topics", **client_config(settings))
            break
        except KafkaError as error:
            if time.monotonic() > deadline:
                raise BrokerUnavailable(f"no broker answered at {settings.broker} ({type(error).__name__})") from error
            time.sleep(1.0)
    try:
        existing = set(admin.list_topics())
        missing = [t for t in plan if t.name not in existing]
        for topic in missing:  # one by one: a topic another job created meanwhile is no failure
            try:
                admin.create_topics(
                    [NewTopic(topic.name, topic.partitions, topic.replication_factor, topic_configs=topic.configs)]
                )
            except TopicAlreadyExistsError:
                continue
        return [t.name for t in missing]
    finally:
        admin.close()


def describe_plan(plan: list[PlannedTopic]) -> str:
    """One line per topic: name, partitions, replication factor and configs."""
    width = max(len(t.name) for t in plan)
    return "\n".join(
        f"{t.name:<{width}}  partitions={t.partitions:<3} replication={t.replication_factor}  "
        + " ".join(f"{k}={v}" for k, v in sorted(t.configs.items()))
        for t in plan
    )
