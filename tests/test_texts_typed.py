"""A language file is typed: a missing, misspelt or unknown sentence fails at load, with file and key."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from core.knowledge.errors import Problem
from core.knowledge.loader import default_kb_dir, read_knowledge_base
from core.knowledge.models import KnowledgeBase
from core.knowledge.texts import FlagTexts, OrderTexts, ReportTexts, TakeawayTexts, Texts


@pytest.fixture
def xx(tmp_path: Path) -> Path:
    """A second language: a complete copy of the English file, as a translator starts it."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_kb_dir(), target)
    english = (target / "text" / "en.toml").read_text(encoding="utf-8")
    (target / "text" / "xx.toml").write_text(english.replace('language = "en"', 'language = "xx"', 1), encoding="utf-8")
    shutil.copy(target / "ui" / "en.toml", target / "ui" / "xx.toml")  # and the GUI's words, as every language has
    return target / "text" / "xx.toml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(xx: Path) -> list[Problem]:
    kb, problems = read_knowledge_base(xx.parent.parent)
    assert kb is None and problems
    assert {p.file for p in problems} == {xx}, "the problems name the language file"
    return problems


def _where(problems: list[Problem]) -> dict[str, str]:
    return {p.where: p.reason for p in problems}


def test_a_complete_copy_loads(xx: Path) -> None:
    kb, problems = read_knowledge_base(xx.parent.parent)
    assert problems == [] and kb is not None
    assert kb.texts["xx"].model_dump(exclude={"language"}) == kb.texts["en"].model_dump(exclude={"language"})


def test_a_missing_takeaway_sentence_fails_at_load(xx: Path) -> None:
    _edit(xx, '\ncost_heading = "Cost"\n', "\n")
    assert _where(_problems(xx)) == {"takeaway.cost_heading": "Field required"}


def test_an_empty_takeaway_sentence_fails_at_load(xx: Path) -> None:
    _edit(xx, '\ncost_heading = "Cost"\n', '\ncost_heading = ""\n')
    (problem,) = _problems(xx)
    assert problem.where == "takeaway.cost_heading" and "at least 1 character" in problem.reason


def test_a_misspelt_order_key_fails_at_load(xx: Path) -> None:
    _edit(xx, "\nreassess = ", "\nreasess = ")
    where = _where(_problems(xx))
    assert where == {"order.reassess": "Field required", "order.reasess": "Extra inputs are not permitted"}


def test_an_unknown_flag_text_fails_at_load(xx: Path) -> None:
    _edit(xx, "[flags.budget]\n", '[flags.budgett]\npractitioner = "x"\npatient = "x"\naction = "x"\n\n[flags.budget]\n')
    assert _where(_problems(xx)) == {"flags.budgett": "Extra inputs are not permitted"}


def test_a_flag_without_a_severity_is_reported_in_the_language_file(xx: Path) -> None:
    """The flag keys of the texts and of knowledge.toml [flags] agree, both ways."""
    main = xx.parent.parent / "knowledge.toml"
    _edit(main, 'event_moved = { severity = "caution" }\n', "")
    kb, problems = read_knowledge_base(xx.parent.parent)
    assert kb is None
    languages = [path.stem for path in xx.parent.glob("*.toml")]
    assert {"en", "xx"} <= set(languages)
    assert {(p.file.name, p.where) for p in problems} == {(f"{language}.toml", "flags.event_moved") for language in languages}


def test_an_unknown_synergy_or_concern_text_is_reported(xx: Path) -> None:
    _edit(xx, "[synergies.eyes]\n", '[synergies.eyes]\nname = "x"\npatient = "x"\n[synergies.eyez]\n')
    _edit(xx, "[concerns.lips.lip_flip]\n", '[concerns.lips.lip_flop]\nname = "x"\npatient = "x"\n[concerns.lips.lip_flip]\n')
    assert set(_where(_problems(xx))) == {"synergies.eyez", "concerns.lips.lip_flop"}


def test_a_misspelt_area_text_names_the_key(xx: Path) -> None:
    _edit(xx, "[areas.forehead]\n", "[areas.forhead]\n")
    (problem,) = _problems(xx)
    assert problem.where == "areas.forhead" and "forehead" in problem.reason


def test_every_key_of_the_english_file_is_a_field_and_every_field_a_key() -> None:
    english = tomllib.loads((default_kb_dir() / "text" / "en.toml").read_text(encoding="utf-8"))
    for table, model in (("takeaway", TakeawayTexts), ("order", OrderTexts), ("flags", FlagTexts), ("report", ReportTexts)):
        assert set(english[table]) == set(model.model_fields), table
    assert set(english) == set(Texts.model_fields)


def test_tables_read_by_key_like_a_mapping(kb: KnowledgeBase) -> None:
    text = kb.text()
    assert text.order["review"] == text.order.review
    assert text.flags["wait"].action == text.flags.wait.action
    assert text.takeaway.get("no_such_key") is None and text.takeaway.get("no_such_key", "-") == "-"
    assert text.takeaway.get("title") == text.takeaway.title
    with pytest.raises(KeyError):
        text.order["no_such_key"]
    with pytest.raises(KeyError):
        text.order["model_config"]
    assert "review" in text.order and "model_config" not in text.order and 3 not in text.order
    assert list(text.bddq) == [f"q{n}" for n in range(1, 8)] == [key for key, _ in text.bddq.items()]
    assert len(text.flags) == len(kb.flags) and set(text.flags) == set(kb.flags)
    assert text.bddq.keys() == list(text.bddq) and text.bddq.values() == [text.bddq[key] for key in text.bddq]
