"""An earlier consultation, read-only, as the practitioner reads it: the pages of its record PDF,
drawn from the plan stored with it. Nothing here can change the record, and nothing is written to disk."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.dates import show_moment
from core.engine import InvalidConsultation, plan
from core.knowledge.models import KnowledgeBase
from core.records import StoredConsultation
from core.takeaway import record_pdf
from gui.errors import describe
from gui.labels import day
from gui.widgets.pdf_pages import PdfPages
from gui.words import ui

log = logging.getLogger(__name__)


def record_of(stored: StoredConsultation, kb: KnowledgeBase) -> tuple[bytes, bool]:
    """The record PDF in memory, and whether its plan had to be recomputed (an old plan-less draft)."""
    if stored.plan is not None:
        return record_pdf(stored.consultation, stored.plan, kb), False
    return record_pdf(stored.consultation, plan(stored.consultation, kb), kb), True


def status_line(stored: StoredConsultation, kb: KnowledgeBase) -> str:
    """When it was stored, in this computer's local time and the clinic's locale (stored in UTC)."""
    words = ui().consult_view
    return words.fill("status", moment=show_moment(stored.updated_at, kb.settings.clinic.locale),
                      status=words.final if stored.status == "final" else words.draft,
                      version=stored.kb_version or words.not_recorded)


class ConsultView(QDialog):
    review_requested = Signal(str)
    fhir_requested = Signal(str)

    def __init__(self, stored: StoredConsultation, kb: KnowledgeBase, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.stored = stored
        c = stored.consultation
        words = ui().consult_view
        self.setWindowTitle(words.fill("title", name=c.patient.name, date=day(kb, c.consult_date)))
        self.setAccessibleName(words.name)
        self.resize((parent or self).screen().availableGeometry().size() * 0.9)  # a page wants the room
        layout = QVBoxLayout(self)
        self.status = QLabel(status_line(stored, kb), self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.status.setAccessibleName(words.stored_name)
        self.status.setProperty("role", "hint")
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.message.setAccessibleName(words.message_name)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "caution")
        self.message.setMargin(10)
        self.message.hide()
        layout.addWidget(self.message)
        self.pages: PdfPages | None = None
        try:
            pdf, recomputed = record_of(stored, kb)
            self.pages = PdfPages(pdf, self)
        except InvalidConsultation as error:
            self._say(words.fill("not_planned", problems="; ".join(str(p) for p in error.problems)))
        except Exception as error:  # noqa: BLE001 (a record that cannot be drawn is said in a sentence, never a traceback)
            log.warning("record not drawn: %s", describe(type(error), error.__traceback__))
            self._say(words.not_drawn)
        else:
            if recomputed:
                self._say(words.fill("recomputed", version=kb.version))
            self.pages.tools.insertWidget(0, self.status, 1)
            layout.addWidget(self.pages, 1)
            self.pages.area.setFocus()  # the arrow and page keys scroll the record
        if self.pages is None:
            layout.insertWidget(0, self.status)
            layout.addStretch(1)
        row = QHBoxLayout()
        for text, slot in ((words.review, self._review), (words.fhir, self._fhir), (words.close, self.accept)):
            button = QPushButton(text, self)
            button.setAccessibleName(text)
            button.setMinimumHeight(52)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        self.finished.connect(self._release)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _release(self) -> None:
        if self.pages is not None:
            self.pages.release()

    def _review(self) -> None:
        self.review_requested.emit(self.stored.patient_uid)
        self.accept()

    def _fhir(self) -> None:
        self.fhir_requested.emit(self.stored.uid)
