"""Every rule names its source; every recommendation and flag says why (`because`) and from where."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, load_example
from core.engine import plan

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.json"))


def test_every_rule_has_a_source(kb) -> None:
    entries = [
        *kb.areas.values(),
        *kb.tools.values(),
        *kb.rules,
        kb.skin_rule,
        *kb.synergies.values(),
        *kb.screening.values(),
        *kb.facts.label_doses.values(),
        kb.facts.label_dose_all_upper,
    ]
    facts = kb.facts
    entries += [
        getattr(facts, name) for name in type(facts).model_fields if name not in ("label_doses", "label_dose_all_upper")
    ]
    settings = kb.settings
    for section in (settings.schedule, settings.maintenance, settings.thresholds):
        entries += [getattr(section, name) for name in type(section).model_fields]
    entries += list(settings.prices.values())
    for entry in entries:
        assert entry.source.strip(), entry


def test_settings_without_a_number_in_the_seeds_say_clinic_default(kb) -> None:
    for price in kb.settings.prices.values():
        assert "clinic default" in price.source
    schedule = kb.settings.schedule
    for name in ("quality_series_spacing_days", "reassess_after_series_days", "first_session_day"):
        assert "clinic default" in getattr(schedule, name).source
    for name in type(kb.settings.thresholds).model_fields:
        assert "clinic default" in getattr(kb.settings.thresholds, name).source


@pytest.mark.parametrize("name", NAMES)
def test_every_recommendation_and_flag_carries_because_and_source(kb, name) -> None:
    result = plan(load_example(name), kb)
    for rec in result.recommendations:
        assert rec.because and all(b.strip() for b in rec.because), rec
        assert rec.source.strip(), rec
    for flag in result.flags:
        assert flag.because and all(b.strip() for b in flag.because), flag
        assert flag.source.strip(), flag
        assert flag.message and flag.action
        assert flag.patient_message or kb.text().flags[flag.key].patient == "", flag  # "" : the practitioner's alone
        assert "{" not in flag.message + flag.patient_message + flag.action, flag
    for removal in result.removed:
        assert removal.because and removal.source
    for item in result.maintenance:
        assert item.source.strip()
