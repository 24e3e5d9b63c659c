"""Load the knowledge base from assets/knowledge, apply a clinic's config file, validate it all."""

from __future__ import annotations

import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError

from core.assets import asset_path
from core.knowledge.checks import cross_check
from core.knowledge.errors import InvalidFile, Problem, dotted
from core.knowledge.models import KnowledgeBase
from core.knowledge.ui import default_config_path

MAIN_FILE = "knowledge.toml"
SCREENING_FILE = "screening.toml"
SETTINGS_FILE = "settings.toml"
TEXT_DIR = "text"
UI_DIR = "ui"  # the GUI's words (core/knowledge/ui.py)
SETTING_SECTIONS = ("prices", "schedule", "maintenance", "thresholds", "records")


def default_kb_dir() -> Path:
    return asset_path("knowledge")


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe or a device is never opened
            problems.append(Problem(path, "", "not a regular file (a folder, a device or a pipe)"))
            return {}
        with path.open("rb") as handle:
            return tomli.load(handle)
    except FileNotFoundError:
        problems.append(Problem(path, "", "file not found"))
    except tomli.TOMLDecodeError as error:
        problems.append(Problem(path, "", f"not valid TOML: {error}"))
    except UnicodeDecodeError as error:
        problems.append(Problem(path, "", f"not UTF-8 text (byte {error.start}); save it as UTF-8"))
    except OSError as error:
        problems.append(Problem(path, "", f"cannot be read: {error.strerror}"))
    return {}


def _wrap_setting(value: Any, origin: str) -> Any:
    if isinstance(value, dict) and "value" in value:
        return value
    return {"value": value, "source": f"clinic setting ({origin})"}


def _apply_config(settings: dict[str, Any], config: dict[str, Any], config_path: Path) -> set[tuple[str, ...]]:
    """Merge a clinic config into the raw settings; return the key paths it set."""
    origin = config_path.name
    touched: set[tuple[str, ...]] = set()
    for section, values in config.items():
        if section == "products" and isinstance(values, list):  # the clinic's own list replaces the examples
            settings[section] = [{"source": f"clinic setting ({origin})", **v} if isinstance(v, dict) else v
                                 for v in values]
            touched.add((section,))
            continue
        if not isinstance(values, dict):
            settings[section] = values
            touched.add((section,))
            continue
        target = settings.setdefault(section, {})
        if not isinstance(target, dict):
            settings[section] = values
            touched.add((section,))
            continue
        for key, value in values.items():
            touched.add((section, key))
            if section == "clinic":
                if key == "logo" and isinstance(value, str) and value:
                    value = str((config_path.parent / value).expanduser())
                target[key] = value
            elif section in SETTING_SECTIONS:
                target[key] = _wrap_setting(value, origin)
            elif section == "area_prices" and isinstance(value, dict):
                tool_prices = target.setdefault(key, {})
                for area, price in value.items():
                    tool_prices[area] = _wrap_setting(price, origin)
                    touched.add((section, key, area))
            else:
                target[key] = value
    return touched


PLACEHOLDER = re.compile(r"\{(\w+)\}")
OWN_KEYS = {("language",), ("direction",)}  # each file's own, not a sentence of English


def _leaves(table: dict[str, Any], where: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    out: dict[tuple[str, ...], Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_leaves(value, (*where, key)))
        else:
            out[(*where, key)] = value
    return out


def translation_problems(texts: dict[str, dict[str, Any]], text_dir: Path) -> list[Problem]:
    """Every language file has every key of en.toml and no other, with the same {placeholders}: a
    sentence missing in Hebrew is an error here, not English on a Hebrew page. The typed models catch
    most of it at load; this also covers the tables keyed by data (fields, source titles) and the
    optional sentences (a deferral's `reconsider`)."""
    if "en" not in texts:
        return []
    english = {key: value for key, value in _leaves(texts["en"]).items() if key not in OWN_KEYS}
    problems = []
    for language, table in sorted(texts.items()):
        if language == "en":
            continue
        path = text_dir / f"{language}.toml"
        theirs = {key: value for key, value in _leaves(table).items() if key not in OWN_KEYS}
        for key in english:
            if key not in theirs:
                problems.append(Problem(path, dotted(key), "missing: en.toml has this sentence; translate it"))
        for key, value in theirs.items():
            if key not in english:
                problems.append(Problem(path, dotted(key), "not in en.toml: remove it or fix its name"))
            elif isinstance(value, str) and isinstance(english[key], str):
                want, have = set(PLACEHOLDER.findall(english[key])), set(PLACEHOLDER.findall(value))
                if want != have:
                    names = ", ".join(f"{{{name}}}" for name in sorted(want ^ have))
                    problems.append(Problem(path, dotted(key), f"placeholders differ from en.toml: {names}"))
    return problems


def _file_for(loc: tuple[int | str, ...], kb_dir: Path) -> tuple[Path, tuple[int | str, ...]]:
    head = loc[0] if loc else ""
    if head == "settings":
        return kb_dir / SETTINGS_FILE, loc[1:]
    if head == "screening":
        return kb_dir / SCREENING_FILE, loc
    if head == "texts" and len(loc) > 1:
        return kb_dir / TEXT_DIR / f"{loc[1]}.toml", loc[2:]
    return kb_dir / MAIN_FILE, loc


def _validation_problems(
    error: ValidationError,
    kb_dir: Path,
    config_path: Path | None,
    touched: set[tuple[str, ...]],
) -> list[Problem]:
    problems = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        path, where = _file_for(loc, kb_dir)
        where = tuple(part for part in where if part != "[key]")  # a bad table name: the name is the key
        if config_path is not None and loc[:1] == ("settings",):
            inner = tuple(str(part) for part in loc[1:])
            # The config set this key, or a key inside it (an unknown section such as [prise]).
            if inner and any(inner[: len(key)] == key or key[: len(inner)] == inner for key in touched):
                path = config_path
                if where and where[-1] == "value":
                    where = where[:-1]
        problems.append(Problem(path, dotted(where), detail["msg"]))
    return problems


def read_knowledge_base(
    kb_dir: Path | None = None, config_path: Path | None = None
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Every problem at once, or the validated knowledge base."""
    kb_dir = kb_dir or default_kb_dir()
    problems: list[Problem] = []
    if not kb_dir.is_dir():
        return None, [Problem(kb_dir, "", "not a folder with a knowledge base")]
    raw = _read_toml(kb_dir / MAIN_FILE, problems)
    raw["screening"] = _read_toml(kb_dir / SCREENING_FILE, problems).get("screening", {})
    settings = _read_toml(kb_dir / SETTINGS_FILE, problems)
    touched: set[tuple[str, ...]] = set()
    if config_path is not None:
        config = _read_toml(config_path, problems)
        touched = _apply_config(settings, config, config_path)
    raw["settings"] = settings
    texts: dict[str, Any] = {}
    text_dir = kb_dir / TEXT_DIR
    for text_file in sorted(text_dir.glob("*.toml")) if text_dir.is_dir() else []:
        texts[text_file.stem] = _read_toml(text_file, problems)
    raw["texts"] = texts
    ui_texts: dict[str, Any] = {}
    ui_dir = kb_dir / UI_DIR
    for ui_file in sorted(ui_dir.glob("*.toml")) if ui_dir.is_dir() else []:
        ui_texts[ui_file.stem] = _read_toml(ui_file, problems)
    for language in sorted(set(texts) - set(ui_texts)) if ui_dir.is_dir() else []:
        problems.append(Problem(ui_dir / f"{language}.toml", "", "missing: the GUI's words in this language"))
    if problems:
        return None, problems
    try:
        kb = KnowledgeBase.model_validate(raw)
    except ValidationError as error:
        return None, _validation_problems(error, kb_dir, config_path, touched)
    # Against an English file that is itself valid: else every translation repeats its mistakes.
    problems = cross_check(kb, kb_dir, config_path) or (
        translation_problems(texts, text_dir) + translation_problems(ui_texts, ui_dir)
    )
    return (None, problems) if problems else (kb, [])


def load_knowledge_base(kb_dir: Path | None = None, config_path: Path | None = None) -> KnowledgeBase:
    kb, problems = read_knowledge_base(kb_dir, config_path)
    if kb is None:
        raise InvalidFile(problems)
    return kb


@lru_cache(maxsize=4)
def _cached(kb_dir: Path | None, config_path: Path | None) -> KnowledgeBase:
    return load_knowledge_base(kb_dir, config_path)


def clinic_knowledge_base(config_path: Path | None = None) -> KnowledgeBase:
    """The shipped knowledge base with this clinic's settings, loaded once per process."""
    if config_path is None:
        candidate = default_config_path()
        config_path = candidate if candidate.is_file() else None
    return _cached(None, config_path)
