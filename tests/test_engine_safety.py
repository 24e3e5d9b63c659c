"""Safety screening (DOMAIN.md): hard contraindications remove, precautions keep and say what to do."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import consult, flag_codes, planned_pairs
from core.engine import plan
from core.vocabulary import RecommendationStatus, ScreeningId

UPPER_AND_CHEEKS = (("glabella", "frown_lines", 2, 3), ("cheeks", "volume_loss", 2, 2))
EVERYTHING = (
    ("glabella", "frown_lines", 2, 3),
    ("cheeks", "volume_loss", 2, 2),
    ("lips", "thin_lips", 2, 2),
    ("perioral", "vertical_lines", 1, 3),
)
INJECTABLES = {"neuromodulator", "polynucleotides", "prf", "skinbooster", "ha_filler", "caha_filler", "plla_filler"}


def _flags(result, code: str, item: str | None = None) -> list:
    return [f for f in result.flags if f.code.value == code and (item is None or f.item == item)]


def test_pregnancy_defers_all_injectables(kb, example) -> None:
    result = plan(example("pregnant"), kb)
    assert result.paused
    assert result.planned == [] and result.sessions == [] and result.maintenance == []
    assert all(r.deferred_by is ScreeningId.PREGNANT_OR_BREASTFEEDING for r in result.recommendations)
    assert all(r.reconsider_patient for r in result.recommendations)
    (flag,) = _flags(result, "wait")
    assert flag.because == ["screening.pregnant_or_breastfeeding = yes"]
    assert "label" in flag.source and "IFU" in flag.source
    assert result.cost.total == 0


@pytest.mark.parametrize(
    ("screening", "item"),
    [
        ({"toxin_hypersensitivity": True}, "toxin_hypersensitivity"),
        ({"neuromuscular_disease": True}, "neuromuscular_disease"),
    ],
)
def test_hard_toxin_contraindications_remove_the_neuromodulator_only(kb, screening, item) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, screening=screening), kb)
    assert planned_pairs(result) == {("cheeks", "ha_filler")}
    (removal,) = result.removed
    assert (removal.area.value, removal.tool.value, removal.screening_item) == ("glabella", "neuromodulator", item)
    (flag,) = _flags(result, "contraindication", item)
    assert flag.because and flag.source == kb.screening[item].source


def test_aminoglycosides_defer_the_neuromodulator_while_taken(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, screening={"aminoglycosides": True}), kb)
    assert planned_pairs(result) == {("cheeks", "ha_filler")}
    (rec,) = [r for r in result.recommendations if r.tool.value == "neuromodulator"]
    assert rec.status is RecommendationStatus.DEFERRED and rec.deferred_by is ScreeningId.AMINOGLYCOSIDES
    assert result.removed == []


def test_ha_allergy_removes_ha_filler_and_offers_caha(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, screening={"ha_allergy": True}), kb)
    assert planned_pairs(result) == {("glabella", "neuromodulator"), ("cheeks", "caha_filler")}
    assert _flags(result, "contraindication", "ha_allergy")


def test_coagulation_disorder_is_hard_for_filler(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, screening={"coagulation_disorder": True}), kb)
    assert planned_pairs(result) == {("glabella", "neuromodulator")}


def test_permanent_filler_blocks_ha_in_that_area(kb) -> None:
    history = {"earlier_fillers": [{"area": "cheeks", "date": "2015-01-01", "permanent": True}]}
    result = plan(consult(*UPPER_AND_CHEEKS, ("lips", "thin_lips", 2, 2), history=history), kb)
    assert ("cheeks", "ha_filler") not in planned_pairs(result)
    assert ("lips", "ha_filler") in planned_pairs(result)
    (flag,) = _flags(result, "contraindication", "permanent_filler_in_area")
    assert "Restylane" in flag.source


def test_temporary_earlier_filler_blocks_nothing(kb) -> None:
    history = {"earlier_fillers": [{"area": "cheeks", "date": "2025-01-01", "permanent": False}]}
    assert ("cheeks", "ha_filler") in planned_pairs(plan(consult(*UPPER_AND_CHEEKS, history=history), kb))


def test_infection_defers_that_site_only(kb) -> None:
    result = plan(consult(*EVERYTHING, screening={"active_infection": True, "infection_areas": ["lips"]}), kb)
    assert ("lips", "ha_filler") not in planned_pairs(result)
    assert {("glabella", "neuromodulator"), ("cheeks", "ha_filler")} <= planned_pairs(result)
    assert result.removed == []
    assert [r.area.value for r in result.recommendations if r.status is RecommendationStatus.DEFERRED] == ["lips"]


def test_infection_without_a_site_defers_every_injectable(kb) -> None:
    result = plan(consult(*EVERYTHING, skin={"hydration": 3}, screening={"active_infection": True}), kb)
    assert result.planned == []
    assert result.removed == []
    assert {r.status for r in result.recommendations} == {RecommendationStatus.DEFERRED}


def test_under_18_no_injectables(kb, example) -> None:
    result = plan(example("under_18"), kb)
    assert not [r for r in result.planned if r.tool.value in INJECTABLES]
    assert result.paused
    (flag,) = _flags(result, "contraindication", "under_18")
    assert "age 16" in flag.because[0]


def test_eighteenth_birthday_is_adult(kb) -> None:
    result = plan(consult(("lips", "thin_lips", 2, 2), patient={"date_of_birth": "2008-03-02"}), kb)
    assert planned_pairs(result) == {("lips", "ha_filler")}
    day_before = plan(consult(("lips", "thin_lips", 2, 2), patient={"date_of_birth": "2008-03-03"}), kb)
    assert day_before.planned == []


def test_cold_sores_precaution_antiviral_for_lips(kb, example) -> None:
    result = plan(example("lips_and_perioral_lines"), kb)
    (flag,) = _flags(result, "precaution", "cold_sore_lips")
    assert "antiviral" in flag.message
    assert flag.because == ["screening.cold_sore_history = yes"]
    assert "herpes" in flag.source
    assert ("lips", "ha_filler") in planned_pairs(result)


def test_cold_sores_without_lip_treatment_need_no_precaution(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, screening={"cold_sore_history": True}), kb)
    assert not _flags(result, "precaution", "cold_sore_lips")


@pytest.mark.parametrize(
    ("screening", "item", "kept"),
    [
        ({"bleeding_risk_medicines": True, "medications": ["fish_oil"]}, "bleeding_risk_medicines",
         ("cheeks", "ha_filler")),
        ({"bleeding_risk_medicines": True, "medications": ["anticoagulants", "ginkgo"]}, "bleeding_risk_medicines",
         ("cheeks", "ha_filler")),
        ({"autoimmune_or_immunotherapy": True}, "autoimmune_or_immunotherapy", ("cheeks", "ha_filler")),
        ({"chemotherapy_last_12_months": True}, "chemotherapy_last_12_months", ("cheeks", "ha_filler")),
        ({"toxin_interacting_medicines": True, "medications": ["muscle_relaxants"]}, "toxin_interacting_medicines",
         ("glabella", "neuromodulator")),
        ({"recent_dental_or_vaccination": True}, "recent_dental_or_vaccination", ("cheeks", "ha_filler")),
    ],
)
def test_precautions_keep_the_treatment_and_say_what_to_do(kb, screening, item, kept) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, screening=screening), kb)
    assert kept in planned_pairs(result)
    assert result.removed == []
    (flag,) = _flags(result, "precaution", item)
    assert flag.because and flag.action and flag.source == kb.screening[item].source


def test_recent_dental_work_is_marked_unsourced(kb) -> None:
    assert "unsourced" in kb.screening["recent_dental_or_vaccination"].source


def test_event_within_14_days_moves_what_does_not_fit_after_it(kb) -> None:
    soon = plan(consult(*UPPER_AND_CHEEKS, goals={"event_date": "2026-03-12"}), kb)
    (flag,) = _flags(soon, "precaution", "event_soon")
    assert flag.key == "event_moved" and "2026-03-12" in flag.because[0]
    assert all(s.date > dt.date(2026, 3, 12) for s in soon.sessions if s.treatments)
    later = plan(consult(*UPPER_AND_CHEEKS, goals={"event_date": "2026-04-20"}), kb)
    assert not _flags(later, "precaution", "event_soon")


def test_event_window_counts_from_each_treatment_not_from_the_consult(kb) -> None:
    # Consult 18 days before the event: the toxin is outside the window, the filler on day 14 is not.
    result = plan(consult(*UPPER_AND_CHEEKS, goals={"event_date": "2026-03-20"}), kb)
    filler_day = next(s.date for s in result.sessions if any(t.tool.value == "ha_filler" for t in s.treatments))
    assert filler_day.isoformat() == "2026-03-21"  # the day after the event, not in the window before it
    assert _flags(result, "precaution", "event_soon")


def test_a_missing_date_of_birth_or_an_unfinished_bddq_is_said_not_assumed(kb) -> None:
    no_birth = plan(consult(("glabella", "frown_lines", 2, 3), patient={"name": "Synthetic"}), kb)
    assert any(ScreeningId.UNDER_18 in m.items for m in no_birth.missing)
    assert no_birth.sessions == []
    adult = plan(consult(("glabella", "frown_lines", 2, 3), patient={"date_of_birth": "1980-05-05"}), kb)
    assert adult.missing == [] and adult.sessions
    unasked = plan(consult(("glabella", "frown_lines", 2, 3), bddq={"q1": True, "q2": True, "q3": 1}), kb)
    (missing,) = [m for m in unasked.missing if ScreeningId.APPEARANCE_CONCERN in m.items]
    result = unasked.result(ScreeningId.APPEARANCE_CONCERN)
    assert result is not None and "bddq.q4" in result.because[0] and "bddq.q7" in result.because[0]
    assert unasked.sessions == []


def test_an_infection_at_one_site_defers_the_whole_face_series_too(kb) -> None:
    skin = {"thin_skin": 3}
    clean = plan(consult(("lips", "thin_lips", 2, 2), skin=skin), kb)
    assert (None, "polynucleotides") in {(r.area, r.tool.value) for r in clean.planned}
    infection = {"active_infection": True, "infection_areas": ["lips"]}
    infected = plan(consult(("lips", "thin_lips", 2, 2), skin=skin, screening=infection), kb)
    deferred = {(r.area, r.tool.value) for r in infected.recommendations if r.status is RecommendationStatus.DEFERRED}
    assert deferred >= {(None, "polynucleotides")}


def test_a_coagulation_disorder_warns_of_bruising_for_what_stays(kb) -> None:
    result = plan(consult(("glabella", "frown_lines", 2, 3), screening={"coagulation_disorder": True}), kb)
    assert _flags(result, "precaution", "coagulation_bruising")


def test_toxin_not_before_day_90(kb, example) -> None:
    c = example("recent_toxin")
    result = plan(c, kb)
    (flag,) = _flags(result, "retreatment_interval")
    assert "BOTOX" in flag.source and "90" in flag.source
    earliest = c.history.last_neuromodulator.toordinal() + 90
    toxin_days = [s.date.toordinal() for s in result.sessions for t in s.treatments if t.tool.value == "neuromodulator"]
    assert toxin_days and min(toxin_days) == earliest


def test_toxin_on_day_90_is_allowed(kb) -> None:
    result = plan(consult(("glabella", "frown_lines", 2, 3), history={"last_neuromodulator": "2025-12-02"}), kb)
    assert not _flags(result, "retreatment_interval")
    assert result.sessions[0].day == 0


def test_bddq_positive_pauses_plan(kb, example) -> None:
    result = plan(example("bdd_positive"), kb)
    assert result.paused and result.planned == [] and result.sessions == []
    (flag,) = _flags(result, "talk_first")
    assert "bddq.q1 = yes" in flag.because and "bddq.q2 = yes" in flag.because
    assert "Veale" in flag.source
    assert "disorder" not in flag.patient_message.lower() and "diagnos" not in flag.patient_message.lower()


@pytest.mark.parametrize(
    ("bddq", "positive"),
    [
        ({"q1": True, "q2": True, "q3": 3}, True),
        ({"q1": True, "q2": True, "q6": 5}, True),
        ({"q1": True, "q2": True, "q3": 2, "q4": 2, "q5": 1, "q6": 2, "q7": True}, True),
        ({"q1": True, "q2": True, "q3": 2, "q4": 2, "q5": 2, "q6": 2, "q7": False}, False),
        ({"q1": True, "q2": False, "q3": 5, "q7": True}, False),
        ({"q1": False, "q2": True, "q3": 5, "q7": True}, False),
    ],
)
def test_bddq_as_scoring(kb, bddq, positive) -> None:
    result = plan(consult(("lips", "thin_lips", 2, 2), bddq=bddq), kb)
    assert ("talk_first" in flag_codes(result)) is positive
    assert result.paused is positive


def test_cops_40_pauses_plan(kb) -> None:
    at = plan(consult(("lips", "thin_lips", 2, 2), cops=[5, 5, 5, 5, 5, 5, 5, 5, 0]), kb)
    (flag,) = _flags(at, "talk_first")
    assert flag.because == ["cops total = 40 (referral at 40)"]
    assert at.paused
    below = plan(consult(("lips", "thin_lips", 2, 2), cops=[5, 5, 5, 5, 5, 5, 5, 4, 0]), kb)
    assert not below.paused


def test_removed_treatment_says_why(kb, example) -> None:
    result = plan(example("contraindicated_toxin"), kb)
    for removal in result.removed:
        assert removal.message and removal.because and removal.source
        assert removal.screening_item in kb.screening
    statuses = {r.status for r in result.recommendations}
    assert RecommendationStatus.PLANNED in statuses


def test_precaution_for_a_declined_treatment_is_not_raised(kb) -> None:
    declined = [{"tool": "ha_filler", "area": "lips", "reason": "not now"}]
    result = plan(
        consult(("lips", "thin_lips", 2, 2), screening={"cold_sore_history": True}, choices={"declined": declined}),
        kb,
    )
    assert not _flags(result, "precaution", "cold_sore_lips")


def test_event_precaution_is_dropped_when_nothing_is_done_before_the_event(kb) -> None:
    # Toxin 49 days ago: the first treatment waits past the event, so no swelling can show there.
    history = {"last_neuromodulator": "2026-01-12"}
    result = plan(consult(("glabella", "frown_lines", 2, 3), history=history, goals={"event_date": "2026-03-10"}), kb)
    assert result.sessions[0].date.isoformat() == "2026-04-12"
    assert not _flags(result, "precaution", "event_soon")
