"""A touch number pad for the practitioner's PIN: check it (with the back-off shown) or set it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.records.pin import BadPin, PinLock

KEY_SIZE = 72


class PinPad(QDialog):
    """Digits by tap or keyboard; `accepted` only after the lock says yes."""

    def __init__(self, lock: PinLock, parent: QWidget, *, title: str = "Practitioner PIN") -> None:
        super().__init__(parent)
        self.lock = lock
        self.setWindowTitle(title)
        self.setModal(True)
        self.setAccessibleName("PIN pad")
        layout = QVBoxLayout(self)
        self.prompt = QLabel("Enter the practitioner's PIN", self)
        self.entry = QLineEdit(self)
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setAccessibleName("PIN")
        self.entry.setMaxLength(12)
        self.entry.setMinimumHeight(56)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel("", self)
        self.message.setAccessibleName("PIN message")
        self.message.setWordWrap(True)
        layout.addWidget(self.prompt)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "Delete"]
        for index, key in enumerate(keys):
            button = self._key(key)
            grid.addWidget(button, index // 3, index % 3)
        layout.addLayout(grid)
        self.ok = self._key("OK")
        self.cancel = self._key("Cancel")
        self.ok.setDefault(True)
        layout.addWidget(self.ok)
        layout.addWidget(self.cancel)
        self.ok.clicked.disconnect()
        self.cancel.clicked.disconnect()
        self.ok.clicked.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_wait)
        self._show_wait()

    def _key(self, key: str) -> QPushButton:
        button = QPushButton(key, self)
        button.setAccessibleName(f"PIN key {key}" if key.isdigit() else key)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._press(key))
        return button

    def _press(self, key: str) -> None:
        if key.isdigit():
            self.entry.setText((self.entry.text() + key)[:12])
        elif key == "Delete":
            self.entry.setText(self.entry.text()[:-1])
        elif key == "Clear":
            self.entry.clear()

    def _show_wait(self) -> None:
        wait = self.lock.wait_seconds()
        self.ok.setEnabled(wait <= 0)
        if wait > 0:
            self.message.setText(f"Too many wrong tries. Try again in {int(wait + 0.999)} s.")
            self._tick.start()
        else:
            self._tick.stop()
            if self.message.text().startswith("Too many"):
                self.message.setText("")

    def _submit(self) -> None:
        verdict = self.lock.verify(self.entry.text())
        self.entry.clear()
        if verdict.accepted:
            self.accept()
            return
        self.message.setText("That PIN is not right.")
        self._show_wait()


class SetPin(QDialog):
    """Choose the practitioner's PIN: typed twice, 4 to 12 digits."""

    def __init__(self, lock: PinLock, parent: QWidget) -> None:
        super().__init__(parent)
        self.lock = lock
        self.setWindowTitle("Set the practitioner PIN")
        self.setModal(True)
        self.setAccessibleName("Set PIN")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Choose a PIN of 4 to 12 digits. It unlocks patient mode.", self))
        self.first = self._field("New PIN")
        self.second = self._field("New PIN again")
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.message = QLabel("", self)
        self.message.setAccessibleName("PIN message")
        layout.addWidget(self.message)
        save = QPushButton("Save PIN", self)
        save.setAccessibleName("Save PIN")
        save.setMinimumHeight(56)
        save.clicked.connect(self._save)
        cancel = QPushButton("Cancel", self)
        cancel.setAccessibleName("Cancel")
        cancel.setMinimumHeight(56)
        cancel.clicked.connect(self.reject)
        layout.addWidget(save)
        layout.addWidget(cancel)

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        field.setPlaceholderText(name)
        field.setMinimumHeight(56)
        return field

    def _save(self) -> None:
        if self.first.text() != self.second.text():
            self.message.setText("The two PINs differ.")
            return
        try:
            self.lock.set_pin(self.first.text())
        except BadPin as error:
            self.message.setText(str(error))
            return
        self.accept()


def ask_pin(parent: QWidget, lock: PinLock) -> bool:
    return PinPad(lock, parent).exec() == QDialog.DialogCode.Accepted


def choose_pin(parent: QWidget, lock: PinLock) -> bool:
    return SetPin(lock, parent).exec() == QDialog.DialogCode.Accepted
