"""The patient takeaway and the practitioner record carry every section, date and amount of the plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from patient_support import reading_grade
from reportlab import rl_config

from conftest import half_of
from core.engine import plan
from core.plan import Plan
from core.reasons import phrases, source_detail
from core.takeaway import _context, write_record, write_takeaway
from core.takeaway.patient import takeaway_story
from core.takeaway.words import Words
from core.vocabulary import FlagCode
from takeaway_support import consult, paragraphs, pdf_text, render_pages

EXAMPLES = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "examples").glob("*.json"))
# the PDFs of the half tests/test_gui_walk.py does not walk, and the one with a whole clinical record
PDF_EXAMPLES = sorted({*half_of(EXAMPLES, 1), "treatment_visit_record"})
PLAN_HEADINGS = (
    "concerns_heading",
    "plan_heading",
    "visits_heading",
    "flags_heading",
    "expect_heading",
    "maintenance_heading",
    "cost_heading",
    "sign_heading",
)
DIAGNOSIS_WORDS = ("dysmorph", "bdd", "disorder", "diagnos", "cops", "psychiatr", "mental", "referral", "screen")
MAX_GRADE = 8.0


@pytest.fixture(autouse=True)
def _invariant():
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def _amounts(words: Words, result: Plan) -> list[str]:
    cost = result.cost
    values = [cost.total, cost.twelve_month_estimate]
    values += [line.amount for line in cost.lines + cost.twelve_month_lines]
    values += [line.unit_price for line in cost.lines]
    return [words.money(value, cost.currency) for value in values]


@pytest.mark.parametrize("name", PDF_EXAMPLES)
def test_takeaway_carries_the_whole_plan(name, example, kb, tmp_path):
    consultation = example(name)
    result = plan(consultation, kb)
    out = write_takeaway(consultation, result, kb, tmp_path / "takeaway.pdf")
    render_pages(out)
    text = pdf_text(out)
    words = Words(kb)
    assert consultation.patient.name in text
    assert words.date(consultation.consult_date) in text
    if result.paused:
        heading = "talk_heading" if result.has_flag(FlagCode.TALK_FIRST) else "wait_heading"
        assert words[heading] in text
        for key in ("plan_heading", "cost_heading", "maintenance_heading"):
            assert words[key] not in text
        assert result.cost.currency not in text
        return
    for key in PLAN_HEADINGS:
        assert words[key] in text, key
    for session in result.sessions:
        assert words.date(session.date) in text
        assert words.dates_in(session.why) in text
    for item in result.maintenance:
        assert words.date(item.next_due) in text
    if result.annual_assessment:
        assert words.date(result.annual_assessment) in text
    for amount in _amounts(words, result):
        assert amount in text
    for flag in result.flags:
        assert words.dates_in(flag.patient_message) in text
    for tool in {r.tool for r in result.recommendations}:
        assert kb.text().tools[tool].patient in text, "every treatment is explained in plain words"


@pytest.mark.parametrize("name", PDF_EXAMPLES)
def test_record_carries_every_decision(name, example, kb, tmp_path):
    consultation = example(name)
    result = plan(consultation, kb)
    out = write_record(consultation, result, kb, tmp_path / "record.pdf")
    render_pages(out)
    text = pdf_text(out)
    words = Words(kb)
    assert result.kb_version in text
    flat = "".join(text.split())  # a wrapped line may break at a hyphen, a long row at a page

    def shown(words: str) -> bool:
        return "".join(words.split())[:40] in flat

    for flag in result.flags:
        assert shown(flag.message)
        assert shown(source_detail(flag.source, kb))
        assert shown(kb.text().flag_names[flag.code])
        for reason in phrases(flag.because, kb):
            assert shown(reason), reason
    for rec in result.recommendations:
        assert shown(source_detail(rec.source, kb))
        if rec.declined_reason:
            assert rec.declined_reason in text
    for removal in result.removed:
        assert shown(removal.message)
    for check in result.dose_checks:
        assert f"{check.units:g}" in text
    for session in result.sessions:
        assert words.date(session.date) in text
    assert words.money(result.cost.total, result.cost.currency) in text
    # No data key, dotted answer path or seed number anywhere in the record (issue 9).
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b|\b(?:screening|patient|history|goals|choices|skin|bddq)\.[a-z_]+|seed 00\d",
                          text), name
    for result_item in result.screening:  # each item by its question, never its id
        assert shown(kb.text().screening[result_item.item].question)
    for missing in result.missing:
        assert shown(missing.question)
    for session in result.sessions:
        assert words.date(session.date) in text
    assert words.money(result.cost.total, result.cost.currency) in text


def test_paused_for_a_talk_carries_no_plan_and_no_diagnosis(example, kb, tmp_path):
    consultation = example("bdd_positive")
    result = plan(consultation, kb)
    assert result.paused and result.has_flag(FlagCode.TALK_FIRST)
    text = pdf_text(write_takeaway(consultation, result, kb, tmp_path / "t.pdf"))
    words = Words(kb)
    assert words["talk_heading"] in text
    assert kb.text().flags["talk_first"].patient in text
    lowered = text.lower()
    for word in DIAGNOSIS_WORDS:
        assert word not in lowered, word
    for key in ("plan_heading", "visits_heading", "cost_heading", "expect_heading", "notes_heading"):
        assert words[key] not in text
    for tool in kb.text().tools.values():
        assert tool.name not in text


def test_waiting_plan_says_so_kindly(example, kb, tmp_path):
    consultation = example("pregnant")
    result = plan(consultation, kb)
    text = pdf_text(write_takeaway(consultation, result, kb, tmp_path / "t.pdf"))
    assert Words(kb)["wait_heading"] in text
    assert kb.text().flags["wait"].patient in text
    assert Words(kb)["visits_heading"] not in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_patient_text_reads_at_grade_8_or_below(name, example, kb):
    consultation = example(name)
    ctx = _context(consultation, plan(consultation, kb), kb, 11.5)
    sentences = [p.getPlainText() for p in paragraphs(takeaway_story(ctx)) if p.style.name in ("body", "bullet")]
    joined = " ".join(s if s.rstrip().endswith((".", "?", "!", ":")) else s + "." for s in sentences)
    assert len(sentences) > 3
    assert reading_grade(joined) <= MAX_GRADE


def test_body_text_is_at_least_11_points(kb):
    ctx = _context(consult(), plan(consult(), kb), kb, 11.5)
    for style in (ctx.styles.body, ctx.styles.bullet, ctx.styles.cell, ctx.styles.user, ctx.styles.quote):
        assert style.fontSize >= 11


def test_pdf_builds_are_reproducible_in_invariant_mode(example, kb, tmp_path):
    consultation = example("tired_face")
    result = plan(consultation, kb)
    first = write_takeaway(consultation, result, kb, tmp_path / "a.pdf").read_bytes()
    second = write_takeaway(consultation, result, kb, tmp_path / "b.pdf").read_bytes()
    assert first == second


def test_a_missing_text_names_its_key(kb):
    with pytest.raises(KeyError, match="takeaway.no_such_key"):
        Words(kb)["no_such_key"]


def test_samples_command_writes_every_example(tmp_path):
    import shutil

    from core.samples import main

    examples = tmp_path / "examples"
    examples.mkdir()
    root = Path(__file__).resolve().parent.parent / "examples"
    for name in ("tired_face", "bdd_positive"):
        shutil.copy(root / f"{name}.json", examples / f"{name}.json")
    out = tmp_path / "samples"
    assert main([str(out), "--examples", str(examples)]) == 0
    names = sorted(p.name for p in out.iterdir())
    for name in ("tired_face", "bdd_positive"):
        for suffix in (".takeaway.pdf", ".record.pdf", ".ics"):
            assert f"{name}{suffix}" in names
    assert "takeaway-page1.png" in names
    render_pages(out / "tired_face.record.pdf")


def test_face_drawing_shades_and_numbers_exactly_the_patients_areas():
    from reportlab.graphics.shapes import Group, Path, String

    from core.takeaway.face import face_diagram
    from core.takeaway.styles import MARKED
    from core.vocabulary import Area

    chosen = [Area.FOREHEAD, Area.LIPS, Area.MASSETER]
    drawing = face_diagram(chosen, 150)
    assert round(drawing.width) == 150

    def walk(node):
        for child in getattr(node, "contents", []):
            yield child
            yield from walk(child)

    shaded = set()
    for node in walk(drawing):
        if isinstance(node, Group) and getattr(node, "svgid", None) in {a.value for a in Area}:
            fills = {shape.fillColor for shape in walk(node) if isinstance(shape, Path)}
            if MARKED in fills:
                shaded.add(node.svgid)
    assert shaded == {a.value for a in chosen}
    assert sorted(s.text for s in walk(drawing) if isinstance(s, String)) == ["1", "2", "3"]


def test_every_takeaway_text_is_used_and_every_used_text_exists(kb):
    import re

    core = Path(__file__).parent.parent / "core"
    source = "\n".join(p.read_text() for folder in ("takeaway", "engine") for p in (core / folder).glob("*.py"))
    table = kb.texts["en"].takeaway
    dynamic = ("tool_", "record_part_", "record_effect_", "record_positive", "record_negative", "record_missing")
    quoted = set(re.findall(r"[\"']([a-z_0-9]+)[\"']", source))
    unused = [
        key
        for key in table
        if key not in quoted and key.removesuffix("_phone") not in quoted and not key.startswith(dynamic)
    ]
    assert unused == []
    used = re.findall(
        r"(?:markup|sentence|heading|subheading)\(\s*[\"']([a-z_0-9]+)[\"']|words\[[\"']([a-z_0-9]+)[\"']\]", source
    )
    used += re.findall(r'(?:\(|= )"([a-z_0-9]+)" if [^"]+ else "([a-z_0-9]+)"', source)
    missing = sorted({key for pair in used for key in pair if key and key not in table})
    assert missing == []
    for tool in kb.tools:
        assert f"tool_{tool.value}" in table


def test_a_translation_missing_a_new_text_falls_back_to_english(kb):
    partial = kb.text().model_copy(update={"language": "xx", "takeaway": {"title": "Titel"}})
    mixed = kb.model_copy(update={"texts": {**kb.texts, "xx": partial}})
    mixed = mixed.model_copy(
        update={
            "settings": mixed.settings.model_copy(
                update={"clinic": mixed.settings.clinic.model_copy(update={"language": "xx"})}
            )
        }
    )
    words = Words(mixed)
    assert words["title"] == "Titel"
    assert words["cost_heading"] == kb.text().takeaway["cost_heading"]


def test_cli_writes_the_takeaway_record_and_calendar(tmp_path, capsys):
    import io

    from core.cli import main

    example = Path(__file__).resolve().parent.parent / "examples" / "tired_face.json"
    paths = [tmp_path / "t.pdf", tmp_path / "r.pdf", tmp_path / "c.ics"]
    args = ["plan", str(example), "--pdf", str(paths[0]), "--record", str(paths[1]), "--ics", str(paths[2])]
    assert main(args, stdout=io.StringIO()) == 0
    assert all(path.stat().st_size > 0 for path in paths)
    missing = ["plan", str(example), "--pdf", str(tmp_path / "nowhere" / "t.pdf")]
    assert main(missing, stdout=io.StringIO()) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_practitioners_own_notes_stay_in_the_record_and_only_patient_notes_are_printed(kb, tmp_path):
    consultation = consult(
        concerns=[{"area": "lips", "kind": "thin_lips", "severity_rest": 2}],
        choices={"notes": "Synthetic diagnosis Xyzzy, on treatment.", "patient_notes": "Bring your calendar next time."},
    )
    result = plan(consultation, kb)
    takeaway = pdf_text(write_takeaway(consultation, result, kb, tmp_path / "t.pdf"))
    record = pdf_text(write_record(consultation, result, kb, tmp_path / "r.pdf"))
    assert "Bring your calendar next time." in takeaway and "Xyzzy" not in takeaway
    assert "Xyzzy" in record and "Bring your calendar next time." in record


def test_face_drawing_numbers_never_touch_even_in_a_crowded_lower_face():
    from reportlab.graphics.shapes import Circle

    from core.takeaway.face import face_diagram
    from core.vocabulary import Area

    crowded = [Area.CHEEKS, Area.NASOLABIAL, Area.MARIONETTE, Area.JAWLINE, Area.LIPS, Area.PERIORAL,
               Area.MOUTH_CORNERS, Area.CHIN]
    drawing = face_diagram(crowded, 150)

    def walk(node):
        for child in getattr(node, "contents", []):
            yield child
            yield from walk(child)

    badges = [(c.cx, c.cy, c.r) for c in walk(drawing) if isinstance(c, Circle)]
    assert len(badges) == len(crowded)
    for i, (x1, y1, r1) in enumerate(badges):
        for x2, y2, _ in badges[i + 1:]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (2 * r1 + 4) ** 2, "two number badges touch"
