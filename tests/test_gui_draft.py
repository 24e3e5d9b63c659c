"""gui/draft.py: the pages' draft model. Typed edits change only what they name, a refused answer keeps
the draft and is said in plain words, patient mode notes the patient's answers, and the plan follows."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import load_example
from core.vocabulary import Area, Reply, SkinItem, Tool
from gui.draft import DraftModel, DraftPlan


@pytest.fixture
def model(kb) -> DraftModel:
    model = DraftModel()
    model.start(kb, load_example("tired_face"))
    return model


def changes(model: DraftModel) -> list[object]:
    seen: list[object] = []
    model.draft_changed.connect(seen.append)
    return seen


def test_an_edit_changes_its_answer_and_says_so_once(model):
    seen = changes(model)
    before = model.draft
    assert model.set_goals(in_patient_words="Softer, please") is None
    assert model.draft.goals.in_patient_words == "Softer, please" and seen == [model.draft]
    assert model.draft.patient is before.patient  # the parts not edited are the same objects
    assert before.goals.in_patient_words != "Softer, please"  # a new draft, never changed in place
    assert model.dirty


@pytest.mark.parametrize(("edit", "message"), [
    (lambda m, d: m.set_patient(date_of_birth=d.consult_date + dt.timedelta(days=1)),
     "The date of birth must be before the consult date."),
    (lambda m, d: m.set_consult(consult_date=d.patient.date_of_birth), "The date of birth must be before the consult date."),
    (lambda m, d: m.set_patient(name="x" * 201), "The patient's name can have at most 200 characters."),
    (lambda m, d: m.set_earlier_filler(0, date=d.consult_date + dt.timedelta(days=1)),
     "The date of earlier filler 1 is after the consult date."),
    (lambda m, d: m.set_history(last_neuromodulator=d.consult_date + dt.timedelta(days=1)),
     "The date of the last neuromodulator treatment is after the consult date."),
    (lambda m, d: m.set_choices(patient_notes="x" * 20_001), "The notes for the patient can have at most 20000 characters."),
    (lambda m, d: m.set_reply("active_infection", Reply.NO, infection_areas=[Area.LIPS]),
     "Sites of infection are named, but the infection question is answered No."),
    (lambda m, d: m.set_dose(Area.GLABELLA, 0), "The planned dose must be more than 0."),
    (lambda m, d: m.set_dose(Area.GLABELLA, 5_000), "The planned dose can be at most 1000."),
])
def test_a_refused_answer_keeps_the_draft_and_says_why_in_plain_words(model, edit, message):
    seen = changes(model)
    before = model.draft
    assert edit(model, before) == message
    assert model.draft is before and seen == []


def test_concerns_earlier_fillers_and_choices_change_as_lists(model):
    assert model.set_concern(Area.LIPS, "volume_loss") is None
    assert model.set_concern(Area.LIPS, "volume_loss", severity_rest=2) is None
    lips = [c for c in model.draft.concerns if c.area is Area.LIPS]
    assert [(c.kind, c.severity_rest, c.severity_movement) for c in lips] == [("volume_loss", 2, 0)]
    assert model.clear_area(Area.LIPS) is None and not model.draft.concerns_in(Area.LIPS)
    count = len(model.draft.history.earlier_fillers)
    assert model.add_earlier_filler(Area.LIPS) is None
    assert model.set_earlier_filler(count, permanent=True) is None
    assert model.draft.history.earlier_fillers[count].permanent
    assert model.remove_earlier_filler(count) is None and len(model.draft.history.earlier_fillers) == count
    assert model.decline(Tool.NEUROMODULATOR, Area.GLABELLA, "prefers not") is None
    assert [(d.tool, d.area) for d in model.draft.choices.declined] == [(Tool.NEUROMODULATOR, Area.GLABELLA)]
    assert model.restore(Tool.NEUROMODULATOR, Area.GLABELLA) is None and model.draft.choices.declined == []
    assert model.set_dose(Area.GLABELLA, 20) is None and model.draft.choices.doses[0].units == 20
    assert model.set_dose(Area.GLABELLA, None) is None and model.draft.choices.doses == []
    assert model.set_skin_grade(SkinItem.TEXTURE, 3) is None and model.draft.skin.texture == 3
    assert model.set_skin_types(glogau="II") is None and model.draft.skin.glogau == "II"
    assert model.set_bddq("q1", False) is None and model.draft.bddq.q1 is False
    assert model.set_cops([1] * 9) is None and model.draft.cops == [1] * 9


def test_in_patient_mode_a_safety_answer_waits_and_a_plain_one_counts(model):
    model.set_patient_mode(True)
    assert model.set_reply("pregnant_or_breastfeeding", Reply.YES) is None
    assert model.draft.screening.pregnant_or_breastfeeding is Reply.NO  # the plan's draft keeps it
    assert model.answers.screening.pregnant_or_breastfeeding is Reply.YES  # the pages show the patient's
    assert model.set_goals(in_patient_words="Rested") is None and model.draft.goals.in_patient_words == "Rested"
    assert [e.path for e in model.draft.patient_edits] == ["screening.pregnant_or_breastfeeding",
                                                            "goals.in_patient_words"]
    assert model.pending_edits == [0]
    model.set_patient_mode(False)
    assert model.decide_edit(0, True) is None
    assert model.draft.screening.pregnant_or_breastfeeding is Reply.YES and model.pending_edits == []


def test_the_first_injectable_answer_is_open_until_given(kb):
    model = DraftModel()
    model.start(kb)
    assert not model.is_answered("first_injectable") and not model.dirty
    model.mark_answered("first_injectable")
    assert model.is_answered("first_injectable")
    model.start_blank()
    assert not model.is_answered("first_injectable")
    model.load(load_example("lips_only"))
    assert model.is_answered("first_injectable")


def test_saved_means_no_answer_since_the_save(model, tmp_path):
    assert model.unsaved  # a consultation handed over at start counts as unsaved
    model.mark_saved(tmp_path / "c.json")
    assert not model.unsaved
    model.set_goals(in_patient_words="later")
    assert model.unsaved


def test_the_plan_is_made_again_only_for_a_new_draft(kb):
    model = DraftModel()
    plans = DraftPlan(model)
    assert plans.plan is None  # before start
    model.start(kb, load_example("tired_face"))
    first = plans.plan
    assert first is not None and plans.plan is first and plans.error == ""
    model.set_goals(in_patient_words="again")
    assert plans.plan is not first


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_refused_answer_is_said_in_the_guis_language_without_a_data_key(kb, language):
    """A Hebrew or Arabic practitioner reads why in their language: never pydantic's English, never the
    answer's path ('history.earlier_fillers.0.date'), for the consultation's checks and one answer's."""
    from core.knowledge.ui import load_ui, use_words

    said = load_ui(language)
    try:
        use_words(language)
        model = DraftModel()
        speaking = kb.for_language(language)  # as `thirds --language he` starts: words and texts alike
        model.start(speaking, load_example("tired_face"))
        after = model.draft.consult_date + dt.timedelta(days=1)
        refusals = {
            "birth": model.set_patient(date_of_birth=after),
            "filler": model.set_earlier_filler(0, date=after),
            "name": model.set_patient(name="x" * 201),
            "dose": model.set_dose(Area.GLABELLA, 0),
            "infection": model.set_reply("active_infection", Reply.NO, infection_areas=[Area.LIPS]),
        }
    finally:
        use_words("en")
    assert refusals == {
        "birth": said.checks.birth_after_consult,
        "filler": said.checks.fill("filler_after_consult", n=1),
        "name": said.checks.fill("too_long", field=said.check_fields.fill("patient.name"), max=200),
        "dose": said.checks.fill("too_small", field=said.check_fields.fill("choices.doses"), min=0),
        "infection": said.checks.fill("infection_sites_without_infection",
                                      answer=speaking.text().replies[Reply.NO]),
    }
    for refusal in refusals.values():
        assert refusal is not None and not any(key in refusal for key in ("patient.", "history.", "_", "{"))


def test_a_given_lot_past_its_expiry_is_said_with_the_clinics_date_and_the_tools_name(kb):
    """The model's own check (the Given page checks first, core.given): the expiry in the clinic's form
    (not ISO), the tool by the clinic's name (not its id)."""
    from clinical_support import consented, given
    from core.consultation import Consultation
    from gui.labels import day, tool_name

    model = DraftModel()
    start = load_example("tired_face")
    model.start(kb, consented(Consultation.model_validate(dict(start)), kb, Tool.NEUROMODULATOR))
    expiry = model.draft.consult_date - dt.timedelta(days=1)
    refused = model.add_given(given(expiry=expiry))
    assert refused == f"Lot C1234A expired on {day(kb, expiry)}: an expired lot cannot be given."
    assert expiry.isoformat() not in refused
    unconsented = model.add_given(given(Tool.HA_FILLER, Area.CHEEKS, amount=1))
    assert unconsented == (f"{tool_name(kb, Tool.HA_FILLER)} has no signed consent: "
                           "the patient signs its consent first.")


def test_every_check_core_makes_has_words_and_every_answer_name_is_a_real_place():
    """core.consultation.refused("key", ...) for each key of [checks]; [check_fields] names only places
    a Consultation has (a renamed field would otherwise fall back to 'This answer' unnoticed)."""
    import re

    from conftest import ROOT
    from core.consultation import Consultation
    from core.knowledge.ui import load_ui

    source = (ROOT / "core" / "consultation.py").read_text(encoding="utf-8")
    raised = set(re.findall(r'refused\("([a-z_]+)"', source))
    checks = {key for key, _ in load_ui("en").checks.items()}
    assert raised and raised <= checks
    for place, _name in load_ui("en").check_fields.items():
        if place == "answer":
            continue
        model: type | None = Consultation
        for part in place.split("."):
            assert model is not None and part in model.model_fields, place
            annotation = model.model_fields[part].annotation
            inner = getattr(annotation, "__args__", (annotation,))[0] if hasattr(annotation, "__args__") else annotation
            model = inner if isinstance(inner, type) and hasattr(inner, "model_fields") else None
