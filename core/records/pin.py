"""The practitioner's PIN: a salted scrypt hash in the database, wrong tries slowed down.

The back-off counts tries, not the wall clock: the number of wrong tries is stored, and the wait it
calls for is measured on this process's monotonic clock. After a restart the wait starts again in
full, so no change of the wall clock can skip it, or stretch it beyond MAX_WAIT_SECONDS.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select

from core.knowledge.ui import words
from core.records import processes
from core.records.database import get_state, set_state
from core.records.repository import Records
from core.records.schema import AppState

PIN_HASH = "practitioner_pin"
FAILURES = "pin_failures"
LEGACY_LOCKED_UNTIL = "pin_locked_until"  # the wall-clock back-off of earlier versions: ignored, removed
PATIENT_MODE = "patient_mode"  # one row per tablet, "patient_mode:<host>": see PinLock.patient_mode
MIN_DIGITS = 6
MAX_DIGITS = 12
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300
MAXMEM = 256 * 1024 * 1024  # scrypt needs 128 * n * r bytes: 128 MiB at OWASP's minimum
MonotonicClock = Callable[[], float]


class BadPin(ValueError):
    pass


@dataclass(frozen=True)
class ScryptCost:
    n: int
    r: int = 8
    p: int = 1

    def weaker_than(self, other: ScryptCost) -> bool:
        return self.n < other.n or self.r < other.r or self.p < other.p


OWASP_MINIMUM = ScryptCost(n=2**17, r=8, p=1)  # OWASP Password Storage Cheat Sheet, scrypt
# The cost of every new hash. Only the tests change it (monkeypatch, for speed); nothing a user sets.
COST = OWASP_MINIMUM


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    wait_seconds: float = 0.0
    must_change: bool = False  # right, but shorter than MIN_DIGITS: ask for a new PIN


def hash_secret(secret: str, cost: ScryptCost | None = None, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$digest`: the cost travels with the hash, so a stronger cost can come later."""
    cost = cost or COST
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=32, maxmem=MAXMEM)
    return f"scrypt${cost.n}${cost.r}${cost.p}${salt.hex()}${digest.hex()}"


def _parse(stored: str) -> tuple[ScryptCost, bytes, bytes] | None:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return None
        return ScryptCost(int(n), int(r), int(p)), bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        return None


def secret_matches(secret: str, stored: str) -> bool:
    """False for a wrong secret and for a stored value that is not a hash we can check."""
    parsed = _parse(stored)
    if parsed is None:
        return False
    cost, salt, digest = parsed
    try:
        candidate = hashlib.scrypt(
            secret.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p, dklen=len(digest), maxmem=MAXMEM
        )
    except ValueError:  # a cost beyond MAXMEM or not a power of two: not ours
        return False
    return hmac.compare_digest(candidate, digest)


def needs_rehash(stored: str) -> bool:
    parsed = _parse(stored)
    return parsed is None or parsed[0].weaker_than(COST)


def check_pin(pin: str) -> None:
    """The rule for a new PIN, as the practitioner reads it."""
    said = words().pin_rules
    if pin and not (pin.isdigit() and pin.isascii()):
        raise BadPin(said.digits_only)
    if len(pin) < MIN_DIGITS:
        raise BadPin(said.fill("too_short", min=MIN_DIGITS, n=len(pin)))
    if len(pin) > MAX_DIGITS:
        raise BadPin(said.fill("too_long", max=MAX_DIGITS))


def wait_after(failures: int) -> float:
    """No wait for the first few slips, then 1, 2, 4, ... seconds, at most five minutes."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(2 ** min(failures - FREE_ATTEMPTS, 16), MAX_WAIT_SECONDS))


def forget_pin(session: Any) -> None:
    """No PIN, no wrong tries, no patient mode on any tablet (it cannot be left without a PIN): the
    admin's reset."""
    session.execute(delete(AppState).where(AppState.key.in_((PIN_HASH, FAILURES, LEGACY_LOCKED_UNTIL))))
    session.execute(delete(AppState).where(AppState.key.like(f"{PATIENT_MODE}:%")))
    set_state(session, PATIENT_MODE, "0")


TABLET_ID = "tablet_id"  # kept in a tablet's outbox: who it is to its clinic server


def patient_mode_key(tablet: str | None = None) -> str:
    """A tablet's patient mode: on a clinic server shared by several tablets, one handed to a patient
    must not lock the others (nor a restart of another leave it). The tablet is its own id, kept in its
    outbox (a host name can change with the network, and cloned tablets share one), else its host
    name; hashed, so any length fits the key column."""
    who = tablet or processes.HOST
    return f"{PATIENT_MODE}:{hashlib.sha256(who.encode()).hexdigest()[:24]}"


class PinLock:
    """The PIN of one records database. `monotonic` is injectable; the wall clock plays no part.

    On a clinic server, the tablet keeps a copy of the PIN's hash and of its patient mode in its outbox
    (owner-only, beside its records): while the server is away the practitioner still takes the tablet
    back with the PIN, with the wrong tries counted on the tablet; nothing waits for the server."""

    def __init__(self, records: Records, *, monotonic: MonotonicClock = time.monotonic) -> None:
        self.records = records
        self.monotonic = monotonic
        self._since = monotonic()  # a wait left by an earlier run starts again, in full, now
        self._offline_failures = 0

    def _get(self, key: str) -> str | None:
        with self.records.session() as session:
            return get_state(session, key)

    def _kept(self, key: str) -> str | None:
        outbox = self.records.outbox
        return outbox.kept(key) if outbox is not None else None

    def _keep(self, key: str, value: str | None) -> None:
        if self.records.outbox is not None:
            self.records.outbox.keep(key, value)

    def _mode_key(self) -> str:
        outbox = self.records.outbox
        if outbox is None:
            return patient_mode_key()
        tablet = outbox.kept(TABLET_ID)
        if tablet is None:
            tablet = str(uuid.uuid4())
            outbox.keep(TABLET_ID, tablet)
        return patient_mode_key(tablet)

    def _stored_hash(self) -> str | None:
        reached, stored = self.records.on_server(lambda: self._get(PIN_HASH))
        if not reached:
            return self._kept(PIN_HASH)
        self._keep(PIN_HASH, stored)  # this tablet's copy follows the clinic's PIN
        return stored

    def _failures(self, session: Any) -> int:
        value = get_state(session, FAILURES) or "0"
        return int(value) if value.isdigit() else FREE_ATTEMPTS  # unreadable: treat as a back-off

    @property
    def has_pin(self) -> bool:
        return bool(self._stored_hash())

    def set_pin(self, pin: str) -> None:
        check_pin(pin)
        stored = hash_secret(pin)
        with self.records.session() as session:
            set_state(session, PIN_HASH, stored)
            set_state(session, FAILURES, "0")
            session.execute(delete(AppState).where(AppState.key == LEGACY_LOCKED_UNTIL))
        self._keep(PIN_HASH, stored)

    def wait_seconds(self) -> float:
        def read() -> float:
            with self.records.session() as session:
                return wait_after(self._failures(session))

        _reached, on_server = self.records.on_server(read)
        required = on_server if on_server is not None else wait_after(self._offline_failures)
        elapsed = max(0.0, self.monotonic() - self._since)
        return min(max(0.0, required - elapsed), MAX_WAIT_SECONDS)

    def verify(self, pin: str) -> Verdict:
        """Check a PIN unless a back-off is running; a wrong one lengthens the next back-off.

        A right PIN stored at a weaker cost is hashed again at today's cost. While the server is away
        it is checked against this tablet's copy of the hash, the wrong tries counted here."""
        stored = self._stored_hash()
        if not stored:
            return Verdict(False)
        wait = self.wait_seconds()
        if wait > 0:
            return Verdict(False, wait)
        if self.records.server_away:
            if secret_matches(pin, stored):
                self._offline_failures = 0
                return Verdict(True, must_change=len(pin) < MIN_DIGITS)
            self._offline_failures += 1
            self._since = self.monotonic()
            return Verdict(False, wait_after(self._offline_failures))
        if secret_matches(pin, stored):
            upgraded = hash_secret(pin) if needs_rehash(stored) else None
            with self.records.session() as session:
                set_state(session, FAILURES, "0")
                session.execute(delete(AppState).where(AppState.key == LEGACY_LOCKED_UNTIL))
                if upgraded:
                    set_state(session, PIN_HASH, upgraded)
            return Verdict(True, must_change=len(pin) < MIN_DIGITS)
        with self.records.session() as session:
            failures = self._failures(session) + 1
            set_state(session, FAILURES, str(failures))
        self._since = self.monotonic()
        return Verdict(False, wait_after(failures))

    @property
    def patient_mode(self) -> bool:
        """Stored, so that a restart of this tablet in patient mode comes back in patient mode; per
        tablet (patient_mode_key). The one row of earlier versions still counts until the PIN ends it:
        an update must not let a patient out. While the server is away: this tablet's copy."""
        key = self._mode_key()

        def read() -> bool:
            with self.records.session() as session:
                values = session.scalars(select(AppState.value).where(
                    or_(AppState.key == key, AppState.key == PATIENT_MODE))).all()
            return "1" in values

        reached, active = self.records.on_server(read)
        return bool(active) if reached else self._kept(key) == "1"

    @patient_mode.setter
    def patient_mode(self, active: bool) -> None:
        key = self._mode_key()
        self._keep(key, "1" if active else "0")

        def write() -> None:
            with self.records.session() as session:
                set_state(session, key, "1" if active else "0")
                if not active:
                    set_state(session, PATIENT_MODE, "0")  # the earlier versions' row ends with it

        # Away: kept on the tablet only. The server's row then says what it said before; a restart
        # while it still says "patient mode" asks for the PIN again: the safe side.
        self.records.on_server(write)
