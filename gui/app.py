"""Build the application: Fusion style, the clinic's knowledge base, one consultation wizard."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage

from core.knowledge.ui import clinic_language
from gui import errors, theme
from gui.words import set_language, ui

if TYPE_CHECKING:
    from gui.wizard import ConsultationWizard


def create_app(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt 6's defaults, which Thirds relies on (tests/test_gui_app.py holds them): fractional scale
    # factors passed through, and a tap no widget takes as a touch arrives as a mouse click. Not set
    # here: reaching `Qt` for them builds its ~90 enums, ~20 ms the first paint would wait for (see
    # open_window).
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Thirds")
    app.setOrganizationName("Thirds")
    theme.apply(app)
    return app


def use_language(app: QApplication, language: str) -> None:
    """The GUI's words in `language`, laid out in its direction (Hebrew and Arabic right to left), and
    Qt's own dialogs (file dialogs, message box buttons) in it from Qt's shipped translations.
    ValueError for a language without GUI words."""
    words = set_language(language)
    # by name, as the first page's widgets (see open_window): a Hebrew start need not build `Qt` either
    if not app.setProperty("layoutDirection", "RightToLeft" if words.rtl else "LeftToRight"):
        raise RuntimeError("QApplication refused its layoutDirection by name")
    for old in app.findChildren(QTranslator, "qt-own"):
        app.removeTranslator(old)
        old.deleteLater()
    translator = QTranslator(app)
    translator.setObjectName("qt-own")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)


def run(config: Path | None = None, database: str | None = None, consultation: Path | None = None,
        language: str | None = None) -> int:
    """Open the wizard and run until it closes; `language` (else the clinic's) for its words."""
    app = create_app()
    try:
        use_language(app, language or clinic_language(config))
    except ValueError as error:
        print(f"thirds: --language: {error}", file=sys.stderr)
        return 2
    wizard = open_window(config, database, consultation, language)
    errors.install(lambda: wizard, lambda: _save_draft(wizard))
    return app.exec()


def _save_draft(wizard: ConsultationWizard) -> None:
    """Write the draft to the records now (what autosave would do within a second)."""
    session = wizard.records
    if session is not None and session.autosaver is not None:
        session.autosaver.flush()


def open_window(config: Path | None = None, database: str | None = None,
                consultation: Path | None = None, language: str | None = None) -> ConsultationWizard:
    """Show the wizard's first page at once; the knowledge base, the engine and the records load
    right after that first paint (they are most of the start-up time), then the page fills in.

    The modules the first page is made of do not import Qt's `Qt` namespace: PySide6 builds its ~90
    enums the first time anything reaches it (~20 ms here, an eighth of a bare QWizard's start). They
    set what the first frame needs by property name (`setProperty("textFormat", "PlainText")`) and
    reach `QtCore.Qt` at call time, after it; tests/test_gui_startup.py holds both."""
    from gui.wizard import ConsultationWizard

    wizard = ConsultationWizard(None)
    loaded = QTimer(wizard)
    loaded.setSingleShot(True)
    loaded.timeout.connect(lambda: _load(wizard, config, database, consultation, language))
    wizard.installEventFilter(_FirstPaint(wizard, loaded.start))
    wizard.show()
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, loaded.start)  # a window that is never painted still loads
    return wizard


FIRST_PAINT_WAIT_MS = 500


class _FirstPaint(QObject):
    """Calls `then` once, after the first page has been painted."""

    def __init__(self, wizard: QWizard, then: Callable[[], None]) -> None:
        super().__init__(wizard)  # owned by the wizard: a parentless filter would be collected at once
        self._page, self._then, self._watched = wizard.currentPage, then, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self._watched and event.type() == QEvent.Type.Show and (page := self._page()) is not None:
            self._watched = True
            page.installEventFilter(self)
        elif watched is not None and event.type() == QEvent.Type.Paint and isinstance(watched, QWizardPage):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # after this paint has reached the screen
        return False


def _load(wizard: ConsultationWizard, config: Path | None, database: str | None, consultation: Path | None,
          language: str | None = None) -> None:
    if wizard.property("core_requested"):  # the first paint and the fallback timer both ask
        return
    wizard.setProperty("core_requested", True)
    from core.knowledge.errors import InvalidFile
    from core.knowledge.loader import clinic_knowledge_base

    try:
        kb = clinic_knowledge_base(config)
        kb = kb.for_language(language) if language else kb  # the clinic's texts in the chosen language
    except InvalidFile as error:
        _fail(wizard, ui().wizard.fill("kb_errors", errors=error))
        return
    except KeyError as error:
        _fail(wizard, f"--language: {error.args[0]}")
        return
    from core.records import default_url
    from gui.records.session import attach_records

    # --database, else $THIRDS_DATABASE, else the clinic setting records.database, else the file
    database = database or default_url(kb.settings.records.database.value)
    if consultation is None:
        wizard.start(kb)
        wizard.records = attach_records(wizard, kb, database)
        return
    # A file to open, but the tablet may be in the patient's hands (patient mode, remembered in the
    # records): then the file waits, unread, until the practitioner's PIN, and patient mode resumes.
    wizard.start(kb)
    wizard.records = session = attach_records(wizard, kb, database, recover=False)
    if session is not None and session.lock.patient_mode:
        session.hold_file(consultation)
        return
    from core.cli import CliError, read_consultation

    try:
        draft = read_consultation(consultation)
    except CliError as error:
        _fail(wizard, str(error))
        return
    wizard.start(kb, draft)
    if session is not None:
        session.records.actor = draft.practitioner


def _fail(wizard: ConsultationWizard, text: str) -> None:
    """Thirds cannot open: say why on screen and on stderr, then quit with status 2."""
    from PySide6.QtWidgets import QMessageBox  # here: its type and enums are ~2 ms of every first paint

    print(f"thirds: {text}", file=sys.stderr)
    QMessageBox.critical(wizard, ui().wizard.cannot_open, text)
    wizard.dirty = False
    QApplication.exit(2)
