"""Patient mode: the tablet in the patient's hands shows the intake pages and nothing else until the
practitioner's PIN is entered. Every way out is closed here: page navigation, the window's close
button, Escape, every keyboard shortcut, other windows and the records, settings and plan entries;
the window is full screen, without a minimise button, and put back to full screen if it is left.
Taking the tablet back, the practitioner sees what the patient answered (the wizard's review).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget, QWizard

from core.records.pin import PinLock
from gui.records.pin_pad import ask_pin
from gui.words import ui

INTAKE_PAGES = ("GoalsPage", "HistoryPage", "ScreeningPage")
Button = QWizard.WizardButton
PRACTITIONER = Button.CustomButton3
NORMAL_LAYOUT = [Button.Stretch, Button.BackButton, Button.NextButton, Button.CommitButton,
                 Button.FinishButton, Button.CancelButton]
AskPin = Callable[[QWidget, PinLock], bool]


def _app() -> QCoreApplication:
    app = QApplication.instance()
    assert app is not None, "patient mode needs the running application"
    return app


def walk_to(wizard: QWizard, target: int) -> None:
    """Back and Next, page by page, so the wizard's history stays true: setCurrentId backwards leaves
    later pages in it (Next then refuses: 'page already met'), and forwards it skips the pages between
    (Back then jumps to the first page)."""
    while wizard.currentId() > target:
        wizard.back()
    while wizard.currentId() < target:
        before = wizard.currentId()
        wizard.next()
        if wizard.currentId() == before:
            wizard.setCurrentId(target)  # a page refused to go on: jump, as before
            return


class PatientMode(QObject):
    changed = Signal(bool)

    def __init__(
        self,
        wizard: QWizard,
        lock: PinLock,
        *,
        intake: Iterable[str] = INTAKE_PAGES,
        ask: AskPin = ask_pin,
        normal_layout: list[QWizard.WizardButton] | None = None,
    ) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.lock = lock
        self.intake = tuple(intake)
        self.ask = ask
        self.normal_layout = normal_layout or NORMAL_LAYOUT
        self.active = False
        self._guarded: list[QWidget | QAction] = []
        self._hidden: list[QWidget] = []
        self._last = -1
        self._window: tuple[Qt.WindowType, Qt.WindowState] | None = None  # flags and state to restore
        self.button = QPushButton(ui().records.practitioner, wizard)
        self.button.setAccessibleName(ui().records.return_name)
        self.button.setMinimumSize(160, 52)
        self.button.clicked.connect(self.leave)
        wizard.setButton(PRACTITIONER, self.button)
        self.button.hide()
        wizard.currentIdChanged.connect(self._on_page)

    def guard(self, *items: QWidget | QAction) -> None:
        """Entries to the records, settings or another patient: off while in patient mode."""
        self._guarded.extend(items)
        if self.active:
            for item in items:
                item.setEnabled(False)

    def intake_ids(self) -> list[int]:
        return [i for i in self.wizard.pageIds() if type(self.wizard.page(i)).__name__ in self.intake]

    def enter(self) -> bool:
        """Hand the tablet over; False when no PIN is set (the practitioner sets one first)."""
        if self.active:
            return True
        if not self.lock.has_pin or not self.intake_ids():
            return False
        ids = self.intake_ids()
        if self.wizard.currentId() not in ids:
            walk_to(self.wizard, ids[0])  # before the lock: on the way, the guard would turn every step back
        self.active = True
        self.lock.patient_mode = True
        _app().installEventFilter(self)
        for item in self._guarded:
            item.setEnabled(False)
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and window is not self.wizard.window():
                window.hide()
                self._hidden.append(window)
        self._last = self.wizard.currentId()
        self._layout()
        self._full_screen()
        self._tell_pages(True)
        self.changed.emit(True)
        return True

    def _full_screen(self) -> None:
        """Full screen, and no minimise (nor maximise, nor close) button on the window's frame."""
        window = self.wizard.window()
        self._window = (window.windowFlags(), window.windowState())
        hints = (Qt.WindowType.WindowMinimizeButtonHint | Qt.WindowType.WindowMaximizeButtonHint
                 | Qt.WindowType.WindowCloseButtonHint)
        window.setWindowFlags((window.windowFlags() | Qt.WindowType.CustomizeWindowHint) & ~hints)
        window.showFullScreen()  # setWindowFlags hides the window: this shows it again

    def _restore_window(self) -> None:
        if self._window is None:
            return
        flags, state = self._window
        self._window = None
        window = self.wizard.window()
        window.setWindowFlags(flags)
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
        window.show()

    def leave(self) -> bool:
        """Back to the practitioner, only with the PIN."""
        if not self.active:
            return True
        if not self.ask(self.wizard, self.lock):
            return False
        self.active = False
        self.lock.patient_mode = False
        _app().removeEventFilter(self)
        for item in self._guarded:
            item.setEnabled(True)
        for window in self._hidden:
            if shiboken6.isValid(window):
                window.show()
        self._hidden.clear()
        self.wizard.setButtonLayout(self.normal_layout)
        self._restore_window()
        self._tell_pages(False)
        review = getattr(self.wizard, "review_patient_answers", None)
        if review is not None:
            review()  # every answer the patient gave or changed, old → new, before anything else
        self.changed.emit(False)
        return True

    def _tell_pages(self, on: bool) -> None:
        set_mode = getattr(self.wizard, "set_patient_mode", None)
        if set_mode is not None:
            set_mode(on)

    def _layout(self) -> None:
        ids = self.intake_ids()
        current = self.wizard.currentId()
        layout = [PRACTITIONER, Button.Stretch]
        if current != ids[0]:
            layout.append(Button.BackButton)
        if current != ids[-1]:
            layout.append(Button.NextButton)
        self.wizard.setButtonLayout(layout)

    def _on_page(self, page_id: int) -> None:
        if not self.active:
            return
        if page_id not in self.intake_ids():
            self.wizard.setCurrentId(self._last)  # a way out we did not foresee: go back at once
            return
        self._last = page_id
        self._layout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.Shortcut:  # every QShortcut, QAction shortcut and mnemonic
            return True
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self._inside_wizard(watched)
        ):
            return True
        if kind == QEvent.Type.Close and watched is self.wizard.window():
            event.ignore()
            return True
        if kind == QEvent.Type.WindowStateChange and watched is self.wizard.window():
            window = self.wizard.window()
            if not window.isFullScreen() or window.isMinimized():  # a window manager's shortcut
                QTimer.singleShot(0, window, window.showFullScreen)
        return False

    def _inside_wizard(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self.wizard.window()
