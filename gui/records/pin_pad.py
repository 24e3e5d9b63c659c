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
from gui.words import ui

KEY_SIZE = 72
CLEAR, DELETE = "clear", "delete"  # the two keys that are not digits


class PinPad(QDialog):
    """Digits by tap or keyboard; `accepted` only after the lock says yes."""

    def __init__(self, lock: PinLock, parent: QWidget, *, title: str = "") -> None:
        super().__init__(parent)
        words = ui().pin
        self.lock = lock
        self.verdict = Verdict(False)
        self.waiting = False  # the back-off is on the message line
        self.setWindowTitle(title or words.title)
        self.setModal(True)
        self.setAccessibleName(words.name)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(words.prompt, self)
        self.entry = QLineEdit(self)
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setAccessibleName(words.entry_name)
        self.entry.setMaxLength(MAX_DIGITS)
        self.entry.setMinimumHeight(56)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # digits, left to right in any language
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.message.setAccessibleName(words.message_name)
        self.message.setWordWrap(True)
        layout.addWidget(self.prompt)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        pad = QWidget(self)
        pad.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # 1 2 3 from the left, as on every keypad
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", CLEAR, "0", DELETE]
        for index, key in enumerate(keys):
            button = self._key(key)
            grid.addWidget(button, index // 3, index % 3)
        layout.addWidget(pad)
        self.ok = self._key("ok")
        self.cancel = self._key("cancel")
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
        words = ui().pin
        text = key if key.isdigit() else getattr(words, key)
        button = QPushButton(text, self)
        button.setAccessibleName(words.fill("key_name", key=key) if key.isdigit() else text)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._press(key))
        return button

    def _press(self, key: str) -> None:
        if key.isdigit():
            self.entry.setText((self.entry.text() + key)[:MAX_DIGITS])
        elif key == DELETE:
            self.entry.setText(self.entry.text()[:-1])
        elif key == CLEAR:
            self.entry.clear()

    def _show_wait(self) -> None:
        wait = self.lock.wait_seconds()
        self.ok.setEnabled(wait <= 0)
        if wait > 0:
            self.message.setText(ui().pin.fill("wait", seconds=int(wait + 0.999)))
            self.waiting = True
            self._tick.start()
        else:
            self._tick.stop()
            if self.waiting:
                self.message.setText("")
            self.waiting = False

    def _submit(self) -> None:
        self.verdict = self.lock.verify(self.entry.text())
        self.entry.clear()
        if self.verdict.accepted:
            self.accept()
            return
        self.waiting = False
        self.message.setText(ui().pin.wrong if self.lock.has_pin else ui().pin.no_pin)
        self._show_wait()


class SetPin(QDialog):
    """Choose the practitioner's PIN: typed twice, at least MIN_DIGITS digits."""

    def __init__(self, lock: PinLock, parent: QWidget, *, reason: str = "") -> None:
        super().__init__(parent)
        words = ui().pin
        self.lock = lock
        self.setWindowTitle(words.set_title)
        self.setModal(True)
        self.setAccessibleName(words.set_name)
        layout = QVBoxLayout(self)
        self.reason = QLabel(reason, self)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(words.why_name)
        self.reason.setVisible(bool(reason))
        layout.addWidget(self.reason)
        rule = QLabel(words.fill("rule", min=MIN_DIGITS, max=MAX_DIGITS), self)
        rule.setWordWrap(True)
        layout.addWidget(rule)
        self.first = self._field(words.new)
        self.second = self._field(words.again)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.message.setAccessibleName(words.message_name)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        save = QPushButton(words.save, self)
        save.setAccessibleName(words.save)
        save.setMinimumHeight(56)
        save.clicked.connect(self._save)
        cancel = QPushButton(words.later if reason else words.cancel, self)
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
                raise BadPin(ui().pin.differ)
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
        SetPin(lock, parent, reason=ui().pin.fill("short_pin", min=MIN_DIGITS)).exec()
    return True


def choose_pin(parent: QWidget, lock: PinLock) -> bool:
    return SetPin(lock, parent).exec() == QDialog.DialogCode.Accepted
