"""Every answer on disk within a second: the draft is written a short, fixed delay after the first
change (later changes ride along, so typing never postpones the write), in one fsync'd commit.

A save that fails (a full disk, above all) keeps the answers in memory and tries again: after a
back-off, and soon after each new change. It is said once, as `not_saved`, updated as changes wait,
until a save goes through (`saved`); never a message per try.

One writer per draft (core/records/leases.py): the autosaver writes under the draft's lease and renews
it every few seconds. Asked by another window to hand the draft over, it saves, hands over and says so
(`handed_over`); finding it taken (it did not answer in time, frozen or cut off), it stops writing that
draft, keeps its own unsaved answers as a separate draft (a copy, never over the other's) and says so
(`lost`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from core.consultation import Consultation
from core.records import RecordNotFound, Records, leases
from core.records.failures import why_not_saved
from core.records.leases import Beat, LeaseLost, new_holder
from gui.words import ui

DELAY_MS = 250
RETRY_MS = (1000, 2000, 5000, 10_000, 30_000)  # the waits between tries while saves fail


class Autosaver(QObject):
    saved = Signal(int)  # the stored draft is this revision
    failed = Signal(str)  # a save given up for good: a newer copy elsewhere, the patient erased
    not_saved = Signal(str, int)  # why the last try failed, and how many changes wait; tried again
    handed_over = Signal(str)  # saved, then given to the window (its label) that asked to take over
    lost = Signal(str, str)  # taken by another window (its label); the key of the copy kept, or ""
    held = Signal(int)  # saved on this tablet: the clinic server is away; this many writes wait for it

    def __init__(
        self,
        records: Records,
        page_id: Callable[[], str],
        parent: QObject,
        *,
        key: str | None = None,
        revision: int = 0,
        patient_uid: str | None = None,
        consultation_uid: str | None = None,
        delay_ms: int = DELAY_MS,
        retry_ms: Sequence[int] | None = None,
        holder: str | None = None,
        label: str = "",
        heartbeat_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.records = records
        self.page_id = page_id
        self.key = key or str(uuid.uuid4())
        self.revision = revision
        self.patient_uid = patient_uid
        self.consultation_uid = consultation_uid
        self.trouble = ""  # why the last try failed; "" once a save goes through
        self._latest: Consultation | None = None
        self._pending = False
        self._stored = revision  # the revision in the records
        self._tries = 0
        self._delay_ms, self._retry_ms = delay_ms, tuple(retry_ms or RETRY_MS)
        self.holder, self.label = holder or new_holder(), label
        self.copy_of: str | None = None
        self.version: int | None = None  # of the stored consultation, as this window last stored it
        self.patient_version: int | None = None  # of the patient's details this consult started from
        self.gone = False  # the draft went to another window: nothing more is written to it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._beat = QTimer(self)
        self._beat.timeout.connect(self.heartbeat)
        self._beat.start(heartbeat_ms if heartbeat_ms is not None else int(leases.HEARTBEAT_S * 1000))

    @property
    def pending(self) -> bool:
        return self._pending

    @property
    def latest(self) -> Consultation | None:
        """The answers as last changed, kept here until they are saved."""
        return self._latest

    @property
    def waiting(self) -> int:
        """Changes made since the last save that went through."""
        return self.revision - self._stored if self._pending else 0

    def track(self, consultation: Consultation) -> None:
        """The slot for the wizard's draft_changed."""
        if self.gone:
            return
        self._latest = consultation
        self._touch()

    def page_changed(self, *_: object) -> None:
        """The page is part of the draft: a resume opens where the practitioner was. A window closing
        (no page) is not a page to resume on: an untouched blank consult is not written then."""
        if self._latest is not None and not self.gone and self.page_id():
            self._touch()

    def _touch(self) -> None:
        self.revision += 1
        self._pending = True
        if self.trouble:
            self.not_saved.emit(self.trouble, self.waiting)
        if not self._timer.isActive() or self._timer.remainingTime() > self._delay_ms:
            self._timer.start(self._delay_ms)  # while saves fail, a new change is tried soon too

    def flush(self) -> bool:
        """Write now if anything is waiting; True when the stored draft is the latest."""
        self._timer.stop()
        if not self._pending or self._latest is None:
            return True
        if self.records.closed:  # closed after the last try: nothing reopens them
            return False
        try:
            written = self.records.save_draft(
                self.key, self._latest, self.page_id(), self.revision,
                patient_uid=self.patient_uid, consultation_uid=self.consultation_uid,
                holder=self.holder, label=self.label, copy_of=self.copy_of,
            )
        except LeaseLost as taken:
            if taken.key == self.key:
                self._lose(taken.label)
                return False
            self._failing(taken)  # another draft's write, sent first, was refused: not this one's loss
            return False
        except RecordNotFound:
            self._pending = False
            self.failed.emit(ui().drafts.erased)
            return False
        except (SQLAlchemyError, OSError) as error:
            self._failing(error)
            return False
        self._done()
        if not written:
            self.failed.emit(ui().drafts.stale)
            return False
        self._report()
        return True

    def _report(self) -> None:
        """Saved in the records, or kept on this tablet until the clinic server is back."""
        waiting = self.records.waiting_to_send()
        if waiting:
            self.held.emit(waiting)
        else:
            self.saved.emit(self.revision)

    def _failing(self, error: BaseException) -> None:
        self.trouble = why_not_saved(error)
        self._timer.start(self._retry_ms[min(self._tries, len(self._retry_ms) - 1)])
        self._tries += 1
        self.not_saved.emit(self.trouble, self.waiting)

    def heartbeat(self) -> None:
        """Renew the lease; hand the draft over when asked (after saving), or stop when it is gone."""
        if self.records.closed:  # the app closed the records: no beat reopens them
            self._beat.stop()
            return
        if self.gone:
            return
        try:
            # the clinic server may be back: send what waits, in order
            if self.records.waiting_to_send():
                aside = self.records.set_aside()
                if self.records.forward():
                    self.saved.emit(self.revision)
                if self.records.set_aside() > aside:
                    self.failed.emit(ui().drafts.refused)
            if self.records.server_away:
                return  # tried again after a while, not on every beat
            beat = self.records.draft_heartbeat(self.key, self.holder)
        except (SQLAlchemyError, OSError) as error:
            self.records.unreachable(error)  # the server away: not tried again at every beat
            return  # a save that fails says so; the lease lapses, and a taker finds it silent
        if beat.beat is Beat.LOST:
            self._lose(beat.label)
        elif beat.beat is Beat.REQUESTED and self.flush() and not self.gone:
            try:
                handed = self.records.hand_over_draft(self.key, self.holder)
            except (SQLAlchemyError, OSError) as error:
                self.records.unreachable(error)
                return
            if handed:
                self._stop()
                self.handed_over.emit(beat.label)

    def _lose(self, label: str) -> None:
        """Another window has the draft. Answers this window has not saved yet go to a copy of their
        own (written as any draft, retried while saves fail); nothing more is written to the draft."""
        copy = self.records.kept_copies.pop(self.key, "")  # answers sent late went to a copy
        if self._pending and self._latest is not None:
            self.copy_of, self.key = self.key, str(uuid.uuid4())
            self.consultation_uid = None  # the copy is a consult of its own until the practitioner says
            copy = self.key
            self._beat.stop()
            if self.flush():  # else it keeps trying, as any save that fails
                self.release()
                self._stop()
        else:
            self._stop()
        self.lost.emit(label, copy)

    def _stop(self) -> None:
        self.gone = True
        self._timer.stop()
        self._beat.stop()
        self._latest = None

    def release(self) -> None:
        """This window closes the draft (it stays in the records, free for another window to open)."""
        if self.gone or self._pending or self._stored == 0:
            return
        self._beat.stop()
        with suppress(SQLAlchemyError, OSError):
            self.records.release_draft(self.key, self.holder)

    def _done(self) -> None:
        self._pending, self._stored, self.trouble, self._tries = False, self.revision, "", 0

    def forget_pending(self) -> None:
        """The latest answers were just stored another way (the finished consultation)."""
        self._timer.stop()
        troubled = bool(self.trouble)
        self._done()
        if troubled:
            self.saved.emit(self.revision)

    def forget(self) -> None:
        """The consult was finished or deliberately discarded: stop, and drop the stored draft."""
        self._timer.stop()
        self._beat.stop()
        self._done()
        self._latest = None
        with suppress(SQLAlchemyError):  # if left, the next start offers it, and discarding it there asks twice
            self.records.discard_draft(self.key)
