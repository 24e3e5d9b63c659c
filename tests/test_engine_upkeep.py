"""Maintenance on each tool's own clock, the annual assessment, the plain-sum cost, label doses."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from conftest import consult, flag_codes
from core.engine import plan
from core.knowledge.loader import load_knowledge_base

DAYS_PER_MONTH = 365.25 / 12


def _due(result, tool: str, area: str | None):
    (item,) = [m for m in result.maintenance if m.tool.value == tool and (m.area.value if m.area else None) == area]
    return item


@pytest.mark.parametrize(
    ("setting", "low_months", "high_months"),
    [
        ("neuromodulator", 3, 4),
        ("filler_dynamic", 6, 9),
        ("filler_static", 12, 18),
        ("quality", 12 / 3, 12 / 2),
    ],
)
def test_maintenance_defaults_sit_inside_the_seed_ranges(kb, setting, low_months, high_months) -> None:
    value = getattr(kb.settings.maintenance, setting)
    assert low_months * DAYS_PER_MONTH - 1 <= value.value <= high_months * DAYS_PER_MONTH + 1
    assert "seed 002" in value.source


def test_maintenance_neuromodulator_refreshes_on_its_own_clock(kb) -> None:
    result = plan(consult(("forehead", "horizontal_lines", 1, 3)), kb)
    item = _due(result, "neuromodulator", "forehead")
    assert item.interval_days == kb.settings.maintenance.neuromodulator.value
    assert item.next_due == result.sessions[0].date + timedelta(days=item.interval_days)
    assert item.source == kb.settings.maintenance.neuromodulator.source


@pytest.mark.parametrize(("area", "kind"), [("lips", "thin_lips"), ("perioral", "vertical_lines")])
def test_maintenance_ha_filler_in_dynamic_areas(kb, area, kind) -> None:
    result = plan(consult((area, kind, 3, 3)), kb)
    assert _due(result, "ha_filler", area).interval_days == kb.settings.maintenance.filler_dynamic.value


@pytest.mark.parametrize(
    ("area", "kind"), [("cheeks", "volume_loss"), ("jawline", "undefined_jawline"), ("chin", "projection")]
)
def test_maintenance_ha_filler_in_static_areas(kb, area, kind) -> None:
    result = plan(consult((area, kind, 2, 2)), kb)
    assert _due(result, "ha_filler", area).interval_days == kb.settings.maintenance.filler_static.value


def test_maintenance_quality_starts_after_the_series(kb, example) -> None:
    result = plan(example("thin_dry_skin"), kb)
    item = _due(result, "polynucleotides", None)
    last_series = max(s.date for s in result.sessions if s.treatments)
    assert item.next_due == last_series + timedelta(days=kb.settings.maintenance.quality.value)


def test_not_everything_on_the_same_clock(kb, example) -> None:
    result = plan(example("tired_face"), kb)
    assert len({m.interval_days for m in result.maintenance}) == 3
    assert [m.next_due for m in result.maintenance] == sorted(m.next_due for m in result.maintenance)


def test_annual_assessment_decides_what_to_refresh(kb, example) -> None:
    c = example("tired_face")
    result = plan(c, kb)
    days = kb.settings.schedule.annual_assessment_days
    assert result.annual_assessment == c.consult_date + timedelta(days=days.value)
    assert "annual assessment" in days.source


def test_no_annual_assessment_when_nothing_is_done(kb, example) -> None:
    assert plan(example("pregnant"), kb).annual_assessment is None


def test_cost_is_the_plain_sum_of_line_prices(kb, example) -> None:
    result = plan(example("tired_face"), kb)
    cost = result.cost
    assert cost.total == sum(line.amount for line in cost.lines)
    for line in cost.lines:
        assert line.amount == line.unit_price * line.quantity
        assert line.unit_price == kb.settings.prices[line.tool].value
    series = [line for line in cost.lines if line.tool.value == "polynucleotides"]
    assert series[0].quantity == kb.settings.schedule.quality_series_sessions.value
    assert cost.currency == kb.settings.clinic.currency


def test_cost_has_no_package_discount(kb) -> None:
    parts = [("glabella", "frown_lines", 2, 3), ("forehead", "horizontal_lines", 1, 3), ("cheeks", "volume_loss", 2, 2)]
    together = plan(consult(*parts), kb).cost.total
    alone = sum(plan(consult(part), kb).cost.total for part in parts)
    assert together == alone == Decimal(1000)


def test_twelve_month_estimate_includes_maintenance(kb) -> None:
    result = plan(
        consult(("forehead", "horizontal_lines", 1, 3), ("lips", "thin_lips", 2, 2), ("cheeks", "volume_loss", 2, 2)),
        kb,
    )
    counts = {(line.tool.value, line.area.value): line.quantity for line in result.cost.twelve_month_lines}
    # toxin at day 0, refreshed at 120, 240 and 360; lip filler at 14, again at 284; cheeks due at 379.
    assert counts == {("neuromodulator", "forehead"): 4, ("ha_filler", "lips"): 2, ("ha_filler", "cheeks"): 1}
    assert result.cost.twelve_month_estimate == sum(line.amount for line in result.cost.twelve_month_lines)
    assert result.cost.twelve_month_estimate == 4 * 300 + 2 * 400 + 400


def test_clinic_prices_change_the_cost(tmp_path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text("[prices]\nha_filler = 550\n\n[area_prices.ha_filler]\nlips = 350\n")
    clinic = load_knowledge_base(config_path=config)
    result = plan(consult(("cheeks", "volume_loss", 2, 2), ("lips", "thin_lips", 2, 2)), clinic)
    amounts = {line.area.value: line.amount for line in result.cost.lines}
    assert amounts == {"cheeks": Decimal(550), "lips": Decimal(350)}
    assert result.cost.total == Decimal(900)


def test_label_dose_far_beyond_is_flagged(kb) -> None:
    result = plan(
        consult(("glabella", "frown_lines", 2, 3), choices={"doses": [{"area": "glabella", "units": 40}]}), kb
    )
    (check,) = result.dose_checks
    assert (check.label_units, check.within_label) == (20, False)
    (flag,) = [f for f in result.flags if f.code.value == "dose_check"]
    assert flag.because == ["choices.doses[glabella] = 40 U"]
    assert "BOTOX" in flag.source and "40" in flag.message and "20" in flag.message


UPPER = (("glabella", "frown_lines", 2, 3), ("crows_feet", "crows_feet_lines", 1, 2),
         ("forehead", "horizontal_lines", 1, 3))


@pytest.mark.parametrize(("area", "units"), [("glabella", 20), ("crows_feet", 24), ("forehead", 20), ("forehead", 25)])
def test_label_dose_or_a_little_above_is_accepted(kb, area, units) -> None:
    result = plan(consult(*UPPER, choices={"doses": [{"area": area, "units": units}]}), kb)
    label = kb.facts.label_doses[result.dose_checks[0].area].units
    assert result.dose_checks[0].within_label is (units <= label)  # 25 U forehead: above the label, said so
    assert "dose_check" not in flag_codes(result)  # but not "far beyond" it: no warning


def test_upper_third_total_is_checked_against_64_units(kb) -> None:
    doses = [{"area": "glabella", "units": 30}, {"area": "crows_feet", "units": 40}, {"area": "forehead", "units": 30}]
    result = plan(consult(*UPPER, choices={"doses": doses}), kb)
    totals = [f for f in result.flags if f.code.value == "dose_check" and "upper third" in f.because[0]]
    assert totals and "64" in totals[0].source


def test_a_dose_for_an_area_with_no_neuromodulator_planned_is_unused_not_checked(kb) -> None:
    doses = [{"area": "glabella", "units": 20}, {"area": "forehead", "units": 30}]
    result = plan(consult(("glabella", "frown_lines", 2, 3), choices={"doses": doses}), kb)
    assert [c.area.value for c in result.dose_checks] == ["glabella"]
    (unused,) = [f for f in result.flags if f.code.value == "dose_check" and f.area is not None and f.area.value == "forehead"]
    assert "not part of this plan" in unused.message and unused.patient_message == ""
    declined = consult(("glabella", "frown_lines", 2, 3), choices={
        "doses": [{"area": "glabella", "units": 40}],
        "declined": [{"tool": "neuromodulator", "area": "glabella", "reason": "Cost"}]})
    assert plan(declined, kb).dose_checks == []


def test_dose_without_a_label_is_never_silently_accepted(kb, example) -> None:
    result = plan(example("jawline_chin_masseter"), kb)
    (check,) = result.dose_checks
    assert check.label_units is None and not check.within_label
    assert "dose_check" in flag_codes(result)


def test_an_areas_share_of_a_whole_face_series_is_not_billed_twice(kb) -> None:
    result = plan(consult(("tear_trough", "dark_circles", 2, 2), skin={"dark_circles": 2}), kb)
    assert {(r.area.value if r.area else None, r.tool.value) for r in result.planned} >= {
        (None, "polynucleotides"), ("tear_trough", "polynucleotides")}
    series = kb.settings.schedule.quality_series_sessions.value
    assert [(line.area, line.quantity) for line in result.cost.lines] == [(None, series)]
    assert result.cost.total == series * result.cost.lines[0].unit_price
    assert [item.area for item in result.maintenance] == [None]
