"""After the records have loaded, off the first-paint path and off the GUI thread: an erasure's
unfinished file rewrite is finished, then the clinic's daily backup is made. Whatever there is to say
is one plain, non-modal message; the consult goes on meanwhile."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from core.knowledge.models import KnowledgeBase
from core.records import Records, finish_erasure
from core.records.backup import daily_backup
from gui.words import ui


def upkeep(records: Records, kb: KnowledgeBase, today: dt.date) -> list[str]:
    """The work itself, in order: no backup is taken of a file that still holds erased pages."""
    folder = kb.settings.records.backup_folder.value
    steps: list[Callable[[], str]] = [
        lambda: finish_erasure(records),
        lambda: daily_backup(records, Path(folder) if folder else None, kb.settings.records.backup_keep.value, today),
    ]
    messages = []
    for step in steps:
        try:
            messages.append(step())
        except (SQLAlchemyError, OSError) as error:
            messages.append(ui().records_window.fill("upkeep_failed", error=type(error).__name__))
    return [m for m in messages if m]


class RecordsUpkeep(QObject):
    finished = Signal(object)  # list[str]: what was said

    def __init__(self, parent: QWidget, records: Records, kb: KnowledgeBase, today: Callable[[], dt.date]) -> None:
        super().__init__(parent)
        self._parent, self._records, self._kb, self._today = parent, records, kb, today
        self.worker: threading.Thread | None = None
        self.finished.connect(self._tell)

    def start_soon(self) -> None:
        """Once the load that opened the records has returned (the page is filled in)."""
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        self.worker = threading.Thread(target=self._run, args=(self._today(),), name="records-upkeep", daemon=True)
        self.worker.start()

    def _run(self, today: dt.date) -> None:
        said = upkeep(self._records, self._kb, today)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody left to tell
            self.finished.emit(said)  # queued to the GUI thread

    def _tell(self, messages: list[str]) -> None:
        if not messages:
            return
        box = QMessageBox(QMessageBox.Icon.Information, ui().records_window.title, "\n\n".join(messages),
                          QMessageBox.StandardButton.Ok, self._parent)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()
