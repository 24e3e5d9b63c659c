"""One question in a message box, made for a finger: every answer a button at least 160 × 52, named
for screen readers, a safe default and Escape on the safe answer."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

T = TypeVar("T", bound=Hashable)
Role = QMessageBox.ButtonRole
Icon = QMessageBox.Icon
BUTTON = (160, 52)


def ask(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
        answers: Sequence[tuple[T, str, QMessageBox.ButtonRole]], *, safe: T, default: T | None = None,
        name: str = "") -> T:
    """The answer whose button was tapped; `safe` when the box is closed otherwise (Escape too).
    `default` (Enter) is `safe` unless given."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setAccessibleName(name or title)
    buttons = {}
    for value, label, role in answers:
        button = box.addButton(label, role)
        button.setAccessibleName(label)
        button.setMinimumSize(*BUTTON)
        buttons[value] = button
    box.setDefaultButton(buttons[safe if default is None else default])
    box.setEscapeButton(buttons[safe])
    box.exec()
    clicked = box.clickedButton()
    return next((value for value, button in buttons.items() if button is clicked), safe)
