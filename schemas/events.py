"""Transaction events: what customs and trade systems send (one Kafka message / one JSONL line)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

# ASCII digits only ([0-9], not \d): a Unicode \d also takes fullwidth digits, which no tariff code
# matches. The patterns are written once for both engines: Python's re here, and pydantic-core's in
# decoding's quicker classes (pipeline/decode.py), which subclass these models and replace the checks
# made in Python (in the fields' types, not in decorators, which subclasses could not drop).
CN_CODE_PATTERN = r"^[0-9]{6}([0-9]{2})?$"
RFC3339_DATE_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
RFC3339_OFFSET = r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
_CN_RE = re.compile(CN_CODE_PATTERN)
_TARIC_RE = re.compile(r"^[0-9]{10}$")
_RFC3339_RE = re.compile(f"^{RFC3339_DATE_TIME}{RFC3339_OFFSET}?$")

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


def upper_currency(value: str) -> str:
    return value.upper()


class Value(_Model):
    amount: float = Field(ge=0, le=MAX_AMOUNT)
    currency: Annotated[
        str, Field(min_length=3, max_length=3, description="ISO 4217 currency code."), AfterValidator(upper_currency)
    ]


def normalise_cn_code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.replace(" ", "").replace(".", "")
    if _TARIC_RE.match(code):
        # A 10-digit TARIC code, as EU import declarations give the commodity code (the CN subheading and
        # the TARIC subdivision): its first eight digits are the CN code, the level the screening's scopes
        # (Category 4's headings, the watchlist's codes) are written at.
        return code[:8]
    if not _CN_RE.match(code):
        raise ValueError(f"'{value}' is not an 8-digit CN, 10-digit TARIC or 6-digit HS code")
    return code


DeclaredCnCode = Annotated[str | None, AfterValidator(normalise_cn_code)]


class GoodsItem(_Model):
    line: int = Field(ge=1, le=99_999, strict=True, description="Goods item number within the declaration.")
    cn_code: DeclaredCnCode = Field(
        default=None,
        description="8-digit CN or 6-digit HS code; spaces and dots are tolerated; a 10-digit TARIC code is read as "
        "its 8-digit CN code.",
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


def check_rfc3339(value: object) -> object:
    # pydantic also reads numbers, and strings of digits, as seconds since 1970: refused here.
    if not isinstance(value, str) or not _RFC3339_RE.match(value):
        raise ValueError("occurred_at must be an RFC 3339 timestamp such as 2026-11-01T08:30:00Z")
    return value


def require_offset(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("occurred_at must carry a UTC offset (RFC 3339)")
    return value


class TransactionEvent(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: str = Field(min_length=1, max_length=200, description="Unique id; idempotency key.")
    declaration_id: str = Field(min_length=1, max_length=200, description="e.g. an MRN.")
    source: str = Field(description="Producing system, e.g. 'NL-AGS' or 'express-hub-LGG'.")
    kind: Literal["import", "export", "transit", "intra_eu", "postal", "express"]
    occurred_at: Annotated[datetime, BeforeValidator(check_rfc3339), AfterValidator(require_offset)] = Field(
        description="RFC 3339 timestamp with offset (a number is not taken for 1970)."
    )
    consignor: Party
    consignee: Party
    declarant: Party | None = None
    transport: Transport
    items: list[GoodsItem] = Field(min_length=1, max_length=999)
