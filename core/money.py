"""Amounts in the clinic's locale, read and written by Babel (CLDR), never by hand-made separators.

Reading is strict: `1.500,00` is 1500 in a German clinic and refused in an English one, where the
grouping and decimal symbols are the other way round. An amount with more decimals than the currency
has (`1.500` in an English clinic) is refused too: it is far more likely 1500 typed the German way
than 1 euro 50. Letters, currency signs and signs are refused, never stripped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from core.knowledge.ui import words

SPACES = " \u00a0\u202f"  # a space, a no-break space, a narrow no-break space (French grouping)


class AmountError(ValueError):
    """A typed amount that is not one in the clinic's locale; the message shows the expected form."""


@lru_cache(maxsize=16)
def clinic_locale(code: str) -> Locale:
    """A Babel locale from a code such as `en`, `de_CH` or `fr-FR`; ValueError when Babel has none."""
    try:
        return Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise ValueError(f"unknown locale {code!r}: use a code such as en, en_GB, de, de_CH or fr") from error


def language_locale(language: str, clinic: str) -> str:
    """The locale for text in a language other than the clinic's: the language in the clinic's country
    when CLDR has it (`ar_IL`), else the language's own (`he`, `ar`). Money stays in the clinic's
    currency; only how it is written follows the reader."""
    where = clinic_locale(clinic)
    for code in (f"{language}_{where.territory}" if where.territory else "", language):
        try:
            if code:
                return str(Locale.parse(code))
        except (UnknownLocaleError, ValueError):
            continue
    return clinic


def currency_symbol(currency: str, locale: str) -> str:
    """The currency as the clinic's locale writes it: `€`, `CHF`, `₪`."""
    return str(get_currency_symbol(currency, clinic_locale(locale)))


def amount_example(locale: str, currency: str = "EUR") -> str:
    """1500 as the clinic writes it, with the currency's decimals: `1,500.00`, `1.500,00`, `1 500,00`."""
    digits = get_currency_precision(currency)
    return format_decimal(Decimal(1500), format="#,##0" + ("." + "0" * digits if digits else ""), locale=locale)


def parse_amount(text: str, locale: str, currency: str = "EUR") -> Decimal:
    """A non-negative amount typed in the clinic's locale; AmountError for anything else."""
    where = clinic_locale(locale)
    group, decimal = get_group_symbol(where), get_decimal_symbol(where)
    typed = text.strip()
    if group in SPACES:  # "1 500" with any kind of space is the French way of grouping
        typed = re.sub(f"[{SPACES}]", group, typed)
    refused = AmountError(words().goals.fill("amount_form", example=amount_example(locale, currency)))
    if not typed or any(not (ch.isdigit() or ch in (group, decimal)) for ch in typed):
        raise refused  # letters ("2k"), currency signs ("€"), a minus sign, a space in "1 500,00" (de)
    try:
        value = parse_decimal(typed, locale=where, strict=True)
    except NumberFormatError as error:
        raise refused from error  # "1,5" or "1.500,00" in en: ambiguous or swapped symbols
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > get_currency_precision(currency):
        raise refused  # "1.500" in en: more decimals than the currency has
    return value


def format_amount(amount: Decimal, locale: str) -> str:
    """An amount without its currency, as `parse_amount` reads it back: `1,500`, `1.500,5`."""
    return str(format_decimal(amount, locale=clinic_locale(locale)))


def _whole(pattern: str) -> str:
    """A CLDR number pattern without its decimals: `¤#,##0.00` -> `¤#,##0`."""
    return re.sub(r"\.[0#]+", "", pattern)


def _spaced(pattern: str, symbol: str) -> str:
    """CLDR's currency spacing, which Babel leaves out: `CHF 1,500`, not `CHF1,500`."""
    if symbol[:1].isalpha():
        pattern = re.sub(r"([#0])¤", "\\1\u00a0¤", pattern)
    if symbol[-1:].isalpha():
        pattern = re.sub(r"¤([#0])", "¤\u00a0\\1", pattern)
    return pattern


def format_money(amount: Decimal | int | float, currency: str, locale: str) -> str:
    """An amount with the currency's symbol in the clinic's locale: `€1,500`, `1.500,50 €`, `1 500 €`.

    Whole amounts keep no decimals (as a price list reads); others get the currency's decimals.
    """
    value = Decimal(str(amount))
    where = clinic_locale(locale)
    whole = value == value.to_integral_value()
    pattern = where.currency_formats["standard"].pattern
    pattern = _spaced(_whole(pattern) if whole else pattern, get_currency_symbol(currency, where))
    return format_currency(value, currency, format=pattern, locale=where, currency_digits=not whole)
