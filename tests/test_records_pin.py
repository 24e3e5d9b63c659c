"""The practitioner's PIN: a salted slow hash, and wrong attempts back off exponentially."""

from __future__ import annotations

import datetime as dt

import pytest

from core.records import Records
from core.records.pin import BadPin, PinLock, wait_after


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 12, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def records(tmp_path):
    opened = Records.open(f"sqlite:///{tmp_path / 'pin.sqlite3'}")
    yield opened
    opened.close()


def test_pin_is_stored_as_a_salted_scrypt_hash(records):
    lock = PinLock(records)
    lock.set_pin("4821")
    with records.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT value FROM app_state WHERE key='practitioner_pin'").scalar()
    assert stored.startswith("scrypt$") and "4821" not in stored
    lock.set_pin("4821")
    with records.engine.connect() as conn:
        again = conn.exec_driver_sql("SELECT value FROM app_state WHERE key='practitioner_pin'").scalar()
    assert again != stored  # a new salt each time
    assert lock.verify("4821").accepted


@pytest.mark.parametrize("pin", ["", "12", "abcd", "1234567890123"])
def test_a_pin_is_four_to_twelve_digits(records, pin):
    with pytest.raises(BadPin):
        PinLock(records).set_pin(pin)


def test_wrong_attempts_back_off_exponentially_and_the_right_pin_resets(records):
    clock = Clock()
    lock = PinLock(records, clock)
    lock.set_pin("4821")
    waits = [lock.verify("0000").wait_seconds for _ in range(3)]
    assert waits == [0, 0, 1]
    # during the back-off even the right PIN is not checked
    assert lock.verify("4821") == lock.verify("4821")
    assert not lock.verify("4821").accepted
    clock.advance(1)
    assert lock.verify("0000").wait_seconds == 2
    clock.advance(2)
    assert lock.verify("0000").wait_seconds == 4
    clock.advance(4)
    assert lock.verify("4821").accepted
    assert lock.verify("0000").wait_seconds == 0


def test_back_off_survives_a_restart_and_is_capped(records, tmp_path):
    clock = Clock()
    lock = PinLock(records, clock)
    lock.set_pin("4821")
    for _ in range(5):
        lock.verify("0000")
        clock.advance(lock.wait_seconds())
    lock.verify("0000")
    assert PinLock(records, clock).wait_seconds() == wait_after(6) == 8
    assert wait_after(40) == 300


def test_patient_mode_is_remembered(records):
    lock = PinLock(records)
    assert not lock.patient_mode
    lock.patient_mode = True
    assert PinLock(records).patient_mode
