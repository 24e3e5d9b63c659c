"""Hebrew and Arabic (issue 13): every sentence of en.toml in each language file, checked by
`thirds kb check`; a takeaway and a calendar of every example in the patient's language."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pytest
import test_knowledge_errors
from icalendar import Calendar

from conftest import EXAMPLES, load_example
from core.cli import main
from core.engine import plan
from core.knowledge.loader import read_knowledge_base
from core.knowledge.models import KnowledgeBase
from core.takeaway import takeaway_pdf, write_ics
from core.takeaway.words import Words

SCRIPTS = {"he": (0x0590, 0x05FF), "ar": (0x0600, 0x06FF)}
kb_dir = test_knowledge_errors.kb_dir  # the fixture: a copy of the shipped knowledge base to break
_edit = test_knowledge_errors._edit


def _check(path: Path) -> tuple[int, str]:
    err = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(err):
        code = main(["kb", "check", str(path)], stdout=io.StringIO())
    return code, err.getvalue()


def test_the_shipped_languages_are_complete() -> None:
    kb, problems = read_knowledge_base()
    assert problems == [] and kb is not None
    assert {"en", "he", "ar"} <= set(kb.texts)
    assert kb.texts["he"].direction == "rtl" and kb.texts["ar"].direction == "rtl"


def test_kb_check_names_a_missing_sentence_in_a_translation(kb_dir: Path) -> None:
    he = kb_dir / "text" / "he.toml"
    text = he.read_text(encoding="utf-8")
    # a key of a table keyed by data (the typed models cannot know it is missing)
    line = next(line for line in text.splitlines() if line.startswith('"goals.budget"'))
    he.write_text(text.replace(line + "\n", "", 1), encoding="utf-8")
    code, err = _check(kb_dir)
    assert code == 2
    assert "he.toml: fields.goals.budget: missing" in err


def test_kb_check_names_an_extra_key_and_a_lost_placeholder(kb_dir: Path) -> None:
    ar = kb_dir / "text" / "ar.toml"
    _edit(ar, "[source_titles]\n", '[source_titles]\n"no_such_source" = "x"\n')
    text = ar.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("page_of = "))
    ar.write_text(text.replace(line, 'page_of = "صفحة"', 1), encoding="utf-8")
    code, err = _check(kb_dir)
    assert code == 2
    assert "ar.toml: source_titles.no_such_source: not in en.toml" in err
    assert "ar.toml: takeaway.page_of: placeholders differ from en.toml: {page}, {pages}" in err


def _letters(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())


def _share(letters: str, language: str) -> float:
    low, high = SCRIPTS[language]
    return sum(1 for ch in letters if low <= ord(ch) <= high) / max(1, len(letters))


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_takeaway_of_every_example_is_in_the_patients_language(kb: KnowledgeBase, language: str) -> None:
    examples = sorted(EXAMPLES.glob("*.json"))
    assert len(examples) >= 10
    patient_kb = kb.for_language(language)
    for path in examples:
        consultation = load_example(path.stem)
        letters = _letters(takeaway_pdf(consultation, plan(consultation, patient_kb), patient_kb))
        share = _share(letters, language)
        assert share >= 0.6, f"{path.stem}: {share:.0%} of the letters are {language}"


def test_the_calendar_is_in_the_patients_language(kb: KnowledgeBase, tmp_path: Path) -> None:
    consultation = load_example("tired_face")
    hebrew = kb.for_language("he")
    out = write_ics(consultation, plan(consultation, hebrew), hebrew, tmp_path / "plan.ics")
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert events
    for event in events:
        summary = str(event["SUMMARY"]).replace(kb.settings.clinic.name, "")
        assert _share("".join(ch for ch in summary if ch.isalpha()), "he") > 0.9, summary


def test_dates_and_money_follow_the_readers_language(kb: KnowledgeBase) -> None:
    hebrew, arabic, english = Words(kb.for_language("he")), Words(kb.for_language("ar")), Words(kb)
    day = dt.date(2027, 1, 14)
    assert "בינואר" in hebrew.date(day) and "2027" in hebrew.date(day)
    assert "يناير" in arabic.date(day)
    assert english.date(day) == "14 January 2027", "the clinic's own language keeps the clinic's locale"
    assert "1,500" in hebrew.money(Decimal(1500), "EUR") and "€" in hebrew.money(Decimal(1500), "EUR")


def test_thirds_plan_language_writes_a_hebrew_takeaway(tmp_path: Path) -> None:
    out = tmp_path / "he.pdf"
    code = main(["plan", str(EXAMPLES / "lips_only.json"), "--pdf", str(out), "--language", "he"], stdout=io.StringIO())
    assert code == 0
    assert _share(_letters(out.read_bytes()), "he") >= 0.6


def test_thirds_plan_writes_the_takeaway_in_the_patients_language_the_file_keeps(tmp_path: Path) -> None:
    """No --language: the consultation's patient_language (chosen in the wizard); --language still wins."""
    import json

    data = json.loads((EXAMPLES / "lips_only.json").read_text(encoding="utf-8"))
    source = tmp_path / "arabic.json"
    source.write_text(json.dumps({**data, "patient_language": "ar"}), encoding="utf-8")
    out, english = tmp_path / "ar.pdf", tmp_path / "en.pdf"
    assert main(["plan", str(source), "--pdf", str(out)], stdout=io.StringIO()) == 0
    assert _share(_letters(out.read_bytes()), "ar") >= 0.6
    assert main(["plan", str(source), "--pdf", str(english), "--language", "en"], stdout=io.StringIO()) == 0
    assert _share(_letters(english.read_bytes()), "ar") < 0.05


def test_thirds_plan_refuses_an_unknown_language_naming_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "xx.pdf"
    code = main(["plan", str(EXAMPLES / "lips_only.json"), "--pdf", str(out), "--language", "xx"], stdout=io.StringIO())
    assert code == 2
    assert "--language" in capsys.readouterr().err and not out.exists()
