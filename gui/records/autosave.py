"""Every answer on disk within a second: the draft is written a short, fixed delay after the first
change (later changes ride along, so typing never postpones the write), in one fsync'd commit.

A save that fails (a full disk, above all) keeps the answers in memory and tries again: after a
back-off, and soon after each new change. It is said once, as `not_saved`, updated as changes wait,
until a save goes through (`saved`); never a message per try."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from core.consultation import Consultation
from core.records import RecordNotFound, Records
from core.records.failures import why_not_saved

DELAY_MS = 250
RETRY_MS = (1000, 2000, 5000, 10_000, 30_000)  # the waits between tries while saves fail
STALE = "A newer copy of this consultation was saved by another window; this copy is not saved."
ERASED = "This patient's records were erased; this consultation is no longer saved."


class Autosaver(QObject):
    saved = Signal(int)  # the stored draft is this revision
    failed = Signal(str)  # a save given up for good: a newer copy elsewhere, the patient erased
    not_saved = Signal(str, int)  # why the last try failed, and how many changes wait; tried again

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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

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
        self._latest = consultation
        self._touch()

    def page_changed(self, *_: object) -> None:
        """The page is part of the draft: a resume opens where the practitioner was."""
        if self._latest is not None:
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
        try:
            written = self.records.save_draft(
                self.key, self._latest, self.page_id(), self.revision,
                patient_uid=self.patient_uid, consultation_uid=self.consultation_uid,
            )
        except RecordNotFound:
            self._pending = False
            self.failed.emit(ERASED)
            return False
        except (SQLAlchemyError, OSError) as error:
            self.trouble = why_not_saved(error)
            self._timer.start(self._retry_ms[min(self._tries, len(self._retry_ms) - 1)])
            self._tries += 1
            self.not_saved.emit(self.trouble, self.waiting)
            return False
        self._done()
        if not written:
            self.failed.emit(STALE)
            return False
        self.saved.emit(self.revision)
        return True

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
        self._done()
        self._latest = None
        with suppress(SQLAlchemyError):  # if left, the next start offers it, and discarding it there asks twice
            self.records.discard_draft(self.key)
