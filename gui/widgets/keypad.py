"""A number typed on big keys (units, mL): digits, a decimal point, backspace, clear, OK.

The keypad floats over the page beside the field it edits, never over that field, and every part of it
has a fixed size: typing moves nothing on the page. A value outside the allowed range is refused in
words and the earlier value kept; nothing is clamped.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.words import ui

KEY = QSize(72, 60)  # each key: well above the 48 px touch target
GAP = 8
WIDE = 4 * KEY.width() + 3 * GAP
FIELD = QSize(132, 52)
MAX_CHARS = 8  # what the value display holds; a longer entry is refused in words
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): str(n) for n in range(10)}


def number(value: float) -> str:
    return f"{value:g}"


class FixedButton(QPushButton):
    """A button of one size whatever its text. (A stylesheet's min-height or min-width, the theme's
    touch minimum, would overrule setFixedSize; a fixed size hint under a Fixed policy is kept.)"""

    def __init__(self, size: QSize, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._size = size
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMaximumSize(size)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._size

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._size


class KeypadField(FixedButton):
    """The field: shows the value with its unit; one tap opens the keypad. `value_changed(float | None)`
    fires on OK (None: cleared). The keypad opens beside `beside` (the field's card, say: its row stays
    readable), else beside the field."""

    value_changed = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None, *, unit: str, high: float, decimals: int = 0,
                 title: str = "", beside: QWidget | None = None) -> None:
        super().__init__(FIELD, "", parent)
        self.unit, self.high, self.decimals = unit, high, decimals
        self.title = title or name
        self.beside = beside
        self._value: float | None = None
        self.setAccessibleName(name)  # one size: a new value never resizes the row
        self.setAutoDefault(False)  # Enter on the page is not a tap on this field
        self.clicked.connect(self._toggle)
        self._show()

    @property
    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = value
        self._show()

    def commit(self, value: float | None) -> None:
        self.set_value(value)
        self.value_changed.emit(value)

    def _show(self) -> None:
        self.setText("—" if self._value is None else f"{number(self._value)} {self.unit}")

    def _toggle(self) -> None:
        keypad = Keypad.of(self)
        if keypad.field is self and keypad.isVisible():
            keypad.cancel()
        else:
            keypad.open_for(self)


class Keypad(QFrame):
    """One keypad per scrolling page (`Keypad.of(field)`), laid over the page's content so it scrolls
    with the field it edits."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("role", "keypad")
        self.setAccessibleName(ui().widgets.keypad)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # digits, Backspace, Enter and Escape by keyboard
        self.setStyleSheet("QPushButton { padding: 0; }")  # the theme's side padding would widen the keys
        self.field: KeypadField | None = None
        self.entry = ""
        self.fresh = False  # the shown value is the field's own; the first digit replaces it
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 14)
        outer.setSpacing(GAP)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "strong")
        self.heading.setFixedSize(WIDE, 24)
        outer.addWidget(self.heading)
        self.display = QLabel(self)
        self.display.setAccessibleName("Keypad: value")
        self.display.setProperty("role", "keypad_value")
        self.display.setFixedSize(WIDE, 60)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        outer.addWidget(self.display)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.message.setAccessibleName("Keypad: message")
        self.message.setWordWrap(True)
        self.message.setFixedSize(WIDE, 62)  # three lines: a refusal and what is kept
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(GAP)
        for row, digits in enumerate(("789", "456", "123")):
            for column, digit in enumerate(digits):
                grid.addWidget(self._key(digit, digit, lambda _=False, d=digit: self.press(d)), row, column)
        self.point = self._key(".", "point", lambda: self.press("."))
        grid.addWidget(self.point, 3, 0)
        grid.addWidget(self._key("0", "0", lambda: self.press("0")), 3, 1)
        grid.addWidget(self._key("⌫", "backspace", self.backspace), 0, 3)
        words = ui().widgets
        grid.addWidget(self._key(words.keypad_clear, "clear", self.clear, "quiet"), 1, 3)
        grid.addWidget(self._key(words.keypad_cancel, "cancel", self.cancel, "quiet"), 2, 3)
        ok = self._key(words.keypad_ok, "OK", self.ok, "primary", QSize(2 * KEY.width() + GAP, KEY.height()))
        grid.addWidget(ok, 3, 2, 1, 2)
        outer.addLayout(grid)
        self.setFixedSize(self.sizeHint())
        self.hide()

    @classmethod
    def of(cls, field: QWidget) -> Keypad:
        """The keypad of the field's page: on the scroll area's content, else on the window."""
        host: QWidget = field.window()
        parent = field.parentWidget()
        while parent is not None:
            content = parent.widget() if isinstance(parent, QScrollArea) else None
            if content is not None:
                host = content
                break
            parent = parent.parentWidget()
        keypad = host.findChild(Keypad, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return keypad if keypad is not None else cls(host)

    def _key(self, text: str, name: str, pressed: object, role: str = "", size: QSize = KEY) -> QPushButton:
        button = FixedButton(size, text, self)
        button.setAccessibleName(f"Keypad: {name}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the keypad
        button.setAutoDefault(False)
        if role:
            button.setProperty("role", role)
        button.clicked.connect(pressed)
        return button

    # --- opening and closing --------------------------------------------------------------------
    def open_for(self, field: KeypadField) -> None:
        if self.field is not None and self.field is not field and shiboken6.isValid(self.field):
            self.field.destroyed.disconnect(self._field_gone)
        if self.field is not field:
            field.destroyed.connect(self._field_gone)
        self.field = field
        self.entry = "" if field.value is None else number(field.value)
        self.fresh = True
        self.heading.setText(field.title)
        self.point.setEnabled(field.decimals > 0)
        self._say(self._range())
        self._show()
        self.move(self._place(field))
        self.raise_()
        self.show()
        self.setFocus()

    def _field_gone(self) -> None:
        """The page rebuilt the field's section: what was typed has nowhere to go."""
        self.field = None
        self.hide()

    def close_keypad(self) -> None:
        """Back to the field. (The focus goes there before the keypad hides: hiding the focused keypad
        first sent Qt looking for the next widget to focus, then the field took it back: ~2 ms of OK.)"""
        field = self.field
        if field is not None and shiboken6.isValid(field) and field.isVisible():
            field.setFocus()
        self.hide()

    def cancel(self) -> None:
        self.close_keypad()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        """Leaving the page drops what was typed: coming back, the keypad is not open on an old value."""
        super().hideEvent(event)
        if not self.isHidden():
            self.hide()

    def _place(self, field: KeypadField) -> QPoint:
        """Right of what it opens beside, else left of it, else below or above the field; inside what
        is on screen. Never over the field."""
        host = self.parentWidget()
        assert host is not None
        at = QRect(field.mapTo(host, QPoint(0, 0)), field.size())
        beside = field.beside if field.beside is not None and field.beside.isAncestorOf(field) else field
        side = QRect(beside.mapTo(host, QPoint(0, 0)), beside.size())
        seen = host.visibleRegion().boundingRect() if host.isVisible() else QRect()
        if seen.isEmpty():
            seen = host.rect()
        w, h = self.width(), self.height()
        top = max(seen.top(), min(at.top() - h // 3, seen.bottom() - h))
        left = max(seen.left(), min(at.left(), seen.right() - w))
        for point in (
            QPoint(side.right() + GAP, top),
            QPoint(side.left() - GAP - w, top),
            QPoint(at.right() + GAP, top),
            QPoint(left, at.bottom() + GAP),
            QPoint(left, at.top() - GAP - h),
        ):
            if seen.contains(QRect(point, QSize(w, h))):
                return point
        return QPoint(max(seen.left(), min(at.right() + GAP, seen.right() - w)), top)

    # --- typing ---------------------------------------------------------------------------------
    def press(self, char: str) -> None:
        """A digit or the decimal point; the first one after opening replaces the value shown."""
        field = self.field
        if field is None:
            return
        entry = "" if self.fresh else self.entry
        refused = self._refuse(field, entry, char)
        if refused:
            self._say(refused, refused=True)
            return
        self.fresh = False
        if char == ".":
            entry = entry if "." in entry else (entry or "0") + "."
        else:
            entry = char if entry == "0" else entry + char
        self.entry = entry
        self._check()

    def _refuse(self, field: KeypadField, entry: str, char: str) -> str:
        words = ui().widgets
        if char == "." and field.decimals == 0:
            return words.fill("whole", unit=field.unit)
        _, point, decimals = entry.partition(".")
        if char != "." and point and len(decimals) >= field.decimals:
            if field.decimals == 1:
                return words.fill("one_decimal", entry=entry, unit=field.unit)
            return words.fill("decimals", places=field.decimals, entry=entry, unit=field.unit)
        if len(entry) >= MAX_CHARS:
            return words.fill("digits", entry=entry, unit=field.unit)
        return ""

    def backspace(self) -> None:
        self.fresh = False
        self.entry = self.entry[:-1]
        self._check()

    def clear(self) -> None:
        self.fresh = False
        self.entry = ""
        self._check()

    def ok(self) -> None:
        field = self.field
        if field is None:
            return
        problem = self._problem()
        if problem:
            self._say(ui().widgets.fill("not_taken", problem=problem, earlier=self._earlier(field)), refused=True)
            return
        value = float(self.entry) if self.entry.strip(".") else None
        self.close_keypad()
        if value != field.value:
            field.commit(value)

    def _check(self) -> None:
        """Say at once when the typed value is out of range; OK will refuse it."""
        self._show()
        problem = self._problem()
        self._say(problem or self._range(), refused=bool(problem))

    def _problem(self) -> str:
        field = self.field
        if field is None or not self.entry.strip("."):
            return ""
        value = float(self.entry)
        if value <= 0:
            return ui().widgets.fill("above_zero", entry=self.entry, unit=field.unit)
        if value > field.high:
            return ui().widgets.fill("too_much", value=number(value), unit=field.unit, high=number(field.high))
        return ""

    def _range(self) -> str:
        field = self.field
        if field is None:
            return ""
        return ui().widgets.fill("range", high=number(field.high), unit=field.unit)

    def _earlier(self, field: KeypadField) -> str:
        words = ui().widgets
        return words.stays_empty if field.value is None else words.fill("kept", value=number(field.value), unit=field.unit)

    def _say(self, text: str, refused: bool = False) -> None:
        self.message.setText(text)
        _restyle(self.message, "role", "reason" if refused else "hint")

    def _show(self) -> None:
        field = self.field
        unit = field.unit if field is not None else ""
        self.display.setText(f"{self.entry or '–'} {unit}")
        _restyle(self.display, "typed", "true" if self.entry and not self.fresh else "false")  # grey: not typed

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key in DIGIT_KEYS:
            self.press(DIGIT_KEYS[key])
        elif key in (Qt.Key.Key_Period, Qt.Key.Key_Comma):
            self.press(".")
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key == Qt.Key.Key_Delete:
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.ok()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)
            return
        event.accept()  # not the wizard's: Enter is not Next, Escape is not Cancel


def _restyle(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
