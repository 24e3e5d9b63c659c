"""Every answer on disk within a second: the draft is written a short, fixed delay after the first
change (later changes ride along, so typing never postpones the write), in one fsync'd commit."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from core.consultation import Consultation
from core.records import RecordNotFound, Records

DELAY_MS = 250
STALE = "A newer copy of this consultation was saved by another window; this copy is not saved."
ERASED = "This patient's records were erased; this consultation is no longer saved."
FAILED = "The consultation could not be saved to the records ({error}). Thirds will keep trying."


class Autosaver(QObject):
    saved = Signal(int)
    failed = Signal(str)

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
    ) -> None:
        super().__init__(parent)
        self.records = records
        self.page_id = page_id
        self.key = key or str(uuid.uuid4())
        self.revision = revision
        self.patient_uid = patient_uid
        self.consultation_uid = consultation_uid
        self._latest: Consultation | None = None
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending

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
        if not self._timer.isActive():
            self._timer.start()

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
        except SQLAlchemyError as error:
            self.failed.emit(FAILED.format(error=type(error).__name__))
            self._timer.start()
            return False
        self._pending = False
        if not written:
            self.failed.emit(STALE)
            return False
        self.saved.emit(self.revision)
        return True

    def forget_pending(self) -> None:
        """The latest answers were just stored another way (the finished consultation)."""
        self._timer.stop()
        self._pending = False

    def forget(self) -> None:
        """The consult was finished or deliberately discarded: stop, and drop the stored draft."""
        self._timer.stop()
        self._pending = False
        self._latest = None
        self.records.discard_draft(self.key)
