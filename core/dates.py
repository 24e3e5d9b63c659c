"""Dates and times as people read them, in the clinic's locale (Babel, CLDR).

One form across Thirds: CLDR's "long" date (`January 3, 2027`, `3. Januar 2027`, `3 janvier 2027`)
wherever a person reads a date, and the "short" time beside it (`5:40 PM`, `17:40`). Moments are
stored in UTC and shown in this computer's local time. Data (JSON, FHIR, file names) keeps ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final, Literal

from babel.dates import format_date, format_time, get_datetime_format

from core.money import clinic_locale

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DATE_FORMAT: Final[Literal["long"]] = "long"
TIME_FORMAT: Final[Literal["short"]] = "short"


def show_date(day: dt.date, locale: str) -> str:
    return str(format_date(day, DATE_FORMAT, locale=clinic_locale(locale)))


def dates_in(text: str, locale: str) -> str:
    """A sentence with its ISO dates (2027-01-03) written the clinic's way (January 3, 2027)."""

    def one(match: re.Match[str]) -> str:
        try:
            return show_date(dt.date.fromisoformat(match.group(0)), locale)
        except ValueError:  # 2027-13-45 is not a date: left as typed
            return match.group(0)

    return ISO_DATE.sub(one, text)


def show_moment(moment: dt.datetime, locale: str) -> str:
    """A stored moment (naive means UTC, as the records store it) in this computer's local time."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    local = aware.astimezone()
    where = clinic_locale(locale)
    joined = str(get_datetime_format(DATE_FORMAT, locale=where)).replace("'", "")  # "{1}, {0}", "{1} 'at' {0}"
    time = str(format_time(local, TIME_FORMAT, locale=where))
    return joined.replace("{1}", show_date(local.date(), locale)).replace("{0}", time)
