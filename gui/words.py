"""The GUI's words in the language chosen at start (`python -m gui --language he`, else the clinic's
`clinic.language`): `ui().wizard.next`. Qt-free lookups live in core/knowledge/ui.py."""

from __future__ import annotations

from core.knowledge.ui import Ui, load_ui

_current: list[Ui] = []


def set_language(language: str) -> Ui:
    """Choose the GUI's language before its widgets are made; ValueError for a language without words."""
    words = load_ui(language)
    _current[:] = [words]
    return words


def ui() -> Ui:
    return _current[0] if _current else load_ui("en")
