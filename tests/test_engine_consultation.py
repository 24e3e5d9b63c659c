"""The engine's input: a consultation with unknown keys, impossible grades or dates is refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from core.consultation import Consultation

BASE = {"consult_date": "2026-03-02"}


def _errors(data: dict[str, object]) -> list[str]:
    with pytest.raises(ValidationError) as error:
        Consultation.model_validate(data)
    return [".".join(str(p) for p in e["loc"]) + ": " + e["msg"] for e in error.value.errors()]


def test_unknown_key_is_an_error() -> None:
    (message,) = _errors({**BASE, "screening": {"pregnant": True}})
    assert message.startswith("screening.pregnant:")


def test_grade_outside_0_to_4_is_an_error() -> None:
    concern = {"area": "forehead", "kind": "horizontal_lines", "severity_rest": 5}
    (message,) = _errors({**BASE, "concerns": [concern]})
    assert message.startswith("concerns.0.severity_rest:")


def test_unknown_area_is_an_error() -> None:
    (message,) = _errors({**BASE, "concerns": [{"area": "nose", "kind": "hump"}]})
    assert message.startswith("concerns.0.area:")


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        ({"patient": {"date_of_birth": "2026-03-03"}}, "patient.date_of_birth"),
        ({"history": {"last_neuromodulator": "2026-03-03"}}, "history.last_neuromodulator"),
        ({"history": {"earlier_fillers": [{"area": "lips", "date": "2027-01-01"}]}}, "history.earlier_fillers.0.date"),
    ],
)
def test_dates_after_the_consult_are_errors(extra: dict[str, object], where: str) -> None:
    assert any(where in message for message in _errors({**BASE, **extra}))


def test_same_concern_twice_is_an_error() -> None:
    concern = {"area": "lips", "kind": "thin_lips", "severity_rest": 2}
    assert any("listed twice" in m for m in _errors({**BASE, "concerns": [concern, concern]}))


def test_cops_needs_nine_items_of_0_to_8() -> None:
    assert _errors({**BASE, "cops": [1] * 8})
    assert _errors({**BASE, "cops": [9] + [0] * 8})


def test_bddq_likert_items_are_1_to_5() -> None:
    assert _errors({**BASE, "bddq": {"q3": 0}})
    assert _errors({**BASE, "bddq": {"q3": 6}})
