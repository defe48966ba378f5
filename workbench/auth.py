"""Users, roles and passwords.

Passwords are hashed with Argon2id (argon2-cffi): salted per hash, memory-hard, the algorithm
OWASP recommends first, with parameters stored in the hash so they can be raised later
(``needs_rehash``). Roles are ordered: an investigator can do what a viewer can, an admin what an
investigator can.
"""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import UsageError
from workbench.models import AppSecret, User
from workbench.store import utcnow

ROLES = ("viewer", "investigator", "admin")
USERNAME = re.compile(r"^[A-Za-z0-9._@-]{1,100}$")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# Verified when the user does not exist, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def may(role: str, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def add_user(session: Session, username: str, password: str, role: str, replace: bool = False) -> None:
    if not USERNAME.match(username):
        raise UsageError("a user name is 1-100 letters, digits and . _ @ -")
    if role not in ROLES:
        raise UsageError(f"role: one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password has at least {MIN_PASSWORD} characters")
    existing = session.get(User, username)
    if existing is not None and not replace:
        raise UsageError(f"user {username} exists (add --replace to set a new password and role)")
    hashed = _hasher.hash(password)
    if existing is None:
        session.add(User(username=username, password_hash=hashed, role=role, created_at=utcnow()))
    else:
        existing.password_hash, existing.role = hashed, role


def check_password(session: Session, username: str, password: str) -> User | None:
    """The user when the password is theirs, else None (same work either way)."""
    user = session.get(User, username) if USERNAME.match(username or "") else None
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def session_secret(session: Session) -> str:
    """The key that signs session cookies: made once, kept in the database (instances share it)."""
    row = session.get(AppSecret, "session")
    if row is None:
        row = AppSecret(name="session", value=secrets.token_urlsafe(48))
        session.add(row)
        session.flush()
    return row.value
