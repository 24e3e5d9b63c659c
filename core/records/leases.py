"""One writer per draft: a lease in the records, renewed by a heartbeat (issue 11).

A window holds the lease of the draft it edits and renews it every HEARTBEAT_S. A second window that
wants the same draft is told where it is open (the holder's label and when it was last seen) and may
ask to take over: the holder, at its next heartbeat, saves its answers and hands the lease over. A
holder that does not answer within TAKEOVER_WAIT_S (frozen, or gone without closing) is passed over;
one silent for STALE_S is taken without asking. A draft is written only under its lease, so a window
that lost it can never overwrite answers another window reported saved: it keeps its own unsaved
answers as a separate copy instead.

Every step is one short transaction that locks the lease row first (`FOR UPDATE` on PostgreSQL; a
SQLite write transaction is exclusive already), so a hand-over and a save never interleave.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from core.records.processes import HOST, started
from core.records.schema import DraftLease

HEARTBEAT_S = 2.0  # how often the holder renews its lease (and looks for a request to take over)
TAKEOVER_WAIT_S = 3 * HEARTBEAT_S  # how long a window asking to take over waits for the holder to save
STALE_S = 5 * HEARTBEAT_S  # a holder silent this long is gone (crashed, or closed without saying so)
FREE = ""  # the holder of a draft no window has open: any window may claim it, none may write it unclaimed


def new_holder() -> str:
    return str(uuid.uuid4())


class LeaseLost(RuntimeError):
    """This window no longer holds the draft: another took it over."""

    def __init__(self, key: str, label: str) -> None:
        super().__init__(f"draft {key} is now open elsewhere: {label or 'another window'}")
        self.key, self.label = key, label


class Beat(enum.Enum):
    HELD = "held"  # go on
    REQUESTED = "requested"  # another window asks to take over: save, then hand over
    LOST = "lost"  # another window has it: stop writing it


@dataclass(frozen=True)
class Heartbeat:
    beat: Beat
    label: str = ""  # the window asking for it, or holding it now


@dataclass(frozen=True)
class Elsewhere:
    """The draft is open in another window that was seen `seconds` ago."""

    label: str
    seconds: float


def _row(session: Session, key: str) -> DraftLease | None:
    return session.scalars(select(DraftLease).where(DraftLease.key == key).with_for_update()).first()


def _new(key: str, holder: str, label: str, now: dt.datetime) -> DraftLease:
    return DraftLease(key=key, holder=holder, label=label, heartbeat=now, host=HOST, pid=os.getpid())


def _gone(row: DraftLease, seconds: float) -> bool:
    """The holder is silent too long, or was a process on this machine that is no longer running."""
    return seconds >= STALE_S or (row.host == HOST and row.pid != os.getpid() and started(row.pid) is None)


def check(session: Session, key: str, holder: str, label: str, now: dt.datetime) -> None:
    """Inside a draft's write: the lease is this window's (taken now if nobody holds it), else LeaseLost."""
    row = _row(session, key)
    if row is None:
        session.add(_new(key, holder, label, now))
    elif row.holder != holder:
        raise LeaseLost(key, row.label)


def claim(session: Session, key: str, holder: str, label: str, now: dt.datetime, *,
          force: bool = False) -> Elsewhere | None:
    """Take the lease, unless a live holder has it (then where, and nothing changes); `force` takes it
    from a live holder too, which then loses it."""
    row = _row(session, key)
    if row is None:
        session.add(_new(key, holder, label, now))
        return None
    seconds = max(0.0, (now - row.heartbeat).total_seconds())
    if row.holder not in (holder, FREE) and not _gone(row, seconds) and not force:
        return Elsewhere(row.label, seconds)
    row.holder, row.label, row.heartbeat, row.requested_by, row.requested_label = holder, label, now, None, ""
    row.host, row.pid = HOST, os.getpid()
    return None


def request(session: Session, key: str, holder: str, label: str) -> bool:
    """Ask the holder to save and hand the draft over; False when nobody holds it."""
    row = _row(session, key)
    if row is None or row.holder == FREE:
        return False
    if row.holder != holder:
        row.requested_by, row.requested_label = holder, label
    return True


def holds(session: Session, key: str, holder: str) -> bool:
    row = session.get(DraftLease, key)
    return row is not None and row.holder == holder


def beat(session: Session, key: str, holder: str, now: dt.datetime) -> Heartbeat:
    """Renew the lease; say when another window asks for it, or has taken it."""
    row = _row(session, key)
    if row is None:
        return Heartbeat(Beat.HELD)  # not written yet (or finished): nothing to hold
    if row.holder != holder:
        return Heartbeat(Beat.LOST, row.label)
    row.heartbeat, row.host, row.pid = now, HOST, os.getpid()
    if row.requested_by:
        return Heartbeat(Beat.REQUESTED, row.requested_label)
    return Heartbeat(Beat.HELD)


def hand_over(session: Session, key: str, holder: str, now: dt.datetime) -> bool:
    """The holder, its answers saved, gives the lease to the window that asked for it."""
    row = _row(session, key)
    if row is None or row.holder != holder or not row.requested_by:
        return False
    row.holder, row.label, row.heartbeat = row.requested_by, row.requested_label, now
    row.requested_by, row.requested_label, row.host, row.pid = None, "", "", 0  # the taker's own beat
    return True


def release(session: Session, key: str, holder: str) -> None:
    """The holder closes the draft: it stays in the records, free for any window to claim. The row
    stays too, so a window that had lost the draft before finds it still not its own."""
    session.execute(update(DraftLease).where(DraftLease.key == key, DraftLease.holder == holder)
                    .values(holder=FREE, requested_by=None, requested_label=""))


def close(session: Session, keys: list[str]) -> None:
    """The drafts were finished or discarded: free for nobody to write again (a window that had one
    open without its lease keeps its answers as a copy)."""
    if keys:
        session.execute(update(DraftLease).where(DraftLease.key.in_(keys))
                        .values(holder=FREE, requested_by=None, requested_label=""))


def drop(session: Session, keys: list[str]) -> None:
    """The drafts were erased: their leases go too (a late write is refused as erased)."""
    if keys:
        session.execute(delete(DraftLease).where(DraftLease.key.in_(keys)))
