"""A bar of the wizard's steps: tap one to go there without paging through.

Every step has the same fixed slot and the bar a fixed height, so nothing in it moves or resizes when
tapped; a step's state (here, open, not open yet) is drawn in words and outline, never in colour alone.
The bar only asks (`step_tapped`); whoever owns the pages decides, and a refusal is said under the bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6 import QtCore
from PySide6.QtCore import QPoint, QRectF, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QEnterEvent, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QSizePolicy, QWidget

from gui import theme
from gui.words import ui

HEIGHT = 52  # a step's touch target (theme.TOUCH is the least)
NOTE_MS = 6000  # how long a refusal stays under the bar
# int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), held to it by tests/test_gui_step_bar.py:
# the bar paints in the first frame, before anything builds Qt's `Qt` enums (see gui/app.py)
CENTRED_WRAPPED = 0x0084 | 0x1000
LOCKED_DASHES = [4.0, 2.0]  # Qt.PenStyle.DashLine's pattern, in pen widths


class StepState(Enum):
    CURRENT = "current"
    OPEN = "open"
    LOCKED = "not open yet"


class Step(QAbstractButton):
    """One step: its name (wrapped on two lines when long) in a fixed slot."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(name)
        self.setAccessibleName(ui().steps.fill("go_to", step=name))  # focus: a button's StrongFocus
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # the text never sizes it
        self.setFixedHeight(HEIGHT)
        self.state = StepState.OPEN

    def set_state(self, state: StepState) -> None:
        if state is not self.state:
            self.state = state
            self.setAccessibleDescription(ui().steps.locked if state is StepState.LOCKED else "")
            self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(theme.TOUCH, HEIGHT)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)  # on the first hover, not in the first paint
        super().enterEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        font = QFont(self.font())
        font.setPixelSize(14)
        if self.state is StepState.CURRENT:
            painter.setPen(QPen(QColor("#1f4f52"), 2))
            painter.setBrush(QColor(theme.ACCENT))
            font.setWeight(QFont.Weight.DemiBold)
            ink = QColor("white")
        elif self.state is StepState.LOCKED:
            dashed = QPen(QColor("#cfc4bd"), 1)
            dashed.setDashPattern(LOCKED_DASHES)
            painter.setPen(dashed)
            painter.setBrush(QColor(theme.SURFACE))
            ink = QColor(theme.MUTED)
        else:
            painter.setPen(QPen(QColor("#cfc4bd"), 1))
            painter.setBrush(QColor(theme.CARD))
            ink = QColor(theme.INK)
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.ACCENT), 2))
        painter.drawRoundedRect(box, 8, 8)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(box.adjusted(6, 2, -6, -2), CENTRED_WRAPPED, self.text())
        painter.end()


class StepBar(QWidget):
    """The steps in equal, fixed slots; `step_tapped(index)` asks to go to a step of the bar."""

    step_tapped = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(ui().steps.name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(HEIGHT + 12)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(24, 6, 24, 6)  # in line with the pages' bodies
        self._layout.setSpacing(6)
        self.steps: list[Step] = []
        self.note = QLabel(self.window())  # the refusal, laid over the page under the bar: nothing moves
        self.note.setProperty("textFormat", "PlainText")  # by name: the bar is in the first paint (gui/app.py)
        self.note.setProperty("role", "refusal")
        self.note.setWordWrap(True)
        self.note.setAccessibleName(ui().steps.why)
        self.note.hide()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_MS)
        self._note_timer.timeout.connect(self.note.hide)

    def set_steps(self, names: Sequence[str]) -> None:
        """The steps, in order (a new list replaces the old one; an equal list keeps its buttons)."""
        if [step.text() for step in self.steps] == list(names):
            return
        for step in self.steps:
            self._layout.removeWidget(step)
            step.hide()
            step.deleteLater()
        self.steps = []
        for index, name in enumerate(names):
            step = Step(name, self)
            step.clicked.connect(lambda _checked=False, i=index: self._tapped(i))
            self._layout.addWidget(step, 1)
            step.show()  # now, not on the next event pass: the old steps are gone already
            self.steps.append(step)

    def set_states(self, current: int, last_open: int) -> None:
        """Mark `current`; steps after `last_open` are not open yet (a tap on them is answered with why)."""
        for index, step in enumerate(self.steps):
            state = (StepState.CURRENT if index == current
                     else StepState.LOCKED if index > last_open else StepState.OPEN)
            step.set_state(state)

    def say(self, text: str) -> None:
        """Why a tapped step is not open, under the bar for a few seconds; an empty text hides it."""
        if not text:
            self.note.hide()
            return
        window = self.window()
        if self.note.parentWidget() is not window:
            self.note.setParent(window)
        self.note.setText(text)
        margins = self._layout.contentsMargins()
        top_left = self.mapTo(window, QPoint(margins.left(), self.height() - margins.bottom() + 2))
        self.note.setFixedWidth(self.width() - margins.left() - margins.right())
        self.note.move(top_left)
        self.note.adjustSize()
        self.note.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # taps go through
        self.note.raise_()
        self.note.show()
        self._note_timer.start()

    def _tapped(self, index: int) -> None:
        self.note.hide()
        self.step_tapped.emit(index)
