"""One writer per draft (core/records/leases.py), on a SQLite file and on PostgreSQL: two Records
objects are two windows (two tablets, on the server) sharing one database."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import ADULT, consult
from core.records import Records
from core.records.leases import STALE_S, Beat, LeaseLost, new_holder


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 29, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def two_windows(database_url, clock):
    first = Records.open(database_url, actor="Dr One", clock=clock)
    second = Records.open(database_url, actor="Dr Two", clock=clock)
    yield first, second
    first.close()
    second.close()


def answers(note: str):
    return consult(("forehead", "horizontal_lines", 2, 2), patient={**ADULT, "name": "Lease Test"},
                   choices={"notes": note})


def test_a_draft_is_written_only_by_the_window_holding_it(two_windows):
    one, two = two_windows
    a, b = new_holder(), new_holder()
    assert one.save_draft("k", answers("one 1"), "", 1, holder=a, label="tablet-1")
    where = two.claim_draft("k", b, "tablet-2")
    assert where is not None and where.label == "tablet-1"
    with pytest.raises(LeaseLost, match="tablet-1"):
        two.save_draft("k", answers("two 9"), "", 9, holder=b, label="tablet-2")
    assert one.draft("k").consultation.choices.notes == "one 1"


def test_taking_over_waits_for_the_holder_to_save_and_hand_over(two_windows):
    one, two = two_windows
    a, b = new_holder(), new_holder()
    one.save_draft("k", answers("one 1"), "", 1, holder=a, label="tablet-1")
    assert one.draft_heartbeat("k", a).beat is Beat.HELD
    assert two.request_draft("k", b, "tablet-2")
    beat = one.draft_heartbeat("k", a)
    assert (beat.beat, beat.label) == (Beat.REQUESTED, "tablet-2")
    assert one.save_draft("k", answers("one 2"), "", 2, holder=a, label="tablet-1")  # saves first
    assert one.hand_over_draft("k", a)
    assert two.holds_draft("k", b) and not one.holds_draft("k", a)
    taken = two.draft("k")
    assert (taken.consultation.choices.notes, taken.revision) == ("one 2", 2)
    assert two.save_draft("k", answers("two 3"), "", 3, holder=b, label="tablet-2")
    lost = one.draft_heartbeat("k", a)
    assert (lost.beat, lost.label) == (Beat.LOST, "tablet-2")
    with pytest.raises(LeaseLost):
        one.save_draft("k", answers("one 4"), "", 4, holder=a, label="tablet-1")
    assert one.draft("k").consultation.choices.notes == "two 3"


def test_a_silent_holder_is_passed_over_and_a_forced_take_locks_it_out(two_windows, clock):
    one, two = two_windows
    a, b, c = new_holder(), new_holder(), new_holder()
    one.save_draft("k", answers("one 1"), "", 1, holder=a, label="tablet-1")
    clock.wait(STALE_S - 1)
    assert two.claim_draft("k", b, "tablet-2") is not None  # still alive, as far as anyone knows
    clock.wait(1)
    assert two.claim_draft("k", b, "tablet-2") is None  # silent STALE_S: gone
    assert one.claim_draft("k", c, "tablet-3", force=True) is None
    with pytest.raises(LeaseLost, match="tablet-3"):
        two.save_draft("k", answers("two 2"), "", 2, holder=b)


def test_a_closed_or_discarded_draft_is_never_written_again_by_a_window_that_lost_it(two_windows):
    one, two = two_windows
    a, b = new_holder(), new_holder()
    one.save_draft("k", answers("one 1"), "", 1, holder=a, label="tablet-1")
    assert two.claim_draft("k", b, "tablet-2", force=True) is None  # `one` froze and was passed over
    two.save_draft("k", answers("two 2"), "", 2, holder=b, label="tablet-2")
    two.release_draft("k", b)  # closed in the second window, kept for later
    with pytest.raises(LeaseLost):
        one.save_draft("k", answers("one 9"), "", 9, holder=a)  # `one` wakes up: it is not its own
    assert one.draft("k").consultation.choices.notes == "two 2"
    assert one.claim_draft("k", a, "tablet-1") is None  # free: any window may open it again
    one.save_consultation(answers("one 3"), draft_key="k")
    assert one.save_draft("k", answers("one 4"), "", 4, holder=a)  # still its own after storing
    one.discard_draft("k")
    with pytest.raises(LeaseLost):
        two.save_draft("k", answers("two 5"), "", 5, holder=b)


def test_a_copy_names_the_draft_it_was_kept_from(two_windows):
    one, _ = two_windows
    one.save_draft("copy", answers("kept"), "", 5, holder=new_holder(), copy_of="k")
    assert one.draft("copy").copy_of == "k"


def test_a_probe_that_meets_an_unexpected_error_keeps_trying_and_one_that_ended_is_started_again():
    """The tablet must never stay 'away' with nothing trying the server: a probe survives any error a
    driver raises, and `away` starts a new one if the last ended while it was marked away again."""
    import time

    from core.records.probe import ServerProbe

    class Engine:
        def __init__(self) -> None:
            self.calls = 0

        def connect(self):  # type: ignore[no-untyped-def]
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("not a database error")
            return _Connection()

    class _Connection:
        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def execute(self, _statement: object) -> None:
            return None

    engine = Engine()
    probe = ServerProbe(engine, 0.01)  # type: ignore[arg-type]
    probe.went_away()
    deadline = time.monotonic() + 5
    while probe.away and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not probe.away and engine.calls == 2  # the first error did not end it
    probe._thread.join(5)  # type: ignore[union-attr]
    probe.interval_s = 5.0  # the new one waits: it is seen alive below
    probe._away.set()  # marked away again just as its thread ended: nothing was trying
    assert probe.away and probe._thread is not None and probe._thread.is_alive()  # started again
    probe.stop()
