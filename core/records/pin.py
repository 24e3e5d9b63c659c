"""The practitioner's PIN: a salted scrypt hash in the database, wrong attempts slowed down.

The back-off is stored too, so restarting the app does not reset it. The clock is injectable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from core.records.database import get_state, set_state, utcnow
from core.records.repository import Records

PIN_HASH = "practitioner_pin"
FAILURES = "pin_failures"
LOCKED_UNTIL = "pin_locked_until"
PATIENT_MODE = "patient_mode"
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class BadPin(ValueError):
    pass


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    wait_seconds: float = 0.0


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32,
        maxmem=64 * 1024 * 1024,
    )
    return hmac.compare_digest(candidate.hex(), digest)


def wait_after(failures: int) -> float:
    """No wait for the first few slips, then 1, 2, 4, ... seconds, at most five minutes."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS))


class PinLock:
    def __init__(self, records: Records, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.records = records
        self.clock = clock

    def _get(self, key: str) -> str | None:
        with self.records.session() as session:
            return get_state(session, key)

    def _set(self, **values: str) -> None:
        with self.records.session() as session:
            for key, value in values.items():
                set_state(session, key, value)

    @property
    def has_pin(self) -> bool:
        return bool(self._get(PIN_HASH))

    def set_pin(self, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise BadPin("The PIN must be 4 to 12 digits.")
        self._set(**{PIN_HASH: hash_pin(pin), FAILURES: "0", LOCKED_UNTIL: ""})

    def wait_seconds(self) -> float:
        until = self._get(LOCKED_UNTIL)
        if not until:
            return 0.0
        return max(0.0, (dt.datetime.fromisoformat(until) - self.clock()).total_seconds())

    def verify(self, pin: str) -> Verdict:
        """Check a PIN unless a back-off is running; a wrong one lengthens the next back-off."""
        stored = self._get(PIN_HASH)
        if not stored:
            return Verdict(False)
        wait = self.wait_seconds()
        if wait > 0:
            return Verdict(False, wait)
        if pin_matches(pin, stored):
            self._set(**{FAILURES: "0", LOCKED_UNTIL: ""})
            return Verdict(True)
        failures = int(self._get(FAILURES) or 0) + 1
        wait = wait_after(failures)
        until = (self.clock() + dt.timedelta(seconds=wait)).isoformat() if wait else ""
        self._set(**{FAILURES: str(failures), LOCKED_UNTIL: until})
        return Verdict(False, wait)

    @property
    def patient_mode(self) -> bool:
        """Stored, so that a restart in patient mode comes back in patient mode."""
        return self._get(PATIENT_MODE) == "1"

    @patient_mode.setter
    def patient_mode(self, active: bool) -> None:
        self._set(**{PATIENT_MODE: "1" if active else "0"})
