"""The follow-up list (issue 10): who should come in the next weeks and why — the visits booked in
each patient's latest plan as well as the maintenance that falls due — by date, in words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from conftest import load_example
from core.engine import plan
from core.plan import Treatment
from core.records import Records, erase_patient
from core.vocabulary import Area, SessionKind, Tool
from gui.records.records_dialog import FollowUpList
from gui.wizard import ConsultationWizard

JAW = "jawline_chin_masseter"  # neuromodulator on the consult day, filler (HA) chin and jawline at day 14


@pytest.fixture
def url(database_url):  # a SQLite file, then a PostgreSQL database (conftest.py)
    return database_url


@pytest.fixture
def records(url):
    opened = Records.open(url, actor="Dr Test")
    yield opened
    opened.close()


def store(records, kb, name, **changes):  # type: ignore[no-untyped-def]
    consultation = load_example(name).model_copy(update=changes)
    result = plan(consultation, kb)
    return consultation, result, records.save_consultation(consultation, result)


def test_a_filler_visit_booked_at_day_14_is_in_a_three_week_list(records, kb) -> None:
    consultation, result, saved = store(records, kb, JAW)
    day = consultation.consult_date
    booked = [s for s in result.sessions if s.day == 14]
    assert booked and booked[0].treatments
    [visit] = records.follow_ups(day, 3)
    assert (visit.patient_uid, visit.date, visit.visit) == (saved.patient_uid, day + dt.timedelta(days=14), 2)
    assert visit.kinds == (SessionKind.TREATMENT,) and not visit.top_up
    assert set(visit.treatments) == {Treatment(tool=Tool.HA_FILLER, area=Area.CHIN),
                                     Treatment(tool=Tool.HA_FILLER, area=Area.JAWLINE)}
    assert records.follow_ups(day + dt.timedelta(days=15), 3) == []  # past, and the top-ups are later


def test_the_consult_day_itself_is_not_a_follow_up(records, kb) -> None:
    consultation, _, _ = store(records, kb, "forehead_lines_only")  # one visit, on the consult day
    assert records.follow_ups(consultation.consult_date, 3) == []


def test_maintenance_due_is_still_listed_with_the_visits_by_date(records, kb) -> None:
    consultation, result, saved = store(records, kb, JAW)
    toxin = next(m for m in result.maintenance if m.tool is Tool.NEUROMODULATOR)
    today = toxin.next_due - dt.timedelta(days=7)
    [top_up] = records.follow_ups(today, 3)
    assert top_up.top_up and top_up.date == toxin.next_due
    assert top_up.treatments == (Treatment(tool=Tool.NEUROMODULATOR, area=Area.MASSETER),)
    everything = records.follow_ups(consultation.consult_date, 60)
    assert [f.date for f in everything] == sorted(f.date for f in everything)
    assert [f.visit for f in everything][0] == 2 and sum(f.top_up for f in everything) == len(result.maintenance)


def test_a_newer_plan_replaces_the_visits_of_the_older_one(records, kb) -> None:
    consultation, _, saved = store(records, kb, JAW)
    newer = consultation.model_copy(update={"consult_date": consultation.consult_date + dt.timedelta(days=3),
                                            "concerns": []})
    records.save_consultation(newer, plan(newer, kb), patient_uid=saved.patient_uid)
    assert records.follow_ups(consultation.consult_date, 3) == []


def test_an_erased_patient_never_appears(records, kb) -> None:
    consultation, _, gone = store(records, kb, JAW)
    _, _, kept = store(records, kb, "first_timer_three_dimensions")
    day = consultation.consult_date
    assert {f.patient_uid for f in records.follow_ups(day, 60)} == {gone.patient_uid, kept.patient_uid}
    erase_patient(records, gone.patient_uid)
    listed = records.follow_ups(day, 520)
    assert listed and {f.patient_uid for f in listed} == {kept.patient_uid}


def test_plans_stored_before_schema_2_get_their_visits(url, kb) -> None:
    records = Records.open(url)
    consultation, _, saved = store(records, kb, JAW)
    with records.engine.begin() as conn:  # back to the version-1 schema, the plan already stored
        conn.exec_driver_sql("DROP TABLE plan_visits")
        conn.exec_driver_sql("DELETE FROM thirds_schema_version WHERE version > 1")
    records.close()
    reopened = Records.open(url)
    try:
        [visit] = reopened.follow_ups(consultation.consult_date, 3)
        assert (visit.patient_uid, visit.visit) == (saved.patient_uid, 2)
    finally:
        reopened.close()


def test_the_list_says_why_in_words_and_when(qtbot, kb, records) -> None:
    consultation, result, _ = store(records, kb, JAW)
    store(records, kb, "first_timer_three_dimensions")  # Lea Imaginary: a review at day 14
    day = consultation.consult_date
    widget = FollowUpList(records, kb, None, today=lambda: day)
    qtbot.addWidget(widget)
    widget.show_weeks(2)
    lines = [widget.list.item(i).text() for i in range(widget.list.count())]
    assert len(lines) == 2, lines  # the same day: by name
    assert "Alex Testcase" in lines[0]
    assert lines[0].endswith("Visit 2: Hyaluronic acid (HA) filler, chin and jawline")
    assert "Lea Imaginary" in lines[1] and lines[1].endswith("Visit 2: Review after the first treatment")
    dates = {line.split(" · ")[0] for line in lines}  # written the clinic's way, the same day
    assert len(dates) == 1 and str((day + dt.timedelta(days=14)).year) in dates.pop()
    toxin = next(m for m in result.maintenance if m.tool is Tool.NEUROMODULATOR)
    widget.today = lambda: toxin.next_due - dt.timedelta(days=3)
    widget.refresh()
    lines = [widget.list.item(i).text() for i in range(widget.list.count())]
    assert any(line.endswith("Top-up due: Neuromodulator (botulinum toxin), masseter") for line in lines), lines
    assert any(line.endswith("Top-up due: Neuromodulator (botulinum toxin), forehead and glabella")
               for line in lines), lines  # one line for the top-ups a patient has due on one day
    reviews: list[str] = []
    widget.review_requested.connect(reviews.append)
    widget.list.setCurrentRow(0)
    qtbot.mouseClick(widget.review_button, Qt.MouseButton.LeftButton)
    assert len(reviews) == 1


def test_an_empty_list_says_so(qtbot, kb, records) -> None:
    widget = FollowUpList(records, kb, None, today=lambda: dt.date(2027, 1, 1))
    qtbot.addWidget(widget)
    assert widget.list.count() == 1 and "No one is due in the next 4 weeks" in widget.list.item(0).text()


def test_the_records_follow_up_tab_lists_a_finished_consults_visit(qtbot, kb, records) -> None:
    """End to end: a consult the wizard stores shows up with its booked filler visit."""
    from gui.records.session import RecordsSession

    done = load_example(JAW)
    wizard = ConsultationWizard(kb, done, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records, today=lambda: done.consult_date)
    assert session.store()
    dialog = session.open_records()
    dialog.follow_ups.today = lambda: done.consult_date
    dialog.follow_ups.show_weeks(4)
    texts = [dialog.follow_ups.list.item(i).text() for i in range(dialog.follow_ups.list.count())]
    assert any("Alex Testcase" in t and "Visit 2: Hyaluronic acid (HA) filler" in t for t in texts), texts
    dialog.close()
