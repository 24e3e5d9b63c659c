"""Seed 002's combinations that work, and seed 000's toxin-refines-filler in the same area."""

from __future__ import annotations

import pytest

from conftest import consult, flag_codes
from core.engine import plan


def _ids(result) -> list[str]:
    return [s.id for s in result.synergies]


@pytest.mark.parametrize(
    ("synergy", "concerns"),
    [
        (
            "classic",
            [
                ("glabella", "frown_lines", 2, 3),
                ("forehead", "horizontal_lines", 1, 3),
                ("cheeks", "volume_loss", 2, 2),
            ],
        ),
        ("eyes", [("crows_feet", "crows_feet_lines", 1, 3), ("tear_trough", "hollows", 2, 2)]),
        ("eyes", [("crows_feet", "crows_feet_lines", 1, 3), ("tear_trough", "dark_circles", 2, 2)]),
        ("lips_mouth", [("lips", "thin_lips", 2, 2), ("lips", "lip_flip", 0, 2)]),
        ("lips_mouth", [("lips", "thin_lips", 2, 2), ("mouth_corners", "downturned_corners", 1, 2)]),
        (
            "jaw_contour",
            [("jawline", "undefined_jawline", 2, 2), ("chin", "projection", 2, 2), ("masseter", "masseter_bulk", 2, 3)],
        ),
        ("lips_lines", [("lips", "thin_lips", 2, 2), ("perioral", "vertical_lines", 2, 3)]),
        ("lips_lines", [("lips", "thin_lips", 2, 2), ("perioral", "vertical_lines", 1, 3)]),
        ("toxin_refines_filler", [("chin", "projection", 2, 2), ("chin", "mentalis_strain", 0, 3)]),
        ("toxin_refines_filler", [("lips", "thin_lips", 2, 2), ("lips", "lip_flip", 0, 2)]),
    ],
)
def test_each_synergy_is_found(kb, synergy, concerns) -> None:
    result = plan(consult(*concerns), kb)
    assert synergy in _ids(result)
    (found,) = [s for s in result.synergies if s.id == synergy]
    assert found.source == kb.synergies[synergy].source and found.source.startswith("seed 00")
    assert found.name and found.patient_message and "{" not in found.patient_message


def test_partial_combination_is_not_a_synergy(kb) -> None:
    result = plan(consult(("glabella", "frown_lines", 2, 3), ("cheeks", "volume_loss", 2, 2)), kb)
    assert "classic" not in _ids(result)


def test_double_caution_crows_feet_and_tear_trough(kb, example) -> None:
    result = plan(example("crows_feet_tear_trough"), kb)
    (flag,) = [f for f in result.flags if f.code.value == "double_caution"]
    assert flag.item == "eyes"
    assert flag.because == ["planned: crows_feet, tear_trough"]
    assert "caution is doubled" in flag.source


def test_no_double_caution_when_only_one_eye_area_is_treated(kb) -> None:
    result = plan(consult(("crows_feet", "crows_feet_lines", 1, 3)), kb)
    assert "double_caution" not in flag_codes(result)


def test_deferred_treatments_make_no_synergy(kb, example) -> None:
    result = plan(example("first_timer_three_dimensions"), kb)
    assert "classic" not in _ids(result)
