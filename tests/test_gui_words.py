"""The GUI's words (assets/knowledge/ui/): every lookup in gui/ names a key of the English file, and
every language file has the same keys (thirds kb check), so no page shows a KeyError in Hebrew."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from core.knowledge.ui import languages, load_ui, ui_dir

DIRECT = re.compile(r"(?<![.\w])(?:ui|words)\(\)\.(\w+)\.(\w+)")  # ui().wizard.next; core: words().saving.busy
FILLED = re.compile(r"(?<![.\w])(?:ui|words)\(\)\.(\w+)\.fill\(\s*\"(\w+)\"")  # ui().consult.fill("age", ...)
PAGE_WORDS = re.compile(r'^\s+WORDS = "(\w+)"', re.MULTILINE)


def _english() -> dict[str, dict[str, str]]:
    table = tomllib.loads((ui_dir() / "en.toml").read_text(encoding="utf-8"))
    return {name: value for name, value in table.items() if isinstance(value, dict)}


def test_every_lookup_in_the_gui_names_an_english_key() -> None:
    english = _english()
    found = 0
    for path in sorted([*(ROOT / "gui").rglob("*.py"), *(ROOT / "core").rglob("*.py")]):
        source = path.read_text(encoding="utf-8")
        for section, key in DIRECT.findall(source) + FILLED.findall(source):
            if key == "fill":
                continue
            found += 1
            assert key in english.get(section, {}), f"{path.relative_to(ROOT)}: ui().{section}.{key} is not in ui/en.toml"
        for section in PAGE_WORDS.findall(source):
            # a third's title is the knowledge base's name of the third (it overrides practitioner_title)
            needed = {"subtitle"} if "def practitioner_title" in source else {"title", "subtitle"}
            assert needed <= set(english.get(section, {})), f"{path}: [{section}] needs {needed}"
    assert found > 50


@pytest.mark.parametrize("language", ["he", "ar"])
def test_each_language_has_every_gui_word(language: str) -> None:
    assert language in languages()
    english, words = _english(), load_ui(language)
    assert words.rtl
    for section, table in english.items():
        for key in table:
            assert getattr(words.section(section), key), f"{language}: {section}.{key}"


def test_a_missing_gui_word_names_the_file_and_the_key() -> None:
    words = load_ui("en")
    with pytest.raises(KeyError, match=r"en\.toml: wizard\.no_such_word"):
        _ = words.wizard.no_such_word
    with pytest.raises(ValueError, match="xx"):
        load_ui("xx")


def test_kb_check_holds_the_gui_words_to_english(tmp_path: Path) -> None:
    import shutil

    from core.knowledge.loader import default_kb_dir, read_knowledge_base

    target = tmp_path / "knowledge"
    shutil.copytree(default_kb_dir(), target)
    he = target / "ui" / "he.toml"
    text = he.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("next = "))
    he.write_text(text.replace(line + "\n", "", 1), encoding="utf-8")
    kb, problems = read_knowledge_base(target)
    assert kb is None
    assert [(p.file.name, p.where) for p in problems] == [("he.toml", "wizard.next")]
    assert problems[0].file.parent.name == "ui"


@pytest.mark.parametrize("language", ["he", "ar"])
def test_the_sentences_core_hands_the_gui_are_in_its_language(language: str) -> None:
    """Why a save failed, an erasure's report, a PIN rule, an amount's form: in the GUI's language once it
    is chosen (gui.words.set_language), in English before (the command line)."""
    import errno

    from core.knowledge.ui import use_words
    from core.money import AmountError, parse_amount
    from core.records.failures import DISK_FULL, why_not_saved
    from core.records.pin import MIN_DIGITS, BadPin, check_pin
    from core.records.privacy import Erased

    full = OSError(errno.ENOSPC, "No space left on device")
    erased = Erased(2, 1, 3, [Path("/tmp/a.json")], drafts_kept=[], rewritten=True)
    said = load_ui(language)
    try:
        use_words(language)
        assert why_not_saved(full) == said.saving.disk_full != DISK_FULL
        assert erased.report() == [said.erasure.fill("erased", consultations=2, drafts=1, files=3),
                                   said.erasure.fill("not_deleted", files="/tmp/a.json"), said.erasure.rewritten]
        with pytest.raises(BadPin) as bad:
            check_pin("12")
        assert str(bad.value) == said.pin_rules.fill("too_short", min=MIN_DIGITS, n=2)
        with pytest.raises(AmountError) as refused:
            parse_amount("2k", "en_IE")
        assert str(refused.value).startswith(said.goals.amount_form.split("{")[0])
    finally:
        use_words("en")
    assert why_not_saved(full) == DISK_FULL == "the disk is full"
    assert erased.report()[0] == "Erased: 2 consultation(s), 1 unfinished draft(s), 3 exported file(s)."
