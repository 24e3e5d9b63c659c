"""Page behaviour by taps: the face map, Next with a reason, screening, declining, leaving, saving."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QWidget

from conftest import ROOT, load_example
from core.consultation import Consultation
from core.engine import plan
from core.vocabulary import Area, RecommendationStatus, Reply, Tool
from gui.pages.plan import PlanPage
from gui.pages.plan_parts import rec_name
from gui.pages.screening import ScreeningPage
from gui.pages.screening_items import appearance, from_earlier, questions
from gui.pages.third import ThirdPage
from gui.widgets.face_map import FaceMap
from gui.wizard import ConsultationWizard
from gui_taps import find, next_page, shown_plan, tap, tap_area, tap_name, type_into, walk, yes_no


def make(qtbot, kb, draft: Consultation | None = None, **kwargs) -> ConsultationWizard:  # type: ignore[no-untyped-def]
    kwargs.setdefault("confirm", lambda *_: True)
    wizard = ConsultationWizard(kb, **kwargs)
    qtbot.addWidget(wizard)
    if draft is not None:
        wizard.model.load(draft)
    wizard.show()
    return wizard


def go_to(qtbot, wizard: ConsultationWizard, page_type: type) -> QWidget:  # type: ignore[no-untyped-def]
    while not isinstance(wizard.currentPage(), page_type):
        next_page(qtbot, wizard)
    return wizard.currentPage()


# --- the face map ---------------------------------------------------------------------------------
def test_tapping_inside_an_area_marks_it_and_outside_marks_nothing(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("lips_only").model_copy(update={"concerns": []}))
    page = go_to(qtbot, wizard, ThirdPage)
    face = find(page, "Face map, upper third", FaceMap)
    assert isinstance(face, FaceMap)
    tap(qtbot, face, QPoint(2, 2))  # the corner of the map: no area
    assert wizard.draft.concerns == [] and page.selected is None
    between_brow_and_eye = face._transform().map(QPointF(150, 168)).toPoint()  # noqa: SLF001
    assert face.area_at(between_brow_and_eye) is None  # inside the forehead's bounding box? no: below it
    tap(qtbot, face, between_brow_and_eye)
    assert wizard.draft.concerns == []
    tap_area(qtbot, face, Area.GLABELLA)
    assert [(c.area, c.kind) for c in wizard.draft.concerns] == [(Area.GLABELLA, "frown_lines")]
    assert page.selected is Area.GLABELLA


def test_hit_testing_follows_the_shape_not_the_bounding_box(kb, qtbot) -> None:
    wizard = make(qtbot, kb)
    face = FaceMap("test map", [Area.FOREHEAD], wizard)
    face.resize(400, 540)
    shape = face._shapes[Area.FOREHEAD]  # noqa: SLF001
    box = shape.boundingRect()
    corner = box.topLeft() + QPointF(3, 3)  # inside the box, outside the dome
    assert not shape.contains(corner)
    assert face.area_at(face._transform().map(corner)) is None  # noqa: SLF001
    assert face.area_at(face.area_center(Area.FOREHEAD)) is Area.FOREHEAD


def test_every_area_of_the_svg_can_be_tapped(kb, qtbot) -> None:
    wizard = make(qtbot, kb)
    face = FaceMap("whole face", list(Area), wizard)
    face.resize(400, 540)
    for area in Area:
        assert face.area_at(face.area_center(area)) is area


# --- Next with a reason ---------------------------------------------------------------------------
def test_next_is_disabled_with_a_visible_reason_until_the_name_is_given(kb, qtbot) -> None:
    wizard = make(qtbot, kb)
    page = wizard.currentPage()
    next_button = find(wizard, "Next")
    reason = find(page, "Why Next is not available")
    assert not next_button.isEnabled()
    assert "name" in reason.text()
    type_into(qtbot, page, "Patient name", "Test Patient")
    assert not next_button.isEnabled()
    assert "date of birth" in reason.text()
    from gui_taps import pick_date

    pick_date(qtbot, page, "Date of birth", wizard.draft.consult_date.replace(year=wizard.draft.consult_date.year - 40))
    assert not next_button.isEnabled()
    assert "first injectable" in reason.text()
    yes_no(qtbot, page, "First injectable treatment", True)
    assert next_button.isEnabled() and reason.text() == ""


def test_a_date_of_birth_after_the_consult_is_refused_in_plain_words(kb, qtbot) -> None:
    wizard = make(qtbot, kb)
    page = wizard.currentPage()
    from gui_taps import pick_date

    later = wizard.draft.consult_date.replace(year=wizard.draft.consult_date.year + 1)
    pick_date(qtbot, page, "Date of birth", later, check=False)
    assert wizard.draft.patient.date_of_birth is None
    assert "before the consult date" in find(page, "Why Next is not available").text()


def test_the_screening_page_asks_every_item_of_the_knowledge_base(kb) -> None:
    from core.consultation import Screening
    from core.vocabulary import Reply

    asked = questions(kb)
    shown = {item for q in asked for item in q.items} | set(from_earlier(kb)) | set(appearance(kb))
    assert shown == set(kb.screening)
    replies = {name for name, field in Screening.model_fields.items() if field.annotation is Reply}
    assert [q.answer for q in asked] == list(dict.fromkeys(q.answer for q in asked)), "each answer asked once"
    assert {q.answer for q in asked} == replies


def test_screening_needs_every_answer_before_next(kb, qtbot) -> None:
    draft = load_example("lips_only")
    wizard = make(qtbot, kb)
    type_into(qtbot, wizard.currentPage(), "Patient name", draft.patient.name)
    from gui_taps import answer, pick_date

    pick_date(qtbot, wizard.currentPage(), "Date of birth", draft.patient.date_of_birth)
    yes_no(qtbot, wizard.currentPage(), "First injectable treatment", False)
    page = go_to(qtbot, wizard, ScreeningPage)
    assert not find(wizard, "Next").isEnabled()
    asked = questions(kb)
    assert f"{len(asked)} safety questions not asked yet" in find(page, "Why Next is not available").text()
    for question in asked:
        answer(qtbot, page, question.answer, Reply.NO)
    assert not find(wizard, "Next").isEnabled()
    assert "BDDQ-AS" in find(page, "Why Next is not available").text()
    yes_no(qtbot, page, "BDDQ q1", True)
    yes_no(qtbot, page, "BDDQ q2", True)
    assert not find(wizard, "Next").isEnabled(), "q1 and q2 yes: the rest of the screen is needed"
    yes_no(qtbot, page, "BDDQ q2", False)
    assert find(wizard, "Next").isEnabled()


# --- safety and the plan --------------------------------------------------------------------------
def test_a_hard_contraindication_shows_at_once_and_removes_the_tool_from_the_plan(kb, qtbot) -> None:
    draft = load_example("forehead_lines_only")
    wizard = make(qtbot, kb, draft)
    page = go_to(qtbot, wizard, ScreeningPage)
    row = page.rows["toxin_hypersensitivity"]  # the row turns "stop" at once, its words beside it
    assert row.property("role") == "card"
    yes_no(qtbot, page, "Screening: toxin_hypersensitivity", True)
    assert row.property("role") == "stop"
    message = kb.text().screening["toxin_hypersensitivity"].practitioner
    assert message in page.side_text.text()
    assert message in row.accessibleDescription()
    plan_page = go_to(qtbot, wizard, PlanPage)
    shown = shown_plan(plan_page)
    assert not any(r.startswith("neuromodulator/") for r in shown["recommendations"])
    assert "neuromodulator/forehead" in shown["removed"]
    assert shown == _expected(plan(wizard.draft, kb))


def test_declining_a_recommendation_updates_the_plan_and_the_cost(kb, qtbot) -> None:
    draft = load_example("tired_face")
    wizard = make(qtbot, kb, draft)
    page = go_to(qtbot, wizard, PlanPage)
    before = plan(draft, kb)
    name = rec_name(kb, Tool.HA_FILLER, Area.CHEEKS)
    tap_name(qtbot, page, f"Decline {name}")
    tap_name(qtbot, page, f"Decline {name}: Cost")
    after = plan(wizard.draft, kb)
    cheeks = next(r for r in after.recommendations if (r.tool, r.area) == (Tool.HA_FILLER, Area.CHEEKS))
    assert cheeks.status is RecommendationStatus.DECLINED and cheeks.declined_reason == "Cost"
    assert after.cost.total < before.cost.total
    shown = shown_plan(page)
    assert "ha_filler/cheeks/declined" in shown["recommendations"]
    assert Decimal(str(shown["total"])) == after.cost.total
    tap_name(qtbot, page, f"Restore {name}")
    assert plan(wizard.draft, kb).cost.total == before.cost.total
    assert shown_plan(page)["total"] == str(before.cost.total)


def test_the_same_session_choice_is_core_s_to_schedule(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("tired_face"))
    page = go_to(qtbot, wizard, PlanPage)
    tap_name(qtbot, page, "Choice: same session")
    assert wizard.draft.choices.same_session
    assert shown_plan(page) == _expected(plan(wizard.draft, kb))


# --- leaving and saving ---------------------------------------------------------------------------
def test_cancel_asks_before_discarding_answers(kb, qtbot) -> None:
    asked: list[str] = []
    answer = [False]

    def confirm(_parent: QWidget, question: str) -> bool:
        asked.append(question)
        return answer[0]

    wizard = make(qtbot, kb, confirm=confirm)
    type_into(qtbot, wizard.currentPage(), "Patient name", "Test Patient")
    tap_name(qtbot, wizard, "Cancel")
    assert asked and wizard.isVisible()
    wizard.close()
    assert len(asked) == 2 and wizard.isVisible()
    answer[0] = True
    wizard.close()
    assert not wizard.isVisible()


def test_an_untouched_wizard_closes_without_asking(kb, qtbot) -> None:
    asked: list[str] = []
    wizard = make(qtbot, kb, confirm=lambda _p, q: asked.append(q) or False)
    wizard.close()
    assert not asked and not wizard.isVisible()


def test_finish_saves_the_consultation_as_json_by_touch(kb, qtbot, tmp_path) -> None:
    draft = load_example("lips_only")
    asked: list[str] = []
    wizard = make(qtbot, kb, draft, output_dir=tmp_path / "out", confirm=lambda _p, q: asked.append(q) or False)
    page = go_to(qtbot, wizard, type(wizard.pages[-1]))
    tap_name(qtbot, page, "Save consultation")
    saved = list((tmp_path / "out").glob("*.json"))
    assert len(saved) == 1
    assert Consultation.model_validate(json.loads(saved[0].read_text())) == draft
    assert (saved[0].stat().st_mode & 0o077) == 0
    assert "Saved" in find(page, "Finish status").text()
    wizard.close()
    assert not asked  # saved, nothing to lose


def test_an_unwritable_folder_is_said_in_plain_words_and_nothing_is_lost(kb, qtbot, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    draft = load_example("lips_only")
    wizard = make(qtbot, kb, draft, output_dir=blocker / "sub")
    page = go_to(qtbot, wizard, type(wizard.pages[-1]))
    tap_name(qtbot, page, "Save consultation")
    text = find(page, "Finish status").text()
    assert "could not be saved" in text and "Traceback" not in text
    assert wizard.draft == draft


def test_exports_call_the_takeaway_module_or_explain(kb, qtbot, tmp_path, monkeypatch) -> None:
    wizard = make(qtbot, kb, load_example("lips_only"), output_dir=tmp_path)
    page = go_to(qtbot, wizard, type(wizard.pages[-1]))
    import builtins

    real_import = builtins.__import__

    def no_takeaway(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("core.takeaway"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_takeaway)
    monkeypatch.delitem(sys.modules, "core.takeaway", raising=False)
    tap_name(qtbot, page, "Patient takeaway (PDF)")
    assert "not available" in find(page, "Finish status").text()
    monkeypatch.undo()
    calls: list[tuple[str, object]] = []
    fake = type(sys)("core.takeaway")
    for function in ("write_takeaway", "write_record", "write_ics"):
        setattr(fake, function, lambda c, p, k, out, f=function: calls.append((f, out)) or out.write_text("x"))
    monkeypatch.setitem(sys.modules, "core.takeaway", fake)
    tap_name(qtbot, page, "Patient takeaway (PDF)")
    tap_name(qtbot, page, "Clinical record (PDF)")
    tap_name(qtbot, page, "Appointments (calendar file)")
    assert [c[0] for c in calls] == ["write_takeaway", "write_record", "write_ics"]
    assert all(path.parent == tmp_path for _, path in calls)


def test_walking_back_keeps_every_answer(kb, qtbot) -> None:
    draft = load_example("jawline_chin_masseter")
    wizard = make(qtbot, kb)
    walk(qtbot, wizard, draft)
    while wizard.currentId() != wizard.startId():
        tap_name(qtbot, wizard, "Back")
    assert wizard.draft == draft
    assert find(wizard.currentPage(), "Patient name").text() == draft.patient.name


def test_without_a_display_python_m_gui_says_so_in_one_line(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "gui"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 3  # `make run` stops cleanly on 3: the one line is all a person sees
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "thirds plan" in lines[0]


def test_make_run_without_a_display_prints_that_one_line_and_no_make_error(tmp_path) -> None:
    venv = ROOT / ".venv" / "bin"
    env = {"PATH": f"{venv}:/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed-stamp", "run"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert "no display" in result.stderr


def test_missing_qt_system_libraries_are_named_with_their_debian_packages(monkeypatch, capsys) -> None:
    from gui import system_libs

    monkeypatch.setattr(system_libs, "CORE", {**system_libs.CORE, "libthirds-absent.so.9": "libthirds-absent9"})
    assert system_libs.missing() == {"libthirds-absent.so.9": "libthirds-absent9"}
    assert system_libs.main([]) == 1
    line = capsys.readouterr().err.strip()
    assert "libthirds-absent.so.9" in line and "apt-get install libthirds-absent9" in line


def _expected(result):  # type: ignore[no-untyped-def]
    from test_gui_walk import expected

    return expected(result)


def test_a_budget_is_read_in_the_clinics_locale(kb, qtbot) -> None:
    """en (the default): a comma groups, a point is the decimal point (tests/test_money.py has the rest)."""
    from gui.pages.goals import GoalsPage

    wizard = make(qtbot, kb, load_example("lips_only"))
    page = go_to(qtbot, wizard, GoalsPage)
    for typed, amount in (("1,500", "1500"), ("2000", "2000"), ("1,250.50", "1250.50"), ("", None)):
        field = find(page, "Budget")
        field.clear()
        if typed:
            type_into(qtbot, page, "Budget", typed)
        else:
            field.textEdited.emit("")
        assert wizard.draft.goals.budget == (None if amount is None else Decimal(amount)), typed
    type_into(qtbot, page, "Budget", "1,500")
    assert find(page, "Budget as read").text() == "= €1,500"


def test_a_very_long_name_in_any_script_still_gives_a_file_name_the_disk_accepts(tmp_path) -> None:
    from gui.pages.finish import file_stem

    draft = Consultation.model_validate({"consult_date": "2026-11-23", "patient": {"name": "محمد " * 40}})
    stem = file_stem(draft)
    assert len(f"{stem}.takeaway.pdf".encode()) < 255 and stem.startswith("2026-11-23-محمد")
    (tmp_path / f"{stem}.takeaway.pdf").write_bytes(b"%PDF")


def test_declining_with_an_empty_other_reason_says_what_is_missing(kb, qtbot) -> None:
    draft = load_example("tired_face")
    wizard = make(qtbot, kb, draft)
    page = go_to(qtbot, wizard, PlanPage)
    name = rec_name(kb, Tool.HA_FILLER, Area.CHEEKS)
    tap_name(qtbot, page, f"Decline {name}")
    tap_name(qtbot, page, f"Decline {name}: confirm")
    assert find(page, f"Decline {name}: reason missing").isVisible()
    assert not wizard.draft.choices.declined


def test_a_paste_past_the_text_limit_is_cut_there_and_said_not_dropped(kb, qtbot) -> None:
    wizard = make(qtbot, kb, load_example("lips_only"))
    page = go_to(qtbot, wizard, PlanPage)
    box = find(page, "Practitioner's notes")
    box.setPlainText("Synthetic note. " * 2000)  # 32,000 characters
    assert wizard.draft.choices.notes == ("Synthetic note. " * 2000)[:20_000].strip()
    assert box.textCursor().position() == 20_000, "the cursor stays at the end of what was kept"
    assert "first 20,000 characters" in find(page, "Why Next is not available").text()
