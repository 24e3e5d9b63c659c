"""The takeaway, the record, the calendar and the CLI's readable plan write money and dates in the
clinic's locale (issue 10), with Babel's formats instead of the language file's separators."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from icalendar import Calendar
from reportlab import rl_config

from conftest import EXAMPLES, load_example
from core.engine import plan
from core.knowledge.loader import load_knowledge_base
from core.knowledge.models import KnowledgeBase
from core.report import render_plan
from core.takeaway import write_ics, write_record, write_takeaway
from takeaway_support import pdf_text


@pytest.fixture(autouse=True)
def _invariant():  # type: ignore[no-untyped-def]
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def clinic(tmp_path: Path, locale: str) -> KnowledgeBase:
    config = tmp_path / f"clinic-{locale}.toml"
    config.write_text(f'[clinic]\nname = "Praxis"\nlocale = "{locale}"\n')
    return load_knowledge_base(config_path=config)


def spaced(text: str) -> str:
    """As pdf_text reads it: every run of spaces (no-break ones too) one space."""
    return re.sub(r"\s+", " ", text)


# tired_face: consult 23 November 2026, total 2,450, 12 months 4,500, a skin-quality visit 18 January 2027
EXPECTED = {
    "de": ("23. November 2026", "18. Januar 2027", "2.450 €", "4.500 €", "250 €"),
    "fr": ("23 novembre 2026", "18 janvier 2027", "2 450 €", "4 500 €", "250 €"),
}


@pytest.mark.parametrize("locale", ["de", "fr"])
def test_the_takeaway_writes_money_and_dates_the_clinics_way(locale: str, tmp_path: Path) -> None:
    kb = clinic(tmp_path, locale)
    consultation = load_example("tired_face")
    result = plan(consultation, kb)
    text = pdf_text(write_takeaway(consultation, result, kb, tmp_path / "takeaway.pdf"))
    for expected in EXPECTED[locale]:
        assert expected in text, expected
    assert "EUR" not in text and "November 23" not in text and "2,450" not in text


@pytest.mark.parametrize("locale", ["de", "fr"])
def test_the_record_writes_money_and_dates_the_clinics_way(locale: str, tmp_path: Path) -> None:
    kb = clinic(tmp_path, locale)
    consultation = load_example("tired_face")
    result = plan(consultation, kb)
    text = pdf_text(write_record(consultation, result, kb, tmp_path / "record.pdf"))
    consult_day, _, total, _, _ = EXPECTED[locale]
    assert consult_day in text and total in text
    assert "EUR " not in text


def test_a_french_amount_never_wraps_inside_its_digits(tmp_path: Path) -> None:
    """On paper the narrow no-break space of French grouping is a no-break space (ReportLab would
    break a line at U+202F)."""
    from core.takeaway.words import Words

    assert Words(clinic(tmp_path, "fr")).money(Decimal(2450), "EUR") == "2\u00a0450\u00a0€"


def test_the_calendar_writes_the_dates_in_a_visit_note_the_clinics_way(tmp_path: Path) -> None:
    kb = clinic(tmp_path, "de")
    consultation = load_example("recent_toxin")
    result = plan(consultation, kb)
    calendar = Calendar.from_ical(write_ics(consultation, result, kb, tmp_path / "plan.ics").read_bytes())
    notes = " ".join(str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT"))
    assert "3. Januar 2027" in notes  # "We wait until 2027-01-03, ..."
    assert "2027-01-03" not in notes


def test_the_readable_plan_in_the_terminal_writes_money_and_dates_the_clinics_way(tmp_path: Path) -> None:
    kb = clinic(tmp_path, "de")
    consultation = load_example("recent_toxin")
    out = spaced(render_plan(consultation, plan(consultation, kb), kb))
    assert "consult 23. November 2026" in out
    assert "Total: 1.000 €" in out and "1 x 300 € = 300 €" in out
    assert "3. Januar 2027" in out and "2027-01-03" not in out


def test_the_cli_reads_the_clinic_locale_from_its_config(tmp_path: Path) -> None:
    from core.cli import main

    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nlocale = "fr"\n')
    out = io.StringIO()
    assert main(["plan", str(EXAMPLES / "lips_only.json"), "--config", str(config)], stdout=out) == 0
    assert json.loads((EXAMPLES / "lips_only.json").read_text())["consult_date"] == "2026-11-23"
    assert "consult 23 novembre 2026" in out.getvalue()
