"""Who may change the watchlist: Ed25519 signatures on watchlist manifests, and downgrade approval.

Anyone who can write to the watchlist topic could otherwise publish a consistent watchlist without
BMK, and every worker would switch to it. A manifest is therefore signed by the publisher's private
key; workers hold the public keys they trust and refuse a manifest that is unsigned, signed by a key
they do not know, or whose signature does not verify. Removing or weakening a Category 1 entry or a
controlled drug additionally needs an approval written into the signed manifest at publish time
(``precwatch watchlist publish --allow-downgrade``), so a stolen publishing habit cannot do it by
accident and a reviewer sees it in the manifest.

Ed25519 from the ``cryptography`` package: a maintained, audited implementation with small keys
that fit in an environment variable (``PRECWATCH_WATCHLIST_TRUSTED_KEYS``).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from chemistry.watchlist import Watchlist
from schemas.records import WatchlistUpdate

# Domain separation: a signature over a watchlist manifest can never be replayed as anything else.
_SIGNING_CONTEXT = b"precursor-watch watchlist manifest v1\n"


@dataclass(frozen=True)
class WatchlistTrust:
    """The public keys a worker accepts watchlist manifests from (key id -> key)."""

    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)
    allow_unsigned: bool = False  # local runs and demos only: any manifest is accepted


def compute_key_id(public_key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def encode_public_key(public_key: Ed25519PublicKey) -> str:
    """The raw 32-byte public key in base64: what PRECWATCH_WATCHLIST_TRUSTED_KEYS lists."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def parse_trusted_keys(text: str) -> tuple[dict[str, Ed25519PublicKey], list[str]]:
    """Comma-separated base64 public keys -> ({key id: key}, [problems])."""
    keys: dict[str, Ed25519PublicKey] = {}
    problems: list[str] = []
    for position, item in enumerate((p.strip() for p in text.split(",")), start=1):
        if not item:
            continue
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(item, validate=True))
        except ValueError:
            problems.append(f"trusted watchlist key {position} is not a base64 Ed25519 public key")
            continue
        keys[compute_key_id(key)] = key
    return keys, problems


def generate_signing_key() -> tuple[bytes, str]:
    """A new key pair: (private key as unencrypted PKCS#8 PEM, public key in base64)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem, encode_public_key(private.public_key())


def load_signing_key(pem: bytes) -> tuple[Ed25519PrivateKey | None, str]:
    """A private key from PEM, or (None, reason). The reason never quotes the file."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        return None, "the signing key is not an unencrypted PEM private key"
    if not isinstance(key, Ed25519PrivateKey):
        return None, "the signing key is not an Ed25519 key"
    return key, ""


def signed_bytes(update: WatchlistUpdate) -> bytes:
    """What a signature covers: every field of the manifest except the signature itself."""
    body = update.model_dump(mode="json", exclude={"signature", "key_id"})
    return _SIGNING_CONTEXT + orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def sign_update(update: WatchlistUpdate, key: Ed25519PrivateKey) -> WatchlistUpdate:
    signature = key.sign(signed_bytes(update))
    return update.model_copy(
        update={"signature": base64.b64encode(signature).decode(), "key_id": compute_key_id(key.public_key())}
    )


def check_signature(update: WatchlistUpdate, trust: WatchlistTrust) -> str:
    """ "" when the manifest may be applied, else why not."""
    if update.signature is None or update.key_id is None:
        return "" if trust.allow_unsigned else "unsigned watchlist update"
    key = trust.keys.get(update.key_id)
    if key is None:
        if trust.allow_unsigned:
            return ""
        return f"watchlist update signed by key {update.key_id}, which this worker does not trust"
    try:
        key.verify(base64.b64decode(update.signature, validate=True), signed_bytes(update))
    except (InvalidSignature, ValueError):
        return f"watchlist update with a signature that does not verify (key {update.key_id})"
    return ""


def find_downgrades(current: Watchlist, new: Watchlist) -> list[str]:
    """Ids of Category 1 entries and controlled drugs that ``new`` removes or weakens: gone, moved
    to another category or tier, or given another structure."""
    new_by_id = {c.id: c for c in new.entries}
    downgrades = []
    for entry in current.entries:
        if entry.entry.category != "1" and entry.entry.tier != "drug":
            continue
        replacement = new_by_id.get(entry.id)
        if (
            replacement is None
            or replacement.entry.category != entry.entry.category
            or replacement.entry.tier != entry.entry.tier
            or replacement.std.key != entry.std.key
        ):
            downgrades.append(entry.id)
    return downgrades


def check_downgrades(update: WatchlistUpdate, current: Watchlist, new: Watchlist) -> str:
    """ "" when every downgrade the update makes was approved at publish time, else why not."""
    missing = [d for d in find_downgrades(current, new) if d not in update.downgrades_approved]
    if not missing:
        return ""
    shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
    return f"watchlist update removes or weakens {len(missing)} Category 1 or drug entries without approval ({shown})"
