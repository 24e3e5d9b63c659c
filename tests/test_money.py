"""Money and dates in the clinic's locale (issue 10): typed amounts read strictly by Babel, amounts and
dates written by it, and a clinic locale Babel does not know refused at load with the file and key."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.dates import dates_in, show_date, show_moment
from core.knowledge.loader import read_knowledge_base
from core.money import AmountError, format_amount, format_money, parse_amount

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("locale", "typed", "amount"),
    [
        ("de", "1.500,00", "1500"),
        ("de", "1.500", "1500"),
        ("de", "1500", "1500"),
        ("de", "1.250,5", "1250.5"),
        ("en", "1,500.00", "1500"),
        ("en", "1,500", "1500"),
        ("en", "1500", "1500"),
        ("en", "1.5", "1.5"),
        ("en", " 1,500 ", "1500"),
        ("fr", f"1{NNBSP}500", "1500"),  # CLDR's French grouping
        ("fr", f"1{NBSP}500", "1500"),
        ("fr", "1 500", "1500"),  # as a keyboard types it
        ("fr", "1 500,50", "1500.50"),
        ("de_CH", "1'500.00", "1500"),
    ],
)
def test_an_amount_means_the_same_in_its_own_locale(locale: str, typed: str, amount: str) -> None:
    assert parse_amount(typed, locale) == Decimal(amount)


@pytest.mark.parametrize(
    ("locale", "typed"),
    [
        ("en", "€2k"),  # was read as 2
        ("en", "2k"),
        ("de", "2k"),
        ("en", "1500 EUR"),
        ("en", "€1,500"),  # the currency sign is beside the field, never typed into the amount
        ("en", "one thousand"),
        ("en", "1e3"),
        ("en", "-500"),
        ("en", "1.500,00"),  # German grouping in an English clinic: swapped symbols
        ("de", "1,500.00"),  # and the other way round (was read as 150,000)
        ("en", "1.500"),  # three decimals: 1500 typed the German way, not 1 euro 50
        ("en", "1,5"),  # a comma that groups nothing
        ("en", "1.500.00"),  # two decimal points
        ("de", "1,50,0"),  # two decimal commas
        ("en", "1 500"),  # a space does not group in English: ambiguous
        ("de", "1 500,00"),
        ("en", "12.345"),
        ("en", ""),
    ],
)
def test_anything_ambiguous_or_with_letters_is_refused_with_the_expected_form(locale: str, typed: str) -> None:
    with pytest.raises(AmountError) as refused:
        parse_amount(typed, locale)
    expected = {"en": "1,500.00", "de": "1.500,00"}[locale]
    assert str(refused.value) == f"Type the amount as {expected}"
    assert isinstance(refused.value, ValueError)


def test_the_expected_form_is_the_locales_own() -> None:
    with pytest.raises(AmountError, match=f"^Type the amount as 1{NNBSP}500,00$"):
        parse_amount("1.500,00", "fr")
    with pytest.raises(AmountError, match="^Type the amount as 1,500$"):  # yen: no decimals
        parse_amount("1,500.50", "en", "JPY")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["en", "de", "fr", "de_CH", "en_IN"]))
def test_an_amount_written_in_a_locale_reads_back_as_itself(amount: Decimal, locale: str) -> None:
    assert parse_amount(format_amount(amount, locale), locale) == amount


@pytest.mark.parametrize(
    ("locale", "whole", "cents"),
    [
        ("en", "€1,500", "€1,500.50"),
        ("de", f"1.500{NBSP}€", f"1.500,50{NBSP}€"),
        ("fr", f"1{NNBSP}500{NBSP}€", f"1{NNBSP}500,50{NBSP}€"),
    ],
)
def test_money_is_written_with_the_symbol_the_locales_way_whole_amounts_without_cents(
    locale: str, whole: str, cents: str
) -> None:
    assert format_money(Decimal("1500.00"), "EUR", locale) == whole
    assert format_money(Decimal("1500.5"), "EUR", locale) == cents


def test_a_currency_written_in_letters_keeps_a_space_from_the_number() -> None:
    assert format_money(Decimal(1500), "CHF", "en") == f"CHF{NBSP}1,500"
    assert format_money(Decimal(1500), "USD", "en") == "$1,500"


def test_one_date_form_everywhere_the_locales_long_date() -> None:
    day = dt.date(2027, 1, 3)
    assert show_date(day, "en") == "January 3, 2027"
    assert show_date(day, "en_GB") == "3 January 2027"
    assert show_date(day, "de") == "3. Januar 2027"
    assert show_date(day, "fr") == "3 janvier 2027"
    assert dates_in("Filler after 2027-01-03.", "de") == "Filler after 3. Januar 2027."


def test_a_stored_moment_is_shown_in_local_time_not_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        stored = dt.datetime(2026, 11, 23, 17, 40)  # naive: UTC, as the records store it
        assert show_moment(stored, "de") == "23. November 2026, 18:40"
        assert show_moment(stored.replace(month=7), "de") == "23. Juli 2026, 19:40"  # summer time
        assert "UTC" not in show_moment(stored, "en")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_unknown_locale_in_a_clinic_config_names_the_file_and_clinic_locale(tmp_path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nlocale = "xx_YY"\n')
    kb, problems = read_knowledge_base(config_path=config)
    assert kb is None
    assert [(p.file, p.where) for p in problems] == [(config, "clinic.locale")]
    assert "unknown locale 'xx_YY'" in problems[0].reason


def test_a_known_locale_is_kept_in_babels_spelling(tmp_path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text('[clinic]\nlocale = "de-CH"\n')
    kb, problems = read_knowledge_base(config_path=config)
    assert problems == [] and kb is not None
    assert kb.settings.clinic.locale == "de_CH"
