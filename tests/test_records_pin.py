"""The practitioner's PIN: at least six digits, scrypt at OWASP's minimum cost, and a back-off that
counts wrong tries, which no change of the wall clock can skip or stretch."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from core.records import Records
from core.records.database import get_state, set_state
from core.records.pin import MAX_WAIT_SECONDS, BadPin, PinLock, wait_after

PIN = "482135"
OLD_SHORT_PIN = "4821"


class Wall:
    """The wall clock the records see (audit times): the practitioner or the OS may move it."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 12, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class Monotonic:
    """time.monotonic of one process: it only goes forward, and a new process starts elsewhere."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def open_records(tmp_path, wall: Wall | None = None) -> Records:
    url = f"sqlite:///{tmp_path / 'pin.sqlite3'}"
    return Records.open(url, clock=wall) if wall else Records.open(url)


def make_lock(records: Records, wall: Wall, monotonic: Monotonic) -> PinLock:
    return PinLock(records, monotonic=monotonic)


def stored_hash(records: Records) -> str:
    with records.session() as session:
        return get_state(session, "practitioner_pin") or ""


def store_hash(records: Records, value: str) -> None:
    with records.session() as session:
        set_state(session, "practitioner_pin", value)


def scrypt_hash(pin: str, n: int) -> str:
    """A hash as the earlier version wrote it (scrypt$n$r$p$salt$digest), built here by hand."""
    salt = bytes(range(16))
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=8, p=1, dklen=32, maxmem=64 * 1024 * 1024)
    return f"scrypt${n}$8$1${salt.hex()}${digest.hex()}"


@pytest.fixture
def records(tmp_path):
    opened = open_records(tmp_path)
    yield opened
    opened.close()


# --- the hash -------------------------------------------------------------------------------------

def test_a_new_pin_is_a_salted_scrypt_hash_at_owasp_minimum_cost(records):
    lock = PinLock(records)
    lock.set_pin(PIN)
    stored = stored_hash(records)
    kind, n, r, p, salt, digest = stored.split("$")
    assert (kind, n, r, p) == ("scrypt", "131072", "8", "1")
    assert PIN not in stored and len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    lock.set_pin(PIN)
    assert stored_hash(records) != stored  # a new salt each time
    verdict = lock.verify(PIN)
    assert verdict.accepted and not verdict.must_change
    assert stored_hash(records).split("$")[1] == "131072"


def test_an_old_cheaper_hash_still_verifies_and_is_hashed_again_at_todays_cost(records):
    old = scrypt_hash(PIN, 2**14)
    store_hash(records, old)
    lock = PinLock(records)
    assert not lock.verify("000000").accepted
    assert stored_hash(records) == old  # a wrong PIN changes nothing
    assert lock.verify(PIN).accepted
    upgraded = stored_hash(records)
    assert upgraded.startswith("scrypt$131072$8$1$") and upgraded != old
    assert PinLock(records).verify(PIN).accepted


@pytest.mark.usefixtures("cheap_pin_hash")
def test_the_cheap_test_cost_never_weakens_a_stored_hash(records):
    old = scrypt_hash(PIN, 2**14)
    store_hash(records, old)
    assert PinLock(records).verify(PIN).accepted
    assert stored_hash(records) == old


@pytest.mark.usefixtures("cheap_pin_hash")
@pytest.mark.parametrize("stored", ["", "garbage", "scrypt$16384$8$1$zz$zz", "scrypt$3$8$1$00$00",
                                    "scrypt$4194304$8$1$00$00"])
def test_a_damaged_stored_hash_refuses_without_failing(records, stored):
    store_hash(records, stored)
    assert not PinLock(records).verify(PIN).accepted


# --- the rule -------------------------------------------------------------------------------------

@pytest.mark.usefixtures("cheap_pin_hash")
@pytest.mark.parametrize("pin", [OLD_SHORT_PIN, "12345", "", "12"])
def test_a_pin_shorter_than_six_digits_is_refused_naming_the_rule(records, pin):
    lock = PinLock(records)
    with pytest.raises(BadPin, match="at least 6 digits"):
        lock.set_pin(pin)
    assert not lock.has_pin


@pytest.mark.usefixtures("cheap_pin_hash")
@pytest.mark.parametrize("pin", ["abcdef", "12345a", "١٢٣٤٥٦", "1234567890123"])
def test_a_pin_is_digits_only_and_at_most_twelve(records, pin):
    with pytest.raises(BadPin):
        PinLock(records).set_pin(pin)


@pytest.mark.usefixtures("cheap_pin_hash")
@pytest.mark.parametrize("pin", ["123456", "123456789012"])
def test_six_to_twelve_digits_are_a_pin(records, pin):
    lock = PinLock(records)
    lock.set_pin(pin)
    assert lock.verify(pin).accepted


@pytest.mark.usefixtures("cheap_pin_hash")
def test_a_stored_short_pin_still_opens_and_asks_for_a_new_one(records):
    store_hash(records, scrypt_hash(OLD_SHORT_PIN, 2**14))
    lock = PinLock(records)
    verdict = lock.verify(OLD_SHORT_PIN)
    assert verdict.accepted and verdict.must_change
    assert lock.verify(OLD_SHORT_PIN).must_change  # asked again until it is changed
    lock.set_pin(PIN)
    verdict = lock.verify(PIN)
    assert verdict.accepted and not verdict.must_change


# --- the back-off ---------------------------------------------------------------------------------

def wrong_tries(lock: PinLock, monotonic: Monotonic, count: int) -> None:
    """`count` wrong tries, each after the wait the one before called for."""
    for _ in range(count):
        monotonic.advance(lock.wait_seconds())
        assert not lock.verify("000000").accepted


@pytest.mark.usefixtures("cheap_pin_hash")
def test_wrong_attempts_back_off_exponentially_and_the_right_pin_resets(tmp_path):
    wall, monotonic = Wall(), Monotonic()
    records = open_records(tmp_path, wall)
    lock = make_lock(records, wall, monotonic)
    lock.set_pin(PIN)
    waits = [lock.verify("000000").wait_seconds for _ in range(3)]
    assert waits == [0, 0, 1]
    # during the back-off even the right PIN is not checked
    assert lock.verify(PIN) == lock.verify(PIN)
    assert not lock.verify(PIN).accepted
    monotonic.advance(1)
    assert lock.verify("000000").wait_seconds == 2
    monotonic.advance(2)
    assert lock.verify("000000").wait_seconds == 4
    monotonic.advance(4)
    assert lock.verify(PIN).accepted
    assert lock.verify("000000").wait_seconds == 0
    records.close()


@pytest.mark.usefixtures("cheap_pin_hash")
def test_moving_the_wall_clock_forward_a_day_does_not_skip_the_wait(tmp_path):
    wall, monotonic = Wall(), Monotonic()
    records = open_records(tmp_path, wall)
    lock = make_lock(records, wall, monotonic)
    lock.set_pin(PIN)
    wrong_tries(lock, monotonic, 8)
    assert lock.wait_seconds() == wait_after(8) == 32
    wall.move(days=1)
    assert lock.wait_seconds() == 32
    assert not lock.verify(PIN).accepted
    monotonic.advance(32)
    assert lock.verify(PIN).accepted
    records.close()


@pytest.mark.usefixtures("cheap_pin_hash")
def test_moving_the_wall_clock_back_a_year_never_locks_out_longer_than_the_maximum(tmp_path):
    wall, monotonic = Wall(), Monotonic()
    records = open_records(tmp_path, wall)
    lock = make_lock(records, wall, monotonic)
    lock.set_pin(PIN)
    wrong_tries(lock, monotonic, 20)
    assert 0 < lock.wait_seconds() <= MAX_WAIT_SECONDS
    wall.move(days=-365)
    assert 0 < lock.wait_seconds() <= MAX_WAIT_SECONDS
    monotonic.advance(MAX_WAIT_SECONDS)
    assert lock.wait_seconds() == 0
    assert lock.verify(PIN).accepted
    records.close()


@pytest.mark.usefixtures("cheap_pin_hash")
def test_a_restart_starts_the_wait_again_in_full_and_bounded(tmp_path):
    wall, monotonic = Wall(), Monotonic()
    records = open_records(tmp_path, wall)
    lock = make_lock(records, wall, monotonic)
    lock.set_pin(PIN)
    wrong_tries(lock, monotonic, 6)
    records.close()
    wall.move(days=1)  # the tablet was off overnight, or its clock was moved on
    restarted_clock = Monotonic(start=5.0)  # a new process (or a reboot): another monotonic origin
    records = open_records(tmp_path, wall)
    restarted = make_lock(records, wall, restarted_clock)
    assert restarted.wait_seconds() == wait_after(6) == 8
    assert not restarted.verify(PIN).accepted
    restarted_clock.advance(8)
    assert restarted.verify(PIN).accepted
    records.close()


@pytest.mark.usefixtures("cheap_pin_hash")
def test_after_many_wrong_tries_a_restart_waits_at_most_the_maximum(tmp_path):
    wall, monotonic = Wall(), Monotonic()
    records = open_records(tmp_path, wall)
    lock = make_lock(records, wall, monotonic)
    lock.set_pin(PIN)
    wrong_tries(lock, monotonic, 40)
    records.close()
    wall.move(days=-365)
    records = open_records(tmp_path, wall)
    restarted = make_lock(records, wall, Monotonic(start=0.0))
    assert restarted.wait_seconds() == MAX_WAIT_SECONDS
    assert wait_after(40) == wait_after(10_000) == MAX_WAIT_SECONDS
    records.close()


@pytest.mark.usefixtures("cheap_pin_hash")
def test_a_wall_clock_lock_left_by_the_earlier_version_is_ignored(records):
    lock = PinLock(records)
    lock.set_pin(PIN)
    with records.session() as session:
        set_state(session, "pin_locked_until", "2027-11-23T12:00:00")  # a year ahead
    assert lock.wait_seconds() == 0
    assert lock.verify(PIN).accepted
    with records.session() as session:
        assert get_state(session, "pin_locked_until") is None


def test_patient_mode_is_remembered(records):
    lock = PinLock(records)
    assert not lock.patient_mode
    lock.patient_mode = True
    assert PinLock(records).patient_mode


def test_patient_mode_is_per_tablet_on_a_shared_database(database_url, tmp_path, monkeypatch):
    """Two tablets on one clinic database: one handed to a patient does not lock the other, and only its
    own restart comes back in patient mode. A patient mode stored by an earlier version (one row for
    all) still holds until the PIN ends it. (A tablet is its outbox's id on a server, its host name on
    a SQLite file: each tablet here has both of its own.)"""
    from core.records import processes
    from core.records.pin import PATIENT_MODE

    tablet_a = Records.open(database_url, outbox=tmp_path / "a" / "outbox.sqlite3")
    tablet_b = Records.open(database_url, outbox=tmp_path / "b" / "outbox.sqlite3")
    try:
        monkeypatch.setattr(processes, "HOST", "tablet-a")
        PinLock(tablet_a).patient_mode = True
        assert PinLock(tablet_a).patient_mode
        monkeypatch.setattr(processes, "HOST", "tablet-b")
        assert not PinLock(tablet_b).patient_mode
        with tablet_b.session() as session:
            set_state(session, PATIENT_MODE, "1")  # as an earlier version left it
        assert PinLock(tablet_b).patient_mode
        PinLock(tablet_b).patient_mode = False  # the PIN, on tablet b
        assert not PinLock(tablet_b).patient_mode
        monkeypatch.setattr(processes, "HOST", "tablet-a")
        assert PinLock(tablet_a).patient_mode  # tablet a is still in the patient's hands
    finally:
        tablet_a.close()
        tablet_b.close()


def test_a_long_host_name_fits_the_patient_mode_key(monkeypatch):
    """app_state.key is 60 characters on PostgreSQL: the host name goes in hashed."""
    from core.records import processes
    from core.records.pin import patient_mode_key
    from core.records.schema import AppState

    monkeypatch.setattr(processes, "HOST", "a-very-long-tablet-name." * 10)
    long_key = patient_mode_key()
    monkeypatch.setattr(processes, "HOST", "tablet-b")
    assert len(long_key) <= AppState.__table__.c.key.type.length and long_key != patient_mode_key()
