"""The GUI's words in the language chosen at start (`python -m gui --language he`, else the clinic's
`clinic.language`): `ui().wizard.next`. Qt-free lookups live in core/knowledge/ui.py, which holds the
choice, so the sentences core hands the GUI (why a save failed, an erasure's report) are in it too."""

from __future__ import annotations

from core.knowledge.ui import Ui, use_words, words


def set_language(language: str) -> Ui:
    """Choose the GUI's language before its widgets are made; ValueError for a language without words."""
    return use_words(language)


def ui() -> Ui:
    return words()
