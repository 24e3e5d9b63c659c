"""Records: storage, search, review consults, follow-ups, drafts, audit, import; each on a SQLite file
and on PostgreSQL (`database_url` in conftest.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import stat

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import ArgumentError

from conftest import EXAMPLES, load_example
from core.consultation import Consultation
from core.engine import plan
from core.records import ImportFailed, MissingName, RecordNotFound, Records, import_consultation
from core.records.database import sqlite_path
from core.records.migrations import LATEST

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def records(database_url):
    opened = Records.open(database_url, actor="Dr Test")
    yield opened
    opened.close()


def save_example(records, kb, name, **changes):
    consultation = load_example(name)
    if changes:
        consultation = consultation.model_copy(update=changes)
    return records.save_consultation(consultation, plan(consultation, kb))


def test_files_are_owner_only_and_pragmas_are_set(tmp_path, kb):
    records = Records.open(f"sqlite:///{tmp_path / 'records' / 'thirds.sqlite3'}", actor="Dr Test")
    save_example(records, kb, "lips_only")
    folder = tmp_path / "records"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in os.listdir(folder):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    with records.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    records.close()


def test_a_postgresql_url_opens_with_psycopg_3_and_a_wrong_kind_of_url_is_named():
    from core.records.server import engine_for, shown

    engine = engine_for("postgresql://thirds:secret@db.clinic.example/thirds?sslmode=require")
    assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")
    assert engine.url.query["sslmode"] == "require" and engine.url.query["connect_timeout"] == "10"
    assert engine.url.query["tcp_user_timeout"] == "10000"  # ms: a server gone silent fails a save in 10 s
    assert "secret" not in shown("postgresql://thirds:secret@db.clinic.example/thirds")
    with pytest.raises(ArgumentError, match="SQLite file or on a PostgreSQL server, not mysql"):
        engine_for("mysql://thirds@db.clinic.example/thirds")


def test_migrations_run_once_and_record_the_version(database_url):
    first = Records.open(database_url)
    first.close()
    second = Records.open(database_url)
    with second.engine.connect() as conn:
        versions = conn.exec_driver_sql("SELECT version FROM thirds_schema_version").scalars().all()
    second.close()
    assert versions == list(range(1, LATEST + 1))


def test_save_and_open_round_trip_with_plan_snapshot(records, kb):
    consultation = load_example("tired_face")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    stored = records.open_consultation(saved.consultation_uid)
    assert stored.consultation == consultation
    assert stored.plan == plan(consultation, kb)
    assert stored.kb_version == kb.version
    assert stored.status == "final"
    assert stored.patient_uid == saved.patient_uid


def test_a_record_stored_by_version_1_opens_with_its_answers_carried_forward(records, kb):
    """Schema 1 stored screening answers as booleans (false = no) and its plan had no screening results;
    both open, a written false stays no, an absent answer is not asked, never no."""
    consultation = load_example("contraindicated_toxin")
    saved = records.save_consultation(consultation, plan(consultation, kb))
    v1 = json.loads(consultation.model_dump_json())
    v1["schema_version"] = 1
    v1["screening"] = {"pregnant_or_breastfeeding": False, "ha_or_lidocaine_allergy": True, "medications": []}
    old_plan = json.loads(plan(consultation, kb).model_dump_json())
    for key in ("missing", "screening"):
        old_plan.pop(key)
    old_plan["removed"][0]["screening_item"] = "ha_or_lidocaine_allergy"
    with records.engine.begin() as conn:
        conn.execute(text("UPDATE consultations SET answers = :answers, plan = :plan WHERE uid = :uid"),
                     {"answers": json.dumps(v1), "plan": json.dumps(old_plan), "uid": saved.consultation_uid})
    stored = records.open_consultation(saved.consultation_uid)
    screening = stored.consultation.screening
    assert stored.consultation.schema_version == 4  # carried forward: v1 to v2 to v3 to v4
    assert screening.pregnant_or_breastfeeding.value == "no"
    assert screening.neuromuscular_disease.value == "not_asked"
    assert screening.ha_allergy.value == screening.lidocaine_allergy.value == "yes"
    assert stored.plan is not None and stored.plan.removed[0].screening_item.value == "ha_allergy"
    replanned = plan(stored.consultation, kb)
    assert any(m.question for m in replanned.missing)  # the unasked answers are asked again, not assumed


def test_a_consult_without_a_name_is_not_saved(records):
    with pytest.raises(MissingName, match="patient.name"):
        records.save_consultation(Consultation(consult_date=DAY))


def test_search_is_case_and_accent_insensitive_by_word_prefix_and_by_id(records, kb):
    consultation = load_example("lips_only")
    named = consultation.model_copy(
        update={"patient": consultation.patient.model_copy(update={"name": "Zoë Ångström-Levi"})}
    )
    records.save_consultation(named)
    save_example(records, kb, "tired_face")
    nordic = consultation.patient.model_copy(update={"name": "Ærø Test", "patient_id": "EX-900"})
    records.save_consultation(consultation.model_copy(update={"patient": nordic}))
    assert [p.name for p in records.search_patients("zoe")] == ["Zoë Ångström-Levi"]
    assert [p.name for p in records.search_patients("ANGSTROM")] == ["Zoë Ångström-Levi"]
    assert [p.name for p in records.search_patients("levi zo")] == ["Zoë Ångström-Levi"]
    assert [p.patient_ref for p in records.search_patients("ex-003")] == ["EX-003"]
    assert records.search_patients("nobody") == []
    assert len(records.search_patients("")) == 3
    # a word starts with what is typed, letter for letter: 'a' is not 'æ', whatever the server's collation
    assert [p.name for p in records.search_patients("a")] == ["Zoë Ångström-Levi"]
    assert [p.name for p in records.search_patients("ær")] == ["Ærø Test"]


def test_same_clinic_id_is_the_same_patient(records, kb):
    first = save_example(records, kb, "lips_only")
    second = save_example(records, kb, "lips_only", consult_date=DAY + dt.timedelta(days=30))
    assert first.patient_uid == second.patient_uid
    assert [c.consult_date for c in records.consultations_of(first.patient_uid)] == [
        DAY + dt.timedelta(days=30), DAY,
    ]


def test_review_consult_is_prefilled_from_the_last_one(records, kb):
    saved = save_example(records, kb, "tired_face")
    later = DAY + dt.timedelta(days=120)
    review = records.review_from_last(saved.patient_uid, later)
    last = load_example("tired_face")
    assert review.consult_date == later
    assert review.patient == last.patient
    assert review.history == last.history
    assert review.concerns == last.concerns
    assert review.bddq.q1 is None and review.choices.declined == []


def test_follow_up_list_uses_each_patients_latest_plan(records, kb):
    saved = save_example(records, kb, "forehead_lines_only")
    stored = records.open_consultation(saved.consultation_uid)
    due = min(item.next_due for item in stored.plan.maintenance)
    weeks = (due - DAY).days // 7 + 1
    assert {f.patient_uid for f in records.follow_ups(DAY, weeks)} == {saved.patient_uid}
    assert records.follow_ups(DAY, 1) == []
    # a newer consult without maintenance supersedes the old plan
    newer = load_example("forehead_lines_only").model_copy(update={"consult_date": due - dt.timedelta(days=10)})
    newer = newer.model_copy(update={"concerns": []})
    records.save_consultation(newer, plan(newer, kb), patient_uid=saved.patient_uid)
    assert records.follow_ups(DAY, weeks) == []


def test_drafts_never_let_an_older_revision_win(records):
    newer = Consultation(consult_date=DAY, practitioner="newer")
    older = Consultation(consult_date=DAY, practitioner="older")
    assert records.save_draft("k1", newer, "goals", 5)
    assert not records.save_draft("k1", older, "consult", 4)
    assert not records.save_draft("k1", older, "consult", 5)
    [draft] = records.drafts()
    assert (draft.revision, draft.page_id, draft.consultation.practitioner) == (5, "goals", "newer")
    assert records.save_draft("k1", older, "history", 6)
    records.discard_draft("k1")
    assert records.drafts() == []


def test_finishing_a_consult_removes_its_draft_in_the_same_commit(records, kb):
    consultation = load_example("lips_only")
    records.save_draft("k2", consultation, "plan", 1)
    records.save_consultation(consultation, plan(consultation, kb), draft_key="k2")
    assert records.drafts() == []


def test_audit_trail_names_who_did_what_but_holds_no_patient_data(records, kb):
    saved = save_example(records, kb, "lips_only")
    records.open_consultation(saved.consultation_uid)
    consultation = load_example("lips_only")
    records.save_consultation(consultation, None, consultation_uid=saved.consultation_uid)
    actions = [(e.action, e.entity) for e in records.audit_trail()]
    assert actions == [
        ("created", "patient"), ("created", "consultation"),
        ("viewed", "consultation"), ("changed", "consultation"),
    ]
    assert all(e.actor == "Dr Test" for e in records.audit_trail())
    text = json.dumps([e.__dict__ for e in records.audit_trail()], default=str)
    assert "Yael" not in text and "EX-007" not in text


def test_import_with_errors_names_each_field_and_imports_nothing(records, kb):
    raw = json.loads((EXAMPLES / "lips_only.json").read_text())
    raw["concerns"][0]["severity_rest"] = 9
    raw["patient"]["surname"] = "x"
    raw["consult_date"] = "not a date"
    with pytest.raises(ImportFailed) as failed:
        import_consultation(records, json.dumps(raw), kb)
    fields = {problem.rsplit("(in the file: ", 1)[1].rstrip(")") for problem in failed.value.problems}
    assert fields == {"concerns.0.severity_rest", "patient.surname", "consult_date"}
    assert "The grade at rest can be at most 4. (in the file: concerns.0.severity_rest)" in failed.value.problems
    assert records.search_patients("") == [] and records.audit_trail() == []


def test_import_rejects_unknown_concern_and_not_json(records, kb):
    raw = json.loads((EXAMPLES / "lips_only.json").read_text())
    raw["concerns"][0]["kind"] = "wobbly"
    with pytest.raises(ImportFailed, match=r"concerns\.0\.kind"):
        import_consultation(records, json.dumps(raw), kb)
    with pytest.raises(ImportFailed, match="not JSON"):
        import_consultation(records, "{nope", kb)
    assert records.search_patients("") == []


def test_import_stores_answers_and_plan(records, kb):
    saved = import_consultation(records, (EXAMPLES / "lips_only.json").read_text(), kb)
    stored = records.open_consultation(saved.consultation_uid)
    assert stored.consultation == load_example("lips_only")
    assert stored.plan is not None


def test_unknown_records_are_named(records):
    with pytest.raises(RecordNotFound):
        records.open_consultation("nope")
    with pytest.raises(RecordNotFound):
        records.patient("nope")


def test_database_url_from_the_environment(monkeypatch, database_url):
    from core.records import default_url

    monkeypatch.setenv("THIRDS_DATABASE", database_url)
    assert default_url() == database_url
    opened = Records.open()
    assert set(inspect(opened.engine).get_table_names()) >= {"patients", "consultations", "thirds_schema_version"}
    opened.close()
    path = sqlite_path(database_url)
    if path is not None:
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_pin_commands_open_the_database_given(database_url):
    from core.cli import main

    Records.open(database_url).close()
    out = io.StringIO()
    assert main(["pin", "admin-code", "--database", database_url], stdout=out) == 0
    assert "The admin recovery code is not set" in out.getvalue()


def test_on_postgres_a_wrong_password_is_refused_and_never_shown(postgres_server, postgres_database, capsys):
    from core.cli import main

    url = postgres_server.url(postgres_database.info.dbname).replace(postgres_server.password, "wrong-secret")
    assert main(["pin", "admin-code", "--database", url], stdout=io.StringIO()) == 1
    said = capsys.readouterr().err
    assert "password authentication failed" in said and "wrong-secret" not in said


def test_the_clinic_setting_names_the_database_and_the_environment_comes_first(database_url, tmp_path, monkeypatch):
    from core.cli import main
    from core.records.pin_admin import has_admin_code

    config = tmp_path / "clinic.toml"
    config.write_text(f'[records]\ndatabase = "{database_url}"\n')
    monkeypatch.setenv("THIRDS_CONFIG", str(config))
    monkeypatch.delenv("THIRDS_DATABASE", raising=False)
    Records.open(database_url).close()
    assert main(["pin", "admin-code", "--set"], stdout=io.StringIO(), read_secret=lambda _: "0123456789ab") == 0
    records = Records.open(database_url)
    assert has_admin_code(records)
    records.close()
    monkeypatch.setenv("THIRDS_DATABASE", f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}")
    assert main(["pin", "admin-code"], stdout=io.StringIO()) == 2  # no file there: the environment won
    config.write_text('[records]\ndatabase = "mysql://db.clinic.example/thirds"\n')
    assert main(["kb", "check", "--config", str(config)], stdout=io.StringIO()) == 2


def test_the_wizard_opens_the_database_the_clinic_setting_names(qtbot, database_url, tmp_path, monkeypatch):
    from sqlalchemy.engine import make_url

    from gui import app as gui_app

    config = tmp_path / "clinic.toml"
    config.write_text(f'[records]\ndatabase = "{database_url}"\n')
    monkeypatch.delenv("THIRDS_DATABASE", raising=False)
    wizard = gui_app.open_window(config=config)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: getattr(wizard, "records", None) is not None, timeout=10_000)
    opened, wanted = wizard.records.records.engine.url, make_url(database_url)
    assert (opened.get_backend_name(), opened.database) == (wanted.get_backend_name(), wanted.database)
    wizard.records.close()
    wizard.dirty = False


def test_on_postgres_a_connection_the_server_dropped_is_opened_again(postgres_server, postgres_database):
    import psycopg

    name = postgres_database.info.dbname
    records = Records.open(postgres_server.url(name))
    assert records.save_draft("k1", Consultation(consult_date=DAY, practitioner="before"), "goals", 1)
    with psycopg.connect(postgres_server.url(), autocommit=True) as admin:  # as a server restart does
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                      (name, postgres_database.info.backend_pid))
    assert records.save_draft("k1", Consultation(consult_date=DAY, practitioner="after"), "history", 2)
    assert [d.consultation.practitioner for d in records.drafts()] == ["after"]
    records.close()


def test_an_import_says_each_problem_in_the_guis_words_then_where_it_is_in_the_file(records, kb):
    """Not pydantic's English, an ISO date or a tool id in a Hebrew sentence: the practitioner's words,
    then the place in the file for whoever fixes it."""
    from core.knowledge.ui import load_ui, use_words

    raw = json.loads((EXAMPLES / "lips_only.json").read_text())
    raw["patient"]["date_of_birth"] = raw["consult_date"]
    said = load_ui("he")
    try:
        use_words("he")
        with pytest.raises(ImportFailed) as failed:
            import_consultation(records, json.dumps(raw), kb.for_language("he"))
    finally:
        use_words("en")
    assert failed.value.problems == [said.importing.fill("problem", problem=said.checks.birth_after_consult,
                                                         where="patient.date_of_birth")]


def test_a_lot_typed_with_braces_stays_as_typed_in_the_message():
    """pydantic fills a message's {placeholders} from its context: a lot 'L{date}' must not become a date."""
    import datetime as dt

    from pydantic import ValidationError

    from clinical_support import given, with_given
    from conftest import consult

    c = consult(("glabella", "frown_lines", 1, 3))
    with pytest.raises(ValidationError) as refused:
        with_given(c, given(lot="L{date}{field}", expiry=dt.date(2000, 1, 1)))
    assert "Lot L{date}{field} expired on 2000-01-01" in str(refused.value)
