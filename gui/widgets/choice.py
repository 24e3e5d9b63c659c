"""Big single-choice buttons (grades 0-4, yes/no, options): one tap picks, a second tap can clear."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QSizePolicy, QWidget


class ChoiceButtons(QWidget):
    """A row of checkable buttons; `value` is the chosen option's value or None."""

    chosen = Signal(object)

    def __init__(
        self,
        name: str,
        options: Sequence[tuple[Any, str]],
        parent: QWidget | None = None,
        *,
        clearable: bool = False,
        min_width: int = 56,
        columns: int = 0,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._clearable = clearable
        self._values = [value for value, _ in options]
        self._value: Any = None
        self.setAccessibleName(name)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        columns = columns or len(options)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self.buttons: list[QPushButton] = []
        for index, (_value, label) in enumerate(options):
            button = QPushButton(label, self)
            button.setCheckable(True)
            button.setAccessibleName(f"{name}: {label}")
            button.setMinimumWidth(min_width)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self._group.addButton(button, index)
            layout.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        layout.setColumnStretch(columns, 1)
        self._group.idClicked.connect(self._clicked)

    @property
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value if value in self._values else None
        for index, button in enumerate(self.buttons):
            button.setChecked(self._value is not None and self._values[index] == self._value)

    def button_for(self, value: Any) -> QPushButton:
        return self.buttons[self._values.index(value)]

    def _clicked(self, index: int) -> None:
        value = self._values[index]
        if value == self._value and self._clearable:
            value = None
        elif value == self._value:
            self.set_value(value)
            return
        self.set_value(value)
        self.chosen.emit(value)
