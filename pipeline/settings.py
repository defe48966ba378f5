"""One settings object, read from ``PRECWATCH_*`` environment variables, passed down explicitly."""

from __future__ import annotations

import json
import os
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import ConfigError

ENV_PREFIX = "PRECWATCH_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # --- screening -----------------------------------------------------------------------------
    similarity_threshold: float = Field(
        0.7, ge=0, le=1, description="Tanimoto threshold for the similarity method (calibrated, see README)."
    )
    unmask_max_steps: int = Field(3, ge=1, le=5, description="Maximum conversion steps for unmasking.")
    unmask_time_budget_s: float = Field(0.25, gt=0, description="Wall-clock cap for unmasking one structure.")
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
    cache_size: int = Field(100_000, ge=100, description="Structures kept in the screening cache.")
    watchlist_path: str | None = Field(None, description="Watchlist CSV to load instead of the bundled one.")

    # --- Kafka and worker (used by the streaming pipeline) --------------------------------------
    broker: str = Field("kafka://127.0.0.1:9092", description="Broker URL(s), comma-separated.")
    log_level: str = Field("info", description="Log level for the worker.")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Read PRECWATCH_<FIELD> variables (JSON for dict fields); explicit overrides win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, info in cls.model_fields.items():
            raw = env.get(ENV_PREFIX + name.upper())
            if raw is None:
                continue
            values[name] = json.loads(raw) if info.annotation is dict[str, float] else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigError(f"invalid settings: {exc}") from exc
