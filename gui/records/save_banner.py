"""One calm line while the records cannot be written: why, how many changes wait, that Thirds keeps
them and tries again, and a button to try now. It lies over the right of the header, where the page
title leaves room, so nothing on the page moves when it comes and goes; once a save goes through it
says so and leaves."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from gui.words import ui

SAVED_MS = 4000  # how long "Saved" stays
MARGIN = 12
WIDTH = 560  # at most; on a narrow window, half of it (the page title keeps the left half)


def waiting_text(why: str, waiting: int) -> str:
    words = ui().records
    changes = words.change_one if waiting == 1 else words.fill("changes", n=waiting)
    return words.fill("not_saved", why=why, changes=changes)


def held_text(waiting: int) -> str:
    words = ui().drafts
    return words.fill("held", changes=words.held_one if waiting == 1 else words.fill("held_many", n=waiting))


class SaveBanner(QFrame):
    retry_requested = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setProperty("role", "caution")
        self.setAccessibleName(ui().records.saving)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 6, 4)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.text.setWordWrap(True)
        self.text.setAccessibleName(ui().records.why_not_saved)
        self.retry = QPushButton(ui().records.try_now, self)
        self.retry.setAccessibleName(ui().records.try_name)
        self.retry.clicked.connect(self.retry_requested)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry)
        self._leave = QTimer(self)
        self._leave.setSingleShot(True)
        self._leave.setInterval(SAVED_MS)
        self._leave.timeout.connect(self.hide)
        window.installEventFilter(self)
        self.hide()

    def not_saved(self, why: str, waiting: int) -> None:
        self._leave.stop()
        self._show(waiting_text(why, waiting), "caution", retry=True)

    def held(self, waiting: int) -> None:
        """Kept on the tablet while the clinic server is away: nothing to retry by hand."""
        self._leave.stop()
        self._show(held_text(waiting), "caution", retry=False)

    def saved(self, *_: object) -> None:
        if self.isVisible() and self.property("role") == "caution":
            self._show(ui().records.saved, "info", retry=False)
            self._leave.start()

    def _show(self, text: str, role: str, *, retry: bool) -> None:
        self.text.setText(text)
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)
            self.style().polish(self)
        self.retry.setVisible(retry)
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        window = self.parentWidget()
        if window is not None:
            self.setFixedWidth(min(WIDTH, window.width() // 2 - MARGIN))
            self.adjustSize()
            self.move(window.width() - self.width() - MARGIN, MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self._place()
        return False


