"""A number set by big step buttons instead of a spin box: −5 −1 [value] +1 +5, and Clear."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

STEPS = ((-5, "−5"), (-1, "−1"), (1, "+1"), (5, "+5"))


class Stepper(QWidget):
    value_changed = Signal(object)

    def __init__(
        self, name: str, parent: QWidget | None = None, *, low: float = 0, high: float = 1000, unit: str = ""
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._low, self._high, self._unit = low, high, unit
        self._value: float | None = None
        self.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for step, text in STEPS[:2]:
            layout.addWidget(self._button(step, text))
        self.shown = QLabel(self)
        self.shown.setMinimumWidth(80)
        self.shown.setAccessibleName(f"{name}: value")
        layout.addWidget(self.shown)
        for step, text in STEPS[2:]:
            layout.addWidget(self._button(step, text))
        self.clear = QPushButton("Clear", self)
        self.clear.setProperty("role", "quiet")
        self.clear.setAccessibleName(f"{name}: clear")
        self.clear.clicked.connect(lambda: self._commit(None))
        layout.addWidget(self.clear)
        layout.addStretch(1)
        self._show()

    def _button(self, step: int, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(f"{self._name}: {text.replace('−', '-')}")
        button.clicked.connect(lambda: self._step(step))
        return button

    @property
    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = value
        self._show()

    def _step(self, step: int) -> None:
        current = self._value or 0
        value = min(max(current + step, self._low), self._high)
        self._commit(value if value > self._low else None)

    def _commit(self, value: float | None) -> None:
        self.set_value(value)
        self.value_changed.emit(value)

    def _show(self) -> None:
        if self._value is None:
            self.shown.setText("—")
        else:
            number = f"{self._value:g}"
            self.shown.setText(f"<b>{number}</b> {self._unit}".strip())
        self.clear.setEnabled(self._value is not None)
