"""Area -> dimension -> tool (DOMAIN.md "Face thirds and areas") and the dimension picture."""

from __future__ import annotations

import pytest

from conftest import consult, planned_pairs
from core.engine import InvalidConsultation, plan
from core.vocabulary import Dimension


@pytest.mark.parametrize(
    ("area", "kind", "tool"),
    [
        ("forehead", "horizontal_lines", "neuromodulator"),
        ("glabella", "frown_lines", "neuromodulator"),
        ("crows_feet", "crows_feet_lines", "neuromodulator"),
        ("tear_trough", "dark_circles", "polynucleotides"),
        ("tear_trough", "hollows", "ha_filler"),
        ("cheeks", "volume_loss", "ha_filler"),
        ("nasolabial", "folds", "ha_filler"),
        ("lips", "thin_lips", "ha_filler"),
        ("lips", "lip_flip", "neuromodulator"),
        ("mouth_corners", "downturned_corners", "neuromodulator"),
        ("marionette", "marionette_lines", "ha_filler"),
        ("chin", "projection", "ha_filler"),
        ("chin", "mentalis_strain", "neuromodulator"),
        ("jawline", "undefined_jawline", "ha_filler"),
        ("masseter", "masseter_bulk", "neuromodulator"),
        ("neck", "platysmal_bands", "neuromodulator"),
    ],
)
def test_each_area_concern_gets_its_domain_tool(kb, area, kind, tool) -> None:
    result = plan(consult((area, kind, 2, 2)), kb)
    assert planned_pairs(result) == {(area, tool)}
    assert result.recommendations[0].third == kb.areas[result.recommendations[0].area].third


def test_perioral_depth_decides_static_lines_get_thin_filler(kb) -> None:
    deep = plan(consult(("perioral", "vertical_lines", 2, 3)), kb)
    assert planned_pairs(deep) == {("perioral", "ha_filler")}
    assert deep.recommendations[0].dimension is Dimension.STRUCTURE


def test_perioral_depth_decides_dynamic_lines_get_neuromodulator(kb) -> None:
    shallow = plan(consult(("perioral", "vertical_lines", 1, 3)), kb)
    assert planned_pairs(shallow) == {("perioral", "neuromodulator")}
    only_on_movement = plan(consult(("perioral", "vertical_lines", 0, 2)), kb)
    assert planned_pairs(only_on_movement) == {("perioral", "neuromodulator")}


def test_perioral_depth_threshold_is_a_clinic_setting(kb) -> None:
    threshold = kb.settings.thresholds.perioral_static_rest
    assert "clinic default" in threshold.source
    deeper = kb.model_copy(
        update={
            "settings": kb.settings.model_copy(
                update={
                    "thresholds": kb.settings.thresholds.model_copy(
                        update={"perioral_static_rest": threshold.model_copy(update={"value": 3})}
                    )
                }
            )
        }
    )
    assert planned_pairs(plan(consult(("perioral", "vertical_lines", 2, 3)), deeper)) == {
        ("perioral", "neuromodulator")
    }


def test_lips_filler_for_volume_and_lip_flip_for_the_muscle(kb) -> None:
    result = plan(consult(("lips", "thin_lips", 2, 2), ("lips", "lip_flip", 0, 2)), kb)
    assert planned_pairs(result) == {("lips", "ha_filler"), ("lips", "neuromodulator")}


def test_chin_filler_and_mentalis_neuromodulator_together(kb) -> None:
    result = plan(consult(("chin", "projection", 2, 2), ("chin", "mentalis_strain", 0, 3)), kb)
    assert planned_pairs(result) == {("chin", "ha_filler"), ("chin", "neuromodulator")}


def test_grade_zero_concern_needs_nothing(kb) -> None:
    result = plan(consult(("forehead", "horizontal_lines", 0, 0)), kb)
    assert result.recommendations == []
    assert result.paused


def test_skin_items_at_the_clinic_threshold_call_for_a_quality_series(kb) -> None:
    threshold = kb.settings.thresholds.skin_quality_concern.value
    below = plan(consult(skin={"hydration": threshold - 1}), kb)
    assert below.recommendations == []
    at = plan(consult(skin={"hydration": threshold, "thin_skin": threshold + 1}), kb)
    (rec,) = at.recommendations
    assert (rec.area, rec.tool.value, rec.dimension) == (None, "polynucleotides", Dimension.QUALITY)
    assert rec.because == [f"skin.hydration = {threshold}", f"skin.thin_skin = {threshold + 1}"]


def test_unknown_concern_kind_is_an_invalid_consultation(kb) -> None:
    with pytest.raises(InvalidConsultation) as error:
        plan(consult(("forehead", "volume_loss", 2, 2)), kb)
    assert error.value.problems[0].where == "concerns.0.kind"
    assert "horizontal_lines" in str(error.value)


def test_dimension_scores_name_the_dominant_and_secondary(kb) -> None:
    result = plan(
        consult(
            ("glabella", "frown_lines", 2, 3),
            ("forehead", "horizontal_lines", 1, 3),
            ("cheeks", "volume_loss", 2, 2),
            skin={"hydration": 2},
        ),
        kb,
    )
    scores = result.scores
    assert (scores.movement, scores.quality, scores.structure) == (6, 2, 2)
    assert scores.dominant is Dimension.MOVEMENT
    assert scores.secondary == [Dimension.QUALITY, Dimension.STRUCTURE]


def test_tired_face_needs_two_or_three_dimensions(kb, example) -> None:
    result = plan(example("tired_face"), kb)
    assert {r.dimension for r in result.planned} == set(Dimension)
    assert result.scores.dominant is Dimension.MOVEMENT


def test_forehead_lines_may_need_movement_only(kb, example) -> None:
    result = plan(example("forehead_lines_only"), kb)
    assert planned_pairs(result) == {("forehead", "neuromodulator")}


def test_sunken_cheeks_may_need_structure_only(kb, example) -> None:
    result = plan(example("sunken_cheeks_only"), kb)
    assert planned_pairs(result) == {("cheeks", "ha_filler")}
