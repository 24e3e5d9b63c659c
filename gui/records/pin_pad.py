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

from core.records.pin import MAX_DIGITS, MIN_DIGITS, BadPin, PinLock, Verdict, check_pin

KEY_SIZE = 72
SHORT_PIN = (f"Your PIN was right, but it is shorter than {MIN_DIGITS} digits, and PINs now need at least "
             f"{MIN_DIGITS}. Please choose a new PIN now. If you choose Later, Thirds asks again after "
             "the next PIN entry.")
NO_PIN = ("No practitioner PIN is set: it was reset. Close Thirds and start it again; it asks for a new PIN "
          "the next time one is needed.")


class PinPad(QDialog):
    """Digits by tap or keyboard; `accepted` only after the lock says yes."""

    def __init__(self, lock: PinLock, parent: QWidget, *, title: str = "Practitioner PIN") -> None:
        super().__init__(parent)
        self.lock = lock
        self.verdict = Verdict(False)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setAccessibleName("PIN pad")
        layout = QVBoxLayout(self)
        self.prompt = QLabel("Enter the practitioner's PIN", self)
        self.entry = QLineEdit(self)
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setAccessibleName("PIN")
        self.entry.setMaxLength(MAX_DIGITS)
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
            self.entry.setText((self.entry.text() + key)[:MAX_DIGITS])
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
        self.verdict = self.lock.verify(self.entry.text())
        self.entry.clear()
        if self.verdict.accepted:
            self.accept()
            return
        self.message.setText("That PIN is not right." if self.lock.has_pin else NO_PIN)
        self._show_wait()


class SetPin(QDialog):
    """Choose the practitioner's PIN: typed twice, at least MIN_DIGITS digits."""

    def __init__(self, lock: PinLock, parent: QWidget, *, reason: str = "") -> None:
        super().__init__(parent)
        self.lock = lock
        self.setWindowTitle("Set the practitioner PIN")
        self.setModal(True)
        self.setAccessibleName("Set PIN")
        layout = QVBoxLayout(self)
        self.reason = QLabel(reason, self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why a new PIN")
        self.reason.setVisible(bool(reason))
        layout.addWidget(self.reason)
        rule = QLabel(f"Choose a PIN of at least {MIN_DIGITS} digits (at most {MAX_DIGITS}). "
                      "It unlocks patient mode.", self)
        rule.setWordWrap(True)
        layout.addWidget(rule)
        self.first = self._field("New PIN")
        self.second = self._field("New PIN again")
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.message = QLabel("", self)
        self.message.setAccessibleName("PIN message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        save = QPushButton("Save PIN", self)
        save.setAccessibleName("Save PIN")
        save.setMinimumHeight(56)
        save.clicked.connect(self._save)
        cancel = QPushButton("Later" if reason else "Cancel", self)
        cancel.setAccessibleName(cancel.text())
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
        field.setMaxLength(MAX_DIGITS + 1)  # one more, so that a PIN too long is refused, not cut
        return field

    def _save(self) -> None:
        try:
            check_pin(self.first.text())
            if self.first.text() != self.second.text():
                raise BadPin("The two PINs differ.")
            self.lock.set_pin(self.first.text())
        except BadPin as error:
            self.message.setText(str(error))
            return
        self.accept()


def ask_pin(parent: QWidget, lock: PinLock) -> bool:
    """The right PIN; one shorter than today's rule is accepted, then a new one is asked for."""
    pad = PinPad(lock, parent)
    if pad.exec() != QDialog.DialogCode.Accepted:
        return False
    if pad.verdict.must_change:
        SetPin(lock, parent, reason=SHORT_PIN).exec()
    return True


def choose_pin(parent: QWidget, lock: PinLock) -> bool:
    return SetPin(lock, parent).exec() == QDialog.DialogCode.Accepted
