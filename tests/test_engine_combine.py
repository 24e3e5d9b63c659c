"""Seed 002's "when not to combine": each flag, what triggered it, and what the plan does."""

from __future__ import annotations

from conftest import consult, flag_codes, planned_pairs
from core.engine import plan
from core.vocabulary import Dimension, FlagCode, RecommendationStatus

THREE_DIMENSIONS = (
    ("glabella", "frown_lines", 2, 3),
    ("forehead", "horizontal_lines", 1, 3),
    ("cheeks", "volume_loss", 2, 2),
)


def _flag(result, code: str):
    found = [f for f in result.flags if f.code.value == code]
    assert found, f"no {code} flag in {flag_codes(result)}"
    return found[0]


def test_focused_problem_one_tool(kb, example) -> None:
    result = plan(example("forehead_lines_only"), kb)
    flag = _flag(result, "focused_problem")
    assert flag.because == ["concerns[forehead/horizontal_lines]: grade 1 at rest, 3 on movement"]
    assert {r.tool for r in result.planned} == {result.planned[0].tool}
    assert result.synergies == []


def test_focused_problem_thin_lips_do_not_need_toxin(kb, example) -> None:
    result = plan(example("lips_only"), kb)
    assert "focused_problem" in flag_codes(result)
    assert planned_pairs(result) == {("lips", "ha_filler")}


def test_focused_problem_is_not_claimed_when_safety_removed_a_dimension(kb, example) -> None:
    result = plan(example("contraindicated_toxin"), kb)
    assert "contraindication" in flag_codes(result)
    assert "focused_problem" not in flag_codes(result)


def test_several_dimensions_are_not_a_focused_problem(kb) -> None:
    assert "focused_problem" not in flag_codes(plan(consult(*THREE_DIMENSIONS), kb))


def test_first_treatment_starts_with_dominant_tool(kb, example) -> None:
    result = plan(example("first_timer_three_dimensions"), kb)
    flag = _flag(result, "first_treatment")
    assert "history.first_injectable_treatment = yes" in flag.because
    assert result.scores.dominant is Dimension.MOVEMENT
    assert {r.tool.value for r in result.planned} == {"neuromodulator"}
    deferred = [r for r in result.recommendations if r.status is RecommendationStatus.DEFERRED]
    assert {r.tool.value for r in deferred} == {"polynucleotides", "ha_filler"}
    assert all(r.deferred_by is FlagCode.FIRST_TREATMENT for r in deferred)
    assert {t.tool.value for s in result.sessions for t in s.treatments} == {"neuromodulator"}


def test_first_treatment_with_one_tool_defers_nothing_but_is_flagged(kb) -> None:
    result = plan(consult(("lips", "thin_lips", 2, 2), history={"first_injectable_treatment": True}), kb)
    assert "first_treatment" in flag_codes(result)  # every first-timer (DOMAIN.md: first treatment)
    assert planned_pairs(result) == {("lips", "ha_filler")}


def test_returning_patient_gets_the_combination(kb) -> None:
    result = plan(consult(*THREE_DIMENSIONS), kb)
    assert "first_treatment" not in flag_codes(result)
    assert {r.dimension for r in result.planned} == {Dimension.MOVEMENT, Dimension.STRUCTURE}


def test_twenty_years_younger_is_uncalibrated_and_gets_no_aggressive_combination(kb, example) -> None:
    result = plan(example("twenty_years_younger"), kb)
    flag = _flag(result, "uncalibrated_expectations")
    assert flag.because[0] == "goals.expectation = dramatic"
    assert flag.key == "uncalibrated_expectations"  # whole face: the facelift sentence fits
    assert "seed 002" in flag.source
    assert {r.dimension for r in result.planned} == {result.scores.dominant}
    deferred = [r for r in result.recommendations if r.status is RecommendationStatus.DEFERRED]
    assert deferred and all(r.deferred_by is FlagCode.UNCALIBRATED_EXPECTATIONS for r in deferred)


def test_target_grade_more_than_two_is_uncalibrated(kb) -> None:
    result = plan(consult(("nasolabial", "folds", 4, 4, 1)), kb)
    flag = _flag(result, "uncalibrated_expectations")
    assert flag.area is not None and flag.area.value == "nasolabial"
    assert flag.because == ["concerns[nasolabial/folds]: grade 4, target 1"]
    assert "2 grades" in flag.source
    assert planned_pairs(result) == {("nasolabial", "ha_filler")}


def test_target_grade_two_away_is_realistic(kb) -> None:
    result = plan(consult(("nasolabial", "folds", 3, 3, 1), ("glabella", "frown_lines", 1, 3, 1)), kb)
    assert "uncalibrated_expectations" not in flag_codes(result)


def test_skin_quality_first_defers_filler_and_toxin(kb, example) -> None:
    result = plan(example("thin_dry_skin"), kb)
    flag = _flag(result, "skin_quality_first")
    assert flag.because[0].startswith("dominant dimension = quality")
    assert "skin.thin_skin = 3" in flag.because
    assert {r.dimension for r in result.planned} == {Dimension.QUALITY}
    deferred = {
        (r.area.value, r.tool.value) for r in result.recommendations if r.deferred_by is FlagCode.SKIN_QUALITY_FIRST
    }
    assert deferred == {("crows_feet", "neuromodulator"), ("cheeks", "ha_filler")}
    assert result.sessions[-1].kind.value == "reassessment"


def test_quality_not_dominant_is_not_skin_quality_first(kb, example) -> None:
    result = plan(example("tired_face"), kb)
    assert "skin_quality_first" not in flag_codes(result)


def test_budget_prioritises_dominant(kb, example) -> None:
    result = plan(example("budget_limited"), kb)
    flag = _flag(result, "budget")
    assert flag.because == ["goals.budget = 600.00", "plan total = 1400.00"]
    assert {r.dimension for r in result.planned} == {Dimension.MOVEMENT}
    assert result.cost.total <= result.cost.budget
    assert result.cost.within_budget
    deferred = {r.area.value for r in result.recommendations if r.deferred_by is FlagCode.BUDGET}
    assert deferred == {"cheeks", "nasolabial"}


def test_budget_never_swaps_the_dominant_problem_for_a_cheaper_one(kb) -> None:
    # Quality dominates; its series (3 x 250) is over the budget, the 300 toxin would fit.
    result = plan(
        consult(("glabella", "frown_lines", 1, 2), skin={"hydration": 3, "thin_skin": 3}, goals={"budget": 700}),
        kb,
    )
    assert "budget" in flag_codes(result)
    assert {r.dimension for r in result.planned} == {Dimension.QUALITY}
    assert not result.cost.within_budget


def test_within_budget_is_not_flagged(kb) -> None:
    result = plan(consult(*THREE_DIMENSIONS, goals={"budget": 5000}), kb)
    assert "budget" not in flag_codes(result)
    assert result.cost.within_budget


def test_wait_when_nothing_needs_doing(kb) -> None:
    result = plan(consult(("forehead", "horizontal_lines", 0, 0)), kb)
    flag = _flag(result, "wait")
    assert result.paused and result.sessions == [] and result.cost.total == 0
    assert flag.because and flag.source


def test_wait_when_every_recommendation_is_declined(kb) -> None:
    declined = [{"tool": "neuromodulator", "area": "glabella", "reason": "prefers to wait until after summer"}]
    result = plan(consult(("glabella", "frown_lines", 2, 3), choices={"declined": declined}), kb)
    (rec,) = result.recommendations
    assert rec.status is RecommendationStatus.DECLINED
    assert rec.declined_reason == "prefers to wait until after summer"
    assert result.paused and "wait" in flag_codes(result)


def test_declined_recommendation_is_neither_scheduled_nor_priced(kb) -> None:
    declined = [{"tool": "ha_filler", "area": "cheeks", "reason": "not this time"}]
    result = plan(consult(*THREE_DIMENSIONS, choices={"declined": declined}), kb)
    assert ("cheeks", "ha_filler") not in planned_pairs(result)
    assert all(t.tool.value != "ha_filler" for s in result.sessions for t in s.treatments)
    assert all(line.tool.value != "ha_filler" for line in result.cost.lines)
