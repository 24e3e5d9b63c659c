"""DOMAIN.md "What the engine must never assume": one test per rule, named after it, each from the
clinical review's findings (issue 8)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import CONSULT_DATE, consult, planned_pairs
from core.consultation import Consultation
from core.engine import plan
from core.takeaway.words import Words
from core.vocabulary import FlagCode, RecommendationStatus, ScreeningId, SessionKind, Tool

DAY0 = dt.date.fromisoformat(CONSULT_DATE)
TOXIN_AND_CHEEKS = (("glabella", "frown_lines", 2, 3), ("cheeks", "volume_loss", 2, 2))
LIPS = (("lips", "thin_lips", 2, 2),)


def _scheduled(result) -> set[tuple[str | None, str]]:
    return {(t.area.value if t.area else None, t.tool.value) for s in result.sessions for t in s.treatments}


def _days_of(result, tool: str) -> list[int]:
    return [s.day for s in result.sessions for t in s.treatments if t.tool.value == tool]


def _status(result, area: str | None, tool: str) -> RecommendationStatus:
    (rec,) = [r for r in result.recommendations if (r.area.value if r.area else None, r.tool.value) == (area, tool)]
    return rec.status


# --- unknown is not "no" ---------------------------------------------------------------------------


def test_unknown_is_not_no_an_unasked_question_holds_the_tools_that_depend_on_it(kb) -> None:
    c = consult(*TOXIN_AND_CHEEKS, screening={"toxin_hypersensitivity": "not_asked"})
    result = plan(c, kb)
    assert _status(result, "glabella", "neuromodulator") is RecommendationStatus.HELD
    assert ("glabella", "neuromodulator") not in _scheduled(result)
    assert ("cheeks", "ha_filler") in _scheduled(result)  # the filler does not depend on it
    (missing,) = [m for m in result.missing if ScreeningId.TOXIN_HYPERSENSITIVITY in m.items]
    assert missing.holds == [Tool.NEUROMODULATOR]
    assert "botulinum toxin" in missing.question and "toxin_hypersensitivity" not in missing.question
    assert result.has_flag(FlagCode.MISSING_ANSWERS)


def test_unknown_is_not_no_a_missing_date_of_birth_holds_every_injectable(kb) -> None:
    c = consult(*TOXIN_AND_CHEEKS, patient={"name": "Synthetic"}, skin={"hydration": 3})
    result = plan(c, kb)
    assert result.sessions == [] or all(not s.treatments for s in result.sessions)
    assert {r.status for r in result.recommendations if kb.tools[r.tool].injectable} == {RecommendationStatus.HELD}
    assert any(ScreeningId.UNDER_18 in m.items for m in result.missing)


def test_unknown_is_not_no_an_unfinished_bddq_holds_every_injectable(kb) -> None:
    c = consult(*TOXIN_AND_CHEEKS, bddq={"q1": True, "q2": True})  # Q3-Q7 still needed
    result = plan(c, kb)
    assert _scheduled(result) == set()
    assert any(ScreeningId.APPEARANCE_CONCERN in m.items for m in result.missing)


def test_unknown_is_not_no_a_blank_screening_schedules_no_injectable(kb) -> None:
    c = Consultation.model_validate({"consult_date": CONSULT_DATE, "patient": {"date_of_birth": "1980-01-01"},
                                     "bddq": {"q1": False, "q2": False},
                                     "concerns": [{"area": "glabella", "kind": "frown_lines",
                                                   "severity_rest": 2, "severity_movement": 3}]})
    result = plan(c, kb)
    assert _scheduled(result) == set()
    assert result.missing and result.missing[0].question


def test_unknown_is_not_no_a_version_1_false_stays_no_and_an_absent_answer_is_not_asked() -> None:
    v1 = Consultation.model_validate({"schema_version": 1, "consult_date": CONSULT_DATE, "screening": {
        "pregnant_or_breastfeeding": False, "ha_or_lidocaine_allergy": True, "medications": ["fish_oil"]}})
    s = v1.screening
    assert v1.schema_version == 4  # carried forward to the latest
    assert s.pregnant_or_breastfeeding.value == "no"
    assert s.neuromuscular_disease.value == "not_asked"  # absent in the file: nobody asked
    assert (s.ha_allergy.value, s.lidocaine_allergy.value) == ("yes", "yes")  # one question, both kept
    assert s.bleeding_risk_medicines.value == "yes" and s.aminoglycosides.value == "no"


# --- not now is not never ----------------------------------------------------------------------------


def test_not_now_is_not_never_an_infection_at_the_lips_defers_the_lip_filler_and_the_face_series(kb) -> None:
    c = consult(*LIPS, ("cheeks", "volume_loss", 2, 2), skin={"hydration": 3},
                screening={"active_infection": True, "infection_areas": ["lips"]})
    result = plan(c, kb)
    assert _status(result, "lips", "ha_filler") is RecommendationStatus.DEFERRED
    assert _status(result, None, "polynucleotides") is RecommendationStatus.DEFERRED
    rec = next(r for r in result.recommendations if r.area is not None and r.area.value == "lips")
    assert rec.deferred_by is ScreeningId.INFECTION_AT_SITE and "healed" in rec.reconsider
    assert not [r for r in result.removed if r.area is not None and r.area.value == "lips"]
    assert ("lips", "ha_filler") not in _scheduled(result)


def test_not_now_is_not_never_the_takeaway_lists_what_waits_and_never_says_nothing_held_back(kb, tmp_path) -> None:
    from core.takeaway import write_takeaway
    from takeaway_support import pdf_text

    c = consult(*LIPS, ("cheeks", "volume_loss", 2, 2), screening={"active_infection": True, "infection_areas": ["lips"]})
    result = plan(c, kb)
    text = pdf_text(write_takeaway(c, result, kb, tmp_path / "t.pdf"))
    words = kb.text().takeaway
    assert words["later_heading"] in text
    assert "healed" in text
    assert words["flags_none"] not in text


def test_not_now_is_not_never_an_allergy_removes_and_is_never_called_not_a_no_forever(kb, tmp_path) -> None:
    from core.takeaway import write_takeaway
    from takeaway_support import pdf_text

    c = consult(*LIPS, screening={"ha_allergy": True})
    result = plan(c, kb)
    assert [r.screening_item for r in result.removed] == [ScreeningId.HA_ALLERGY]
    text = pdf_text(write_takeaway(c, result, kb, tmp_path / "t.pdf"))
    assert "not a no forever" not in text.lower()


# --- a contraindicated tool may have an alternative -------------------------------------------------


def test_alternative_an_ha_allergy_offers_caha_where_the_area_suits_it(kb) -> None:
    c = consult(("cheeks", "volume_loss", 3, 3), *LIPS, screening={"ha_allergy": True})
    result = plan(c, kb)
    assert ("cheeks", "caha_filler") in planned_pairs(result)
    caha = next(r for r in result.recommendations if r.tool is Tool.CAHA_FILLER)
    assert caha.alternative_to is Tool.HA_FILLER
    assert ("lips", "caha_filler") not in planned_pairs(result)  # not in the lips (Radiesse, Sculptra IFUs)
    assert ("lips", "plla_filler") not in planned_pairs(result)
    keys = {f.key for f in result.flags if f.code is FlagCode.ALTERNATIVE}
    assert keys == {"alternative", "no_alternative"}


def test_alternative_a_bleeding_disorder_leaves_no_filler_at_all(kb) -> None:
    result = plan(consult(("cheeks", "volume_loss", 3, 3), screening={"coagulation_disorder": True}), kb)
    assert not [r for r in result.planned if kb.tools[r.tool].filler]


def test_alternative_a_neuromodulator_has_none_and_the_plan_says_so(kb) -> None:
    result = plan(consult(*TOXIN_AND_CHEEKS, screening={"neuromuscular_disease": True}), kb)
    (flag,) = [f for f in result.flags if f.key == "no_alternative"]
    assert "no other tool" in flag.message


def test_alternative_a_lidocaine_allergy_keeps_filler_and_asks_for_lidocaine_free_products(kb) -> None:
    result = plan(consult(("cheeks", "volume_loss", 3, 3), screening={"lidocaine_allergy": True}), kb)
    assert ("cheeks", "ha_filler") in planned_pairs(result)
    (flag,) = [f for f in result.flags if f.item == ScreeningId.LIDOCAINE_ALLERGY]
    assert "without lidocaine" in flag.message


# --- timing --------------------------------------------------------------------------------------


def test_timing_an_event_exactly_14_days_away_puts_no_filler_on_the_event_day(kb) -> None:
    event = DAY0 + dt.timedelta(days=14)
    result = plan(consult(*TOXIN_AND_CHEEKS, goals={"event_date": event.isoformat()}), kb)
    assert all(s.date != event for s in result.sessions if s.treatments)
    assert _days_of(result, "neuromodulator") == [0]  # at full effect by the event
    assert _days_of(result, "ha_filler")[0] > 14  # after the event
    assert any(f.key == "event_moved" for f in result.flags)


def test_timing_the_toxin_goes_after_an_event_closer_than_its_window(kb) -> None:
    event = DAY0 + dt.timedelta(days=5)
    result = plan(consult(("glabella", "frown_lines", 2, 3), goals={"event_date": event.isoformat()}), kb)
    assert _days_of(result, "neuromodulator") == [6]


def test_timing_the_event_text_names_only_the_treatments_in_the_window(kb) -> None:
    event = DAY0 + dt.timedelta(days=40)
    c = consult(("glabella", "frown_lines", 2, 3), skin={"hydration": 3}, goals={"event_date": event.isoformat()})
    result = plan(c, kb)
    texts = [f.message for f in result.flags if f.item == ScreeningId.EVENT_SOON]
    assert all("Neuromodulator" not in t for t in texts if "moved" not in t)


def test_timing_cold_sores_put_lip_injections_after_the_antiviral_lead_time(kb) -> None:
    result = plan(consult(*LIPS, screening={"cold_sore_history": True}), kb)
    lead = kb.settings.schedule.antiviral_lead_days.value
    assert _days_of(result, "ha_filler") == [lead]
    assert any("antiviral" in f.message for f in result.flags)


def test_timing_another_toxin_within_3_months_without_a_date_defers_the_neuromodulator(kb) -> None:
    result = plan(consult(("glabella", "frown_lines", 2, 3), screening={"other_toxin_3_months": True}), kb)
    assert _days_of(result, "neuromodulator") == []
    rec = result.recommendations[0]
    assert rec.status is RecommendationStatus.DEFERRED and rec.deferred_by is ScreeningId.OTHER_TOXIN_3_MONTHS
    later = (DAY0 + dt.timedelta(days=90)).isoformat()
    assert later in rec.reconsider


def test_timing_a_last_toxin_date_that_contradicts_the_answer_is_flagged(kb) -> None:
    recent = (DAY0 - dt.timedelta(days=30)).isoformat()
    c = consult(("glabella", "frown_lines", 2, 3), history={"last_neuromodulator": recent},
                screening={"other_toxin_3_months": False})
    assert plan(c, kb).has_flag(FlagCode.ANSWERS_DISAGREE)


def test_timing_a_first_timer_gets_the_flag_and_a_review_visit_even_with_one_tool(kb) -> None:
    result = plan(consult(*LIPS, history={"first_injectable_treatment": True}), kb)
    assert result.has_flag(FlagCode.FIRST_TREATMENT)
    review = [s for s in result.sessions if s.kind is SessionKind.REVIEW]
    assert [s.day for s in review] == [kb.settings.schedule.first_timer_review_days.value]


def test_timing_no_visit_holds_more_filler_areas_than_the_clinic_maximum(kb) -> None:
    areas = [("cheeks", "volume_loss"), ("nasolabial", "folds"), ("lips", "thin_lips"),
             ("marionette", "marionette_lines"), ("chin", "projection"), ("jawline", "undefined_jawline"),
             ("tear_trough", "hollows"), ("perioral", "vertical_lines")]
    result = plan(consult(*[(a, k, 4, 4) for a, k in areas]), kb)
    most = kb.settings.schedule.max_filler_areas_per_visit.value
    visits = [[t for t in s.treatments if kb.tools[t.tool].filler] for s in result.sessions]
    assert all(len(v) <= most for v in visits)
    assert sum(len(v) for v in visits) == len(areas)
    assert result.has_flag(FlagCode.FILLER_VISITS)


# --- words that fit --------------------------------------------------------------------------------


def test_words_masseter_slimming_is_not_called_lines(kb) -> None:
    result = plan(consult(("masseter", "masseter_bulk", 2, 3)), kb)
    assert all("lines" not in s.why for s in result.sessions)


def test_words_a_single_area_dramatic_wish_gets_no_facelift_sentence(kb) -> None:
    result = plan(consult(*LIPS, goals={"expectation": "dramatic"}), kb)
    assert all("facelift" not in f.patient_message for f in result.flags)
    whole = plan(consult(*TOXIN_AND_CHEEKS, *LIPS, goals={"expectation": "dramatic"}), kb)
    assert any("facelift" in f.patient_message for f in whole.flags)


def test_words_same_session_is_never_called_safe_without_its_qualifier(kb) -> None:
    result = plan(consult(*TOXIN_AND_CHEEKS, choices={"same_session": True}), kb)
    (flag,) = [f for f in result.flags if f.code is FlagCode.SAME_SESSION]
    assert "This is safe." not in flag.patient_message


def test_words_skin_first_promises_less_filler_only_when_filler_is_in_the_picture(kb) -> None:
    result = plan(consult(("glabella", "frown_lines", 1, 2), skin={"hydration": 4, "texture": 4}), kb)
    texts = [f.patient_message for f in result.flags] + [s.why for s in result.sessions]
    assert not any("less filler" in t or "less of the rest" in t for t in texts)


@pytest.mark.parametrize("name", ["jawline_chin_masseter", "lips_and_perioral_lines", "tired_face"])
def test_words_the_examples_say_no_data_key_to_the_patient(kb, example, name) -> None:
    result = plan(example(name), kb)
    words = Words(kb)
    for text in [f.patient_message for f in result.flags] + [s.why for s in result.sessions]:
        assert "{" not in words.dates_in(text), text


# --- from the independent clinical review ---------------------------------------------------------


def test_review_a_yes_to_another_toxin_against_an_older_date_holds_the_toxin(kb) -> None:
    old = (DAY0 - dt.timedelta(days=540)).isoformat()
    c = consult(("glabella", "frown_lines", 2, 3), history={"last_neuromodulator": old},
                screening={"other_toxin_3_months": True})
    result = plan(c, kb)
    assert _days_of(result, "neuromodulator") == []  # perhaps a toxin given elsewhere: not on day 0
    assert result.has_flag(FlagCode.ANSWERS_DISAGREE)


def test_review_everything_deferred_is_said_as_deferred_not_declined(kb) -> None:
    c = consult(*TOXIN_AND_CHEEKS, screening={"active_infection": True})
    result = plan(c, kb)
    keys = {f.key for f in result.flags}
    assert "wait_all_deferred" in keys and "wait_all_declined" not in keys


def test_review_a_deferred_treatment_still_waits_for_a_missing_answer(kb) -> None:
    c = consult(*TOXIN_AND_CHEEKS, screening={"active_infection": True, "pregnant_or_breastfeeding": "not_asked"})
    result = plan(c, kb)
    (missing,) = [m for m in result.missing if ScreeningId.PREGNANT_OR_BREASTFEEDING in m.items]
    assert set(missing.holds) >= {Tool.NEUROMODULATOR, Tool.HA_FILLER}
    assert result.has_flag(FlagCode.MISSING_ANSWERS)


def test_review_a_bddq_q1_no_is_a_finished_negative_screen(kb) -> None:
    result = plan(consult(*LIPS, bddq={"q1": False}), kb)
    assert result.missing == [] and result.sessions


def test_review_infection_sites_with_a_no_answer_are_refused_naming_the_field() -> None:
    with pytest.raises(ValueError, match="screening.infection_areas"):
        consult(*LIPS, screening={"active_infection": False, "infection_areas": ["cheeks"]})


def test_review_no_check_up_on_the_event_day(kb) -> None:
    event = DAY0 + dt.timedelta(days=14)
    c = consult(*LIPS, history={"first_injectable_treatment": True}, goals={"event_date": event.isoformat()})
    assert all(s.date != event for s in plan(c, kb).sessions)


def test_review_between_equal_worst_grades_the_budget_keeps_the_line_with_a_static_part(kb) -> None:
    c = consult(("glabella", "frown_lines", 2, 3), ("forehead", "horizontal_lines", 1, 3), goals={"budget": 350})
    assert planned_pairs(plan(c, kb)) == {("glabella", "neuromodulator")}
