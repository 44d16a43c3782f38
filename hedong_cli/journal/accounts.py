"""The web desk's accounts, kept in the journal's database (migration 5 of ``schema.py``).

An account is a unit's liaison (it reports for one unit) or the office. Its password is kept only as an
scrypt hash (``hashlib.scrypt``, in the standard library: no dependency, and memory-hard like argon2);
a new or reset password must be changed at the first login; repeated failures lock the account for a while.
The functions take an open journal (``open_writer``) and run each change in its own transaction.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from hedong_cli.common.errors import InputError
from hedong_cli.common.messages import t
from hedong_cli.common.rules import check_name
from hedong_cli.journal.base import Journal

# scrypt's cost: 2**14 × 8 × 128 bytes = 16 MB of memory and about 50 ms per hash, as OWASP advises for scrypt.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 200
LOCK_AFTER_FAILURES = 5  # failed logins in a row that lock an account
LOCK_MINUTES = 15

_FIELDS = "name, unit, office, password_hash, must_change, disabled, failed_logins, locked_until"


@dataclass(frozen=True)
class Account:
    name: str
    unit: str | None  # None: the office
    office: bool
    password_hash: str
    must_change: bool
    disabled: bool
    failed_logins: int
    locked_until: str | None

    @classmethod
    def from_row(cls, row: tuple[object, ...]) -> Account:
        name, unit, office, hashed, must_change, disabled, failed, locked = row
        return cls(
            str(name),
            unit and str(unit),
            bool(office),
            str(hashed),
            bool(must_change),
            bool(disabled),
            int(failed),
            locked and str(locked),  # type: ignore[call-overload]
        )

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and datetime.fromisoformat(self.locked_until) > now


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=_MAXMEM)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encoded[0]}${encoded[1]}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or (int(n), int(r), int(p)) != (SCRYPT_N, SCRYPT_R, SCRYPT_P):
            return False
        expected = base64.b64decode(digest)
        found = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=_MAXMEM
        )
    except (ValueError, UnicodeError):
        return False
    return hmac.compare_digest(found, expected)


def new_password() -> str:
    """A one-time password: 16 characters a person can copy, from the system's secure random source."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


def check_password(password: str) -> str:
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise InputError(t("password_length", min=MIN_PASSWORD_CHARS, max=MAX_PASSWORD_CHARS))
    return password


def _now() -> datetime:
    return datetime.now(timezone.utc)


def get(journal: Journal, name: str, *, for_share: bool = False) -> Account | None:
    """The account called ``name``, or None. With ``for_share`` (inside a write transaction), on PostgreSQL the
    row is locked until the transaction ends, so a ``hedong user disable`` or ``reset`` waits for the write it
    would otherwise race under READ COMMITTED: once it returns, no write of the old session can still commit.
    (A SQLite write transaction already holds the file's write lock from its start.)"""
    lock = " FOR SHARE" if for_share and journal.backend == "postgresql" else ""
    rows = journal._rows(f"SELECT {_FIELDS} FROM accounts WHERE name = %(name)s{lock}", {"name": name})
    return Account.from_row(rows[0]) if rows else None


def stamp(account: Account) -> str:
    """What a web session opened on ``account`` holds to: its password hash, unit and office flag, digested (the
    desk's memory keeps no hash). A reset or changed password, or a re-mapped account, makes a new stamp, and a
    session whose stamp differs from its account's is over (``web/app.py``)."""
    what = "\0".join((account.password_hash, account.unit or "", "office" if account.office else ""))
    return hashlib.sha256(what.encode()).hexdigest()


def holds(account: Account | None, session_stamp: str) -> bool:
    """Whether a session opened with ``session_stamp`` still holds on ``account`` (as read now): the account
    exists, is not disabled, and its stamp is the same. The one check of the desk's every request and, inside
    the transaction, of its every write; compared in constant time, as any secret-derived value is."""
    if account is None or account.disabled:
        return False
    return hmac.compare_digest(stamp(account).encode(), session_stamp.encode())


def listing(journal: Journal) -> list[Account]:
    return [Account.from_row(row) for row in journal._rows(f"SELECT {_FIELDS} FROM accounts ORDER BY name")]


def add(journal: Journal, name: str, unit: str | None, password: str, *, must_change: bool = True) -> Account:
    name = check_name(t("field_account"), name)
    if not name:
        raise InputError(t("account_name_empty"))
    if unit is not None:
        unit = check_name(t("field_unit"), unit)
        if not unit:
            raise InputError(t("account_unit_empty"))
    check_password(password)
    with journal.atomic():
        if get(journal, name) is not None:
            raise InputError(t("account_exists", name=name))
        journal._rows(
            "INSERT INTO accounts (name, unit, office, password_hash, must_change, created_at)"
            " VALUES (%(name)s, %(unit)s, %(office)s, %(hash)s, %(must)s, %(now)s)",
            {
                "name": name,
                "unit": unit,
                "office": int(unit is None),
                "hash": hash_password(password),
                "must": int(must_change),
                "now": _now().isoformat(),
            },
        )
        account = get(journal, name)
    assert account is not None
    return account


def _existing(journal: Journal, name: str) -> Account:
    account = get(journal, name)
    if account is None:
        raise InputError(t("account_unknown", name=name))
    return account


def set_password(journal: Journal, name: str, password: str, *, must_change: bool) -> None:
    """A new password (``user reset``, or the change at first login); it also unlocks the account."""
    store_password(journal, name, new_password_hash(password), must_change=must_change)


def new_password_hash(password: str) -> str:
    """``password`` checked and hashed: the slow part of a change, done before any journal is held."""
    check_password(password)
    return hash_password(password)


def store_password(journal: Journal, name: str, password_hash: str, *, must_change: bool) -> None:
    with journal.atomic():
        _existing(journal, name)
        journal._rows(
            "UPDATE accounts SET password_hash = %(hash)s, must_change = %(must)s, failed_logins = 0,"
            " locked_until = NULL WHERE name = %(name)s",
            {"hash": password_hash, "must": int(must_change), "name": name},
        )


def disable(journal: Journal, name: str) -> None:
    with journal.atomic():
        _existing(journal, name)
        journal._rows("UPDATE accounts SET disabled = 1 WHERE name = %(name)s", {"name": name})


def login(
    journal: Journal, name: str, password: str, *, writer: Callable[[], AbstractContextManager[Journal]] | None = None
) -> Account | None:
    """The account if ``password`` is its password and it is neither disabled nor locked; else None.

    A failure counts against the account; the LOCK_AFTER_FAILURES-th in a row locks it for LOCK_MINUTES.
    An unknown name costs a hash too, so the time taken does not tell which names exist. The slow hash is
    computed outside the write transaction, which then only counts (so forty logins at once queue briefly).
    With ``writer`` (the web desk's pool), ``journal`` only reads and the count is written through a journal
    taken from ``writer`` afterwards, so the desk's one writer is never held while a password is hashed."""
    now = _now()
    account = get(journal, name)
    if account is None:
        verify_password(password, _unknown())
        return None
    if account.disabled or account.locked(now):
        verify_password(password, account.password_hash)  # a hash as for any other name: the time tells nothing
        return None
    writing = writer() if writer is not None else nullcontext(journal)
    if verify_password(password, account.password_hash):
        if account.failed_logins:
            with writing as written, written.atomic():
                written._rows("UPDATE accounts SET failed_logins = 0 WHERE name = %(name)s", {"name": name})
        return account
    with writing as written, written.atomic():
        written._rows("UPDATE accounts SET failed_logins = failed_logins + 1 WHERE name = %(name)s", {"name": name})
        written._rows(
            "UPDATE accounts SET failed_logins = 0, locked_until = %(until)s"
            " WHERE name = %(name)s AND failed_logins >= %(limit)s",
            {"until": (now + timedelta(minutes=LOCK_MINUTES)).isoformat(), "name": name, "limit": LOCK_AFTER_FAILURES},
        )
    return None


@functools.cache
def _unknown() -> str:
    """What an unknown name's password is checked against (made once, when first needed)."""
    return hash_password(secrets.token_urlsafe(16))
