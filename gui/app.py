"""Build the application: Fusion style, the clinic's knowledge base, one consultation wizard."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gui import theme


def create_app(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Thirds")
    app.setOrganizationName("Thirds")
    app.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
    theme.apply(app)
    return app


def run(config: Path | None = None, database: str | None = None, consultation: Path | None = None) -> int:
    """Open the wizard and run until it closes. `database` is for the records work (issue 5)."""
    app = create_app()
    from core.knowledge.errors import InvalidFile
    from core.knowledge.loader import clinic_knowledge_base
    from gui.wizard import ConsultationWizard

    try:
        kb = clinic_knowledge_base(config)
    except InvalidFile as error:
        print(f"thirds: the knowledge base or clinic configuration has errors:\n{error}", file=sys.stderr)
        return 2
    wizard = ConsultationWizard(kb)
    if consultation is not None:
        from core.cli import CliError, read_consultation

        try:
            wizard.load(read_consultation(consultation))
        except CliError as error:
            print(f"thirds: {error}", file=sys.stderr)
            return 2
    from gui.records.session import attach_records

    wizard.records = attach_records(wizard, kb, database, recover=consultation is None)  # type: ignore[attr-defined]
    wizard.show()
    return app.exec()
