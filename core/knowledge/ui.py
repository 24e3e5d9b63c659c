"""The GUI's own words (buttons, headings, hints, errors, accessible names), one file per language
under assets/knowledge/ui/, read with tomli alone (no pydantic): the wizard paints its first page before the
knowledge base (pydantic) loads, and its words must be there already.

The English file is the schema: `thirds kb check` holds every language to its keys and placeholders
(loader.translation_problems), and tests/test_gui_words.py holds the GUI's lookups to its keys. A
missing key fails loudly here, naming the file and the key.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any, Literal

import tomli

from core.assets import asset_path

UI_DIR = "ui"


def ui_dir() -> Path:
    return asset_path("knowledge", UI_DIR)


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Section:
    """One table of a ui file: `section.key` is its sentence; `section.fill(key, n="3")` fills it."""

    def __init__(self, path: Path, name: str, table: dict[str, Any]) -> None:
        self._path, self._name, self._table = path, name, table

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        value = self._table.get(key)
        if not isinstance(value, str):
            raise KeyError(f"{self._path}: {self._name}.{key}: missing GUI text")
        return value

    def fill(self, key: str, /, **values: object) -> str:
        return str(getattr(self, key)).format_map(_Keep({name: str(value) for name, value in values.items()}))

    def __contains__(self, key: object) -> bool:
        return isinstance(self._table.get(key), str) if isinstance(key, str) else False

    def items(self) -> list[tuple[str, str]]:
        """The table's sentences by key (a table keyed by data, such as [check_fields])."""
        return [(key, value) for key, value in self._table.items() if isinstance(value, str)]


class Ui:
    """The GUI's words in one language: `ui.wizard.next`, `ui.consult.fill("age", years=40)`."""

    def __init__(self, path: Path, table: dict[str, Any]) -> None:
        self.path = path
        self.language: str = str(table.get("language", path.stem))
        self.direction: Literal["ltr", "rtl"] = "rtl" if table.get("direction") == "rtl" else "ltr"
        self._sections = {name: Section(path, name, value) for name, value in table.items() if isinstance(value, dict)}

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def __getattr__(self, name: str) -> Section:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.section(name)

    def section(self, name: str) -> Section:
        """A table by a computed name (a page's `WORDS`)."""
        try:
            return self._sections[name]
        except KeyError:
            raise KeyError(f"{self.path}: [{name}]: missing GUI section") from None


def default_config_path() -> Path:
    """The clinic's config file: $THIRDS_CONFIG, else the platform's user config dir."""
    env = os.environ.get("THIRDS_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_path  # here: ~10 ms a start with $THIRDS_CONFIG need not take

    return user_config_path("thirds") / "clinic.toml"


def clinic_language(config: Path | None = None) -> str:
    """The clinic's `clinic.language` (its config file, else settings.toml), read without the knowledge
    base: the wizard's words and direction are chosen before it loads. A broken file is the loader's
    to report; here it means the shipped default."""
    paths = [config or default_config_path(), asset_path("knowledge", "settings.toml")]
    for path in paths:
        try:
            with path.open("rb") as handle:
                language = tomli.load(handle).get("clinic", {}).get("language")
        except (OSError, tomli.TOMLDecodeError, AttributeError):
            continue
        if isinstance(language, str) and language:
            return language
    return "en"


def language_name(code: str) -> str:
    """A language by its own name ([languages], the same in every file): "עברית" for he; the code
    itself for a language without words."""
    names = load_ui("en").languages
    return names.fill(code) if code in names else code


def languages() -> list[str]:
    return sorted(path.stem for path in ui_dir().glob("*.toml"))


@cache
def load_ui(language: str = "en") -> Ui:
    """The words of `language`; ValueError naming the file when there is none or it is not valid TOML."""
    path = ui_dir() / f"{language}.toml"
    try:
        with path.open("rb") as handle:
            return Ui(path, tomli.load(handle))
    except FileNotFoundError:
        known = ", ".join(languages())
        raise ValueError(f"no GUI texts in {language!r} ({path} not found); known: {known}") from None
    except tomli.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML: {error}") from None


_current: list[Ui] = []


def use_words(language: str) -> Ui:
    """Choose the language of the words core says to the person at the tablet (the GUI's, chosen at
    start); ValueError for a language without words. Without a choice they are English (the CLI)."""
    words = load_ui(language)
    _current[:] = [words]
    return words


def words() -> Ui:
    """The words in the chosen language: the GUI's and the sentences core hands it to show."""
    return _current[0] if _current else load_ui("en")
