"""Information-repository records and watchlist updates (the other two Kafka contracts)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SightingIdentifiers(_Model):
    smiles: str | None = None
    inchikey: str | None = None
    cas: str | None = None
    name: str | None = None
    cn_code: str | None = None
    description: str = ""


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
