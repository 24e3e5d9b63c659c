"""The patient's language, one tap: a button per language the clinic has texts in, the current one
checked. The consent and finish pages show it; the draft keeps the choice (`patient_language`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from core.knowledge.ui import language_name

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase

COLUMNS = 3  # lined up with the finish page's three columns of buttons


def patient_languages(kb: KnowledgeBase) -> list[str]:
    """The languages the clinic has texts in, its own first."""
    return sorted(kb.texts, key=lambda code: (code != kb.settings.clinic.language, code))


class LanguageButtons(QWidget):
    """`chosen(code)` on a tap; `set_current(code)` checks one (the page says which is current)."""

    chosen = Signal(str)

    def __init__(self, codes: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        self.buttons: dict[str, QPushButton] = {}
        for index, code in enumerate(codes):
            name = language_name(code)
            button = QPushButton(name, self)
            button.setAccessibleName(name)
            button.setCheckable(True)
            button.setMinimumHeight(56)
            button.clicked.connect(lambda _checked=False, c=code: self._tapped(c))
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.buttons[code] = button

    def set_current(self, code: str) -> None:
        for other, button in self.buttons.items():
            button.setChecked(other == code)

    def _tapped(self, code: str) -> None:
        self.set_current(code)  # at once, as the tap's own look; the page confirms with set_current
        self.chosen.emit(code)
