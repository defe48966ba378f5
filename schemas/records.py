"""Information-repository records and watchlist updates (the other two Kafka contracts)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from schemas.flags import PathStep


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SightingIdentifiers(_Model):
    smiles: str | None = None
    inchikey: str | None = None
    cas: str | None = None
    name: str | None = None
    cn_code: str | None = None
    description: str = ""
    formula: str | None = Field(default=None, description="Molecular formula of the screened structure.")


class ConversionEvidence(_Model):
    """An unmasking or family finding: what the substance converts to (or resembles) and how."""

    method: Literal["unmasking", "family"]
    entry_id: str = Field(description="The watchlist entry the conversion gives, or the family.")
    entry_name: str
    category: str
    legal_source: str = ""
    path: list[PathStep] = Field(default_factory=list, description="Conversion steps (unmasking), in order.")
    detail: str


class RepositoryRecord(_Model):
    """One sighting of a substance that matched the watchlist or could not be identified.

    Keyed on Kafka by ``structure_key``, so that the information repository shared by customs, police
    and the drugs agency can collect every sighting of one substance. Trader names are deliberately
    absent: the declaration id lets an authorised user go back to the declaration.
    """

    schema_version: Literal[1] = 1
    record_id: str = Field(description="Deterministic: the flag id scheme (event id, item line, watchlist version).")
    structure_key: str = Field(description="InChIKey, or 'id:<kind>:<value>' when no structure could be identified.")
    key_type: Literal["inchikey", "identifier"]
    resolved_by: str
    identifiers: SightingIdentifiers
    status: Literal["matched", "unresolved"]
    entry_id: str | None = Field(default=None, description="Strongest matched watchlist entry or family.")
    entry_name: str | None = None
    category: str | None = None
    method: str | None = Field(default=None, description="exact | unmasking | family | similarity | identifier")
    severity: str | None = Field(default=None, description="Severity of the flag, if the item was flagged.")
    declaration_id: str
    event_id: str
    item_line: int
    source: str
    kind: str
    dispatch_country: str | None = None
    destination_country: str | None = None
    origin_country: str | None = None
    net_mass_kg: float | None = None
    seen_at: datetime = Field(description="occurred_at of the declaration.")
    first_seen_at: datetime | None = Field(
        default=None, description="Earliest sighting of this structure key known to the pipeline."
    )
    watchlist_version: str
    novel_designer_precursor: bool = Field(
        default=False,
        description="The structure is not on the watchlist but unmasks to a listed substance or belongs to a "
        "precursor family (pipeline/flags.py is_novel_designer_precursor).",
    )
    evidence: list[ConversionEvidence] = Field(
        default_factory=list,
        description="The unmasking and family findings of a novel designer precursor (empty otherwise).",
    )


class WatchlistUpdate(_Model):
    """The manifest message on the compacted watchlist topic: the whole watchlist, atomically."""

    schema_version: Literal[1] = 1
    version: str
    as_of: str
    csv: str = Field(description="The watchlist CSV text (chemistry/data/watchlist.csv format).")
    published_at: datetime
    downgrades_approved: list[str] = Field(
        default_factory=list,
        description="Ids of Category 1 or drug entries this update removes or weakens, approved at publish time "
        "(precwatch watchlist publish --allow-downgrade); workers refuse any other such change.",
    )
    key_id: str | None = Field(
        default=None, description="Key id of the Ed25519 key that signed the manifest (first 16 hex of SHA-256)."
    )
    signature: str | None = Field(
        default=None,
        description="Base64 Ed25519 signature over every other field (pipeline/watchlist_trust.py signed_bytes).",
    )


class ItemVerdictRecord(_Model):
    """`precwatch screen --all-items`: one per goods item, flagged or not, so that an integrator can
    check that a legitimate item was identified (a flag says more about flagged items)."""

    schema_version: Literal[1] = 1
    event_id: str
    declaration_id: str
    item_line: int
    flagged: bool
    flag_id: str | None = Field(default=None, description="The flag's id when the item was flagged.")
    severity: str | None = None
    score: float
    resolved_by: str = Field(description="smiles | inchi | cas | name | cn_code | unresolved")
    name: str | None = Field(default=None, description="The substance's name, when known.")
    smiles: str | None = None
    inchikey: str | None = None
    source: str | None = Field(default=None, description="Where the identifier was found (Substance.source).")
    source_notes: list[str] = Field(default_factory=list, description="Sources that disagree (Substance.source_notes).")
    matches: list[str] = Field(default_factory=list, description="'<method>:<entry id>' of each finding.")
    signals: list[str] = Field(default_factory=list, description="Codes of the signals raised.")


# --- the information repository: one current record per substance (issue 12) -------------------------
class SightingRef(_Model):
    """One sighting in a substance record: enough to find the declaration, no trader data."""

    sighting_id: str = Field(description="Hash of event id and item line: the same for a re-delivered sighting.")
    event_id: str
    declaration_id: str
    item_line: int
    seen_at: datetime = Field(description="occurred_at of the declaration.")
    flag_id: str | None = Field(default=None, description="The flag raised on the item, if it was flagged.")
    severity: str | None = None
    net_mass_kg: float | None = None
    cn_code: str | None = None
    dispatch_country: str | None = None
    origin_country: str | None = None


class SubstanceRecord(_Model):
    """The current record of one substance on the compacted repository topic, keyed by ``substance_key``.

    Built by the repository agent from every sighting of the substance (pipeline/repository.py);
    the latest record per key is the whole state, so reading the topic from the start rebuilds the
    repository. Lists are bounded: each list of distinct values keeps the first values seen, up to the
    worker's repository_distinct_values setting (``capped`` names the lists that reached it); the
    sighting and flag id lists keep the most recent, up to repository_recent_sightings. The per-sighting
    records stay on the audit topic (topic_repository_sightings). Trader names are absent on purpose.
    """

    schema_version: Literal[1] = 1
    record_type: Literal["substance"] = "substance"
    substance_key: str = Field(description="InChIKey, or 'id:<kind>:<value>' when no structure could be identified.")
    key_type: Literal["inchikey", "identifier"]
    status: Literal["listed", "novel", "unresolved", "other"] = Field(
        description="listed: the substance is on the watchlist (exact or CN-code match); novel: a novel designer "
        "precursor (unmasks to a listed substance or belongs to a family, not itself listed); unresolved: no "
        "structure could be identified; other: flagged on similarity or signals only. From the most recently "
        "screened sighting."
    )
    smiles: str | None = None
    inchikey: str | None = None
    formula: str | None = None
    names: list[str] = Field(default_factory=list, description="Names declared or resolved (distinct, capped).")
    cas_numbers: list[str] = Field(
        default_factory=list, description="CAS numbers declared, normalised (check digit valid; distinct, capped)."
    )
    entry_id: str | None = Field(
        default=None, description="Strongest watchlist entry or family matched by the most recently screened sighting."
    )
    entry_name: str | None = None
    category: str | None = None
    method: str | None = Field(default=None, description="exact | unmasking | family | similarity | identifier")
    methods_seen: list[str] = Field(
        default_factory=list, description="'<method>:<entry id>' of every strongest match seen (distinct, capped)."
    )
    first_seen_at: datetime = Field(description="Earliest occurred_at of a sighting.")
    last_seen_at: datetime = Field(description="Latest occurred_at of a sighting.")
    first_sighting: SightingRef = Field(description="The sighting with the earliest occurred_at.")
    sightings: int = Field(ge=1, description="Distinct sightings (a re-delivered sighting counts once).")
    total_net_mass_kg: float = Field(description="Sum of the declared net mass (kg) of the sightings that gave one.")
    sightings_without_mass: int = Field(default=0, description="Sightings whose goods item declared no net mass.")
    cn_codes: list[str] = Field(default_factory=list, description="Declared CN codes (distinct, capped).")
    descriptions: list[str] = Field(
        default_factory=list, description="Declared goods descriptions (distinct, capped, each cut at 1,000 chars)."
    )
    dispatch_countries: list[str] = Field(default_factory=list, description="Distinct, capped.")
    origin_countries: list[str] = Field(default_factory=list, description="Distinct, capped.")
    flag_ids: list[str] = Field(
        default_factory=list, description="Ids of the flags raised on its sightings (most recent, capped)."
    )
    recent_sightings: list[SightingRef] = Field(
        default_factory=list,
        description="The most recent sightings by occurred_at (capped); every sighting is on the audit topic.",
    )
    capped: list[str] = Field(
        default_factory=list, description="Lists of this record that reached their cap: later values are not kept."
    )
    watchlist_version: str = Field(description="Watchlist version of the most recently screened sighting.")


class ConvertsTo(_Model):
    entry_id: str
    entry_name: str
    category: str
    legal_source: str = ""
    how: str = Field(description="The conversion in words: its rules in order, or the family.")


class ListingProposalDraft(_Model):
    """What a proposal to list the substance needs, drafted from the sightings; an analyst completes it."""

    smiles: str | None = None
    inchikey: str | None = None
    formula: str | None = None
    names: list[str] = Field(default_factory=list)
    cas_numbers: list[str] = Field(default_factory=list)
    converts_to: list[ConvertsTo] = Field(description="The listed substances or families it converts to, and how.")
    sightings: int
    first_sighting: SightingRef
    total_net_mass_kg: float
    dispatch_countries: list[str] = Field(default_factory=list)
    origin_countries: list[str] = Field(default_factory=list)
    to_complete: list[str] = Field(
        description="What the draft cannot say from declarations: for the analyst to add before proposing."
    )


class NovelDesignerPrecursorRecord(SubstanceRecord):
    """A substance not on the watchlist that unmasks to a listed substance or belongs to a precursor family:
    the early warning the monitoring authorities need to propose a listing."""

    record_type: Literal["novel_designer_precursor"] = "novel_designer_precursor"  # type: ignore[assignment]
    evidence: list[ConversionEvidence] = Field(description="Unmasking paths and family findings, strongest first.")
    listing_proposal: ListingProposalDraft


class RepositoryTopicRecord(RootModel):
    """A record of the compacted repository topic: a substance or a novel designer precursor."""

    root: Annotated[SubstanceRecord | NovelDesignerPrecursorRecord, Field(discriminator="record_type")]
