"""Transaction events: what customs and trade systems send (one Kafka message / one JSONL line)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SCHEMA_VERSION = 1

# ASCII digits only: a Unicode \d also takes fullwidth digits, which no tariff code matches.
_CN_RE = re.compile(r"^\d{6}(\d{2})?$", re.ASCII)
_RFC3339_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$", re.ASCII)

# Checked by pydantic-core itself (no Python call per field: events are validated on the hot path).
Country = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$"),
    Field(description="ISO 3166-1 alpha-2 country code."),
]


# Above any real consignment (kg, litres, items, currency units): a larger number is an error or an
# attack, and refusing it keeps arithmetic on it (value per kg) meaningful.
MAX_AMOUNT = 1e12


class _Model(BaseModel):
    # NaN and infinities (JSON's NaN, Infinity, 1e999) are refused: NaN passes every threshold check.
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)


class Party(_Model):
    name: str = Field(description="Trader name as declared (personal data: never logged).")
    eori: str | None = Field(default=None, description="EORI number, if any.")
    country: Country | None = None
    # --- issue 12: linking consignees that share an address (docs/intelligence.md)
    address: str | None = Field(
        default=None, max_length=500, description="Postal address as declared (personal data: never logged)."
    )


class Transport(_Model):
    mode: Literal["sea", "air", "road", "rail", "post", "courier"]
    dispatch_country: Country | None = None
    destination_country: Country | None = None
    transit_countries: list[Country] = Field(default_factory=list)
    port_of_entry: str | None = Field(default=None, description="Customs office or port code.")


class Value(_Model):
    amount: float = Field(ge=0, le=MAX_AMOUNT)
    currency: str = Field(min_length=3, max_length=3, description="ISO 4217 currency code.")

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class GoodsItem(_Model):
    line: int = Field(ge=1, le=99_999, strict=True, description="Goods item number within the declaration.")
    cn_code: str | None = Field(
        default=None, description="8-digit CN or 6-digit HS code; spaces and dots are tolerated."
    )
    description: str = Field(default="", description="Free text as declared.")
    cas: str | None = None
    name: str | None = None
    smiles: str | None = None
    inchi: str | None = None
    quantity: float | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    unit: Literal["kg", "g", "t", "l", "ml", "item"] | None = None
    net_mass_kg: float | None = Field(default=None, ge=0, le=MAX_AMOUNT)
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
    occurred_at: datetime = Field(description="RFC 3339 timestamp with offset (a number is not taken for 1970).")
    consignor: Party
    consignee: Party
    declarant: Party | None = None
    transport: Transport
    items: list[GoodsItem] = Field(min_length=1, max_length=999)

    @field_validator("occurred_at", mode="before")
    @classmethod
    def _rfc3339(cls, value: object) -> object:
        # pydantic also reads numbers, and strings of digits, as seconds since 1970: refused here.
        if not isinstance(value, str) or not _RFC3339_RE.match(value):
            raise ValueError("occurred_at must be an RFC 3339 timestamp such as 2026-11-01T08:30:00Z")
        return value

    @field_validator("occurred_at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("occurred_at must carry a UTC offset (RFC 3339)")
        return value
