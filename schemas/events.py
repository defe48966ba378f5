"""Transaction events: what customs and trade systems send (one Kafka message / one JSONL line)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SCHEMA_VERSION = 1

# ASCII digits only: a Unicode \d also takes fullwidth digits, which no tariff code matches.
_CN_RE = re.compile(r"^\d{6}(\d{2})?$", re.ASCII)

# Checked by pydantic-core itself (no Python call per field: events are validated on the hot path).
Country = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 country code."),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)


class Party(_Model):
    name: str = Field(description="Trader name as declared (personal data: never logged).")
    eori: str | None = Field(default=None, description="EORI number, if any.")
    country: Country | None = None


class Transport(_Model):
    mode: Literal["sea", "air", "road", "rail", "post", "courier"]
    dispatch_country: Country | None = None
    destination_country: Country | None = None
    transit_countries: list[Country] = Field(default_factory=list)
    port_of_entry: str | None = Field(default=None, description="Customs office or port code.")


class Value(_Model):
    amount: float = Field(ge=0)
    currency: str = Field(min_length=3, max_length=3, description="ISO 4217 currency code.")

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class GoodsItem(_Model):
    line: int = Field(ge=1, description="Goods item number within the declaration.")
    cn_code: str | None = Field(
        default=None, description="8-digit CN or 6-digit HS code; spaces and dots are tolerated."
    )
    description: str = Field(default="", description="Free text as declared.")
    cas: str | None = None
    name: str | None = None
    smiles: str | None = None
    inchi: str | None = None
    quantity: float | None = Field(default=None, ge=0)
    unit: Literal["kg", "g", "t", "l", "ml", "item"] | None = None
    net_mass_kg: float | None = Field(default=None, ge=0)
    value: Value | None = None
    origin_country: Country | None = None

    @field_validator("cn_code")
    @classmethod
    def _normalise_cn(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        code = value.replace(" ", "").replace(".", "")
        if not _CN_RE.match(code):
            raise ValueError(f"'{value}' is not an 8-digit CN or 6-digit HS code")
        return code


class TransactionEvent(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str = Field(min_length=1, max_length=200, description="Unique id; idempotency key.")
    declaration_id: str = Field(min_length=1, max_length=200, description="e.g. an MRN.")
    source: str = Field(description="Producing system, e.g. 'NL-AGS' or 'express-hub-LGG'.")
    kind: Literal["import", "export", "transit", "intra_eu", "postal", "express"]
    occurred_at: datetime = Field(description="RFC 3339 timestamp with offset.")
    consignor: Party
    consignee: Party
    declarant: Party | None = None
    transport: Transport
    items: list[GoodsItem] = Field(min_length=1, max_length=999)

    @field_validator("occurred_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("occurred_at must carry a UTC offset (RFC 3339)")
        return value
