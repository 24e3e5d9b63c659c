"""An earlier consultation, read-only: the plan as it was stored (with its knowledge-base version)
and the answers it was made from. Nothing here can change the record."""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from core.knowledge.models import KnowledgeBase
from core.records import StoredConsultation
from core.report import render_plan


class ConsultView(QDialog):
    review_requested = Signal(str)
    fhir_requested = Signal(str)

    def __init__(self, stored: StoredConsultation, kb: KnowledgeBase, parent: QWidget) -> None:
        super().__init__(parent)
        self.stored = stored
        c = stored.consultation
        self.setWindowTitle(f"{c.patient.name} · {c.consult_date.isoformat()} (read-only)")
        self.setAccessibleName("Earlier consultation")
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        status = "final" if stored.status == "final" else "saved as draft"
        layout.addWidget(QLabel(
            f"Stored {stored.updated_at:%d %B %Y %H:%M} UTC · {status} · knowledge base "
            f"{stored.kb_version or 'not recorded'}", self))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Consultation text")
        self.text.setFont(QFont("monospace"))
        plan_text = render_plan(c, stored.plan, kb) if stored.plan else "No plan was stored."
        answers = json.dumps(c.model_dump(mode="json", exclude_defaults=True), indent=2, ensure_ascii=False)
        self.text.setPlainText(f"{plan_text}\n\nAnswers\n{answers}\n")
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        for text, slot in (("Start a review consult", self._review), ("Export FHIR…", self._fhir),
                           ("Close", self.accept)):
            button = QPushButton(text, self)
            button.setAccessibleName(text)
            button.setMinimumHeight(52)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)

    def _review(self) -> None:
        self.review_requested.emit(self.stored.patient_uid)
        self.accept()

    def _fhir(self) -> None:
        self.fhir_requested.emit(self.stored.uid)
