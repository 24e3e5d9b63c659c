"""Question rows: the whole row is the tap target (Picard's WizardCheckbox habit)."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from core.vocabulary import Reply
from gui.widgets.choice import ChoiceButtons
from gui.words import ui


class YesNoRow(QFrame):
    """A question with big Yes / No buttons; None until answered."""

    answered = Signal(object)

    def __init__(self, question: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        self.label = QLabel(question, self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        words = ui().rows
        self.choice = ChoiceButtons(name, ((True, words.yes), (False, words.no)), self, min_width=84)
        layout.addWidget(self.choice, 0)
        self.choice.chosen.connect(self._answered)

    def _answered(self, value: object) -> None:
        self.answered.emit(value)

    @property
    def value(self) -> bool | None:
        value: bool | None = self.choice.value
        return value

    def set_value(self, value: bool | None) -> None:
        self.choice.set_value(value)


class ReplyRow(QFrame):
    """A safety question: Yes / No, or neither (not asked). A second tap on the chosen reply takes it
    back to not asked, and the row says "Not asked" in words, so the third state never rests on the
    absence of a highlight alone. A tap never moves the buttons: the words keep their room when hidden."""

    answered = Signal(object)  # a Reply

    def __init__(self, question: str, name: str, words: dict[Reply, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        self.label = QLabel(question, self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.state = QLabel(words[Reply.NOT_ASKED], self)
        self.state.setProperty("role", "hint")
        self.state.setAccessibleName(ui().rows.fill("state", name=name))
        keep = self.state.sizePolicy()  # hidden once answered, its room kept: the buttons never move
        keep.setRetainSizeWhenHidden(True)
        self.state.setSizePolicy(keep)
        layout.addWidget(self.state, 0)
        options = ((Reply.YES, words[Reply.YES]), (Reply.NO, words[Reply.NO]))
        self.choice = ChoiceButtons(name, options, self, clearable=True, min_width=84)
        layout.addWidget(self.choice, 0)
        self.choice.chosen.connect(self._answered)
        self._paint()

    def _answered(self, value: Reply | None) -> None:
        self._paint()
        self.answered.emit(value or Reply.NOT_ASKED)

    def _paint(self) -> None:
        self.state.setVisible(self.choice.value is None)

    @property
    def value(self) -> Reply:
        value: Reply | None = self.choice.value
        return value or Reply.NOT_ASKED

    def set_value(self, value: Reply) -> None:
        self.choice.set_value(None if value is Reply.NOT_ASKED else value)
        self._paint()


class ToggleRow(QFrame):
    """A tappable row that is on or off, with a tick mark so the state never rests on colour."""

    toggled = Signal(bool)

    def __init__(self, text: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName(name)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)  # QtCore.Qt at call time: the first page's
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)  # rows come before Qt's enums (gui/app.py)
        self.setMinimumHeight(52)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        self._mark = QLabel(self)
        self._mark.setFixedWidth(28)
        layout.addWidget(self._mark)
        self._text = QLabel(text, self)
        self._text.setWordWrap(True)
        layout.addWidget(self._text, 1)
        self._checked = False
        self._paint()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming, as QAbstractButton
        self._text.setText(text)

    def isChecked(self) -> bool:  # noqa: N802 - Qt naming, as QAbstractButton
        return self._checked

    def setChecked(self, checked: bool) -> None:  # noqa: N802
        self._checked = checked
        self._paint()

    def _paint(self) -> None:
        self._mark.setText("☑" if self._checked else "☐")
        self.setProperty("role", "info" if self._checked else "card")
        self.style().unpolish(self)
        self.style().polish(self)

    def _flip(self) -> None:
        self.setChecked(not self._checked)
        self.toggled.emit(self._checked)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == QtCore.Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._flip()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (QtCore.Qt.Key.Key_Space, QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            self._flip()
            return
        super().keyPressEvent(event)


class Stack(QWidget):
    """A plain vertical list of rows."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
