"""Identifier hygiene: CAS check digits, CN codes and names."""

from __future__ import annotations

import re

_CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
_CN_STRIP_RE = re.compile(r"[\s.]")
_NAME_STRIP_RE = re.compile(r"[\s\-_,'()\[\]]+")
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta"}

# Generic ("not elsewhere specified") CN codes under which designer precursors are typically declared.
# Such a code names no substance, so it is never read as the code of a listed one.
CATCH_ALL_CN = frozenset(
    {
        "29420000",
        "29329900",
        "29189990",
        "29333999",
        "29242970",
        "29269095",
        "29143900",
        "29147900",
        "29144090",
        "29042000",
        "29039980",
        "38249992",
        "38249993",
    }
)


def validate_cas(cas: str) -> tuple[str | None, str]:
    """Return (normalised CAS, "") or (None, reason). The check digit must hold."""
    text = cas.strip()
    match = _CAS_RE.match(text)
    if not match:
        return None, f"CAS number '{text}' is not of the form NNNNNNN-NN-N"
    digits = match.group(1) + match.group(2)
    check = sum(int(d) * (i + 1) for i, d in enumerate(reversed(digits))) % 10
    if check != int(match.group(3)):
        return None, f"CAS number '{text}' fails its check digit (expected {check})"
    return text, ""


def normalise_cn(code: str) -> str:
    """'2932 99 00', '2932.99.00', 'ex 2932 99 00' -> '29329900'. Non-digits other than separators stay."""
    text = code.strip().lower()
    if text.startswith("ex "):
        text = text[3:]
    return _CN_STRIP_RE.sub("", text)


def split_cn_codes(field: str) -> tuple[str, ...]:
    """A data-file CN field may hold several codes separated by ';'."""
    return tuple(c for c in (normalise_cn(p) for p in field.split(";")) if c)


def normalise_name(name: str) -> str:
    """Case-, space-, hyphen- and punctuation-insensitive name key."""
    text = name.strip().lower()
    for greek, latin in _GREEK.items():
        text = text.replace(greek, latin)
    return _NAME_STRIP_RE.sub("", text)
