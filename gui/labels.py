"""Display names for ids, from the knowledge base's texts; dates and money in the clinic's locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from core.dates import dates_in, show_date
from core.money import format_money
from core.vocabulary import Area, Tool

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase

def area_name(kb: KnowledgeBase, area: Area | None) -> str:
    return kb.text().areas[area].name if area is not None else kb.text().report.whole_face


def tool_name(kb: KnowledgeBase, tool: Tool) -> str:
    return kb.text().tools[tool].name


def money(kb: KnowledgeBase, amount: Decimal | float | None) -> str:
    """An amount in the clinic's currency and locale (core.money): `€1,500`, `1.500 €`."""
    if amount is None:
        return "—"
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    return _money(value, kb.settings.clinic.currency, kb.settings.clinic.locale)


def day(kb: KnowledgeBase, value: dt.date) -> str:
    """A date in the clinic's locale, in the one form Thirds uses (core.dates): `January 3, 2027`."""
    return _day(value, kb.settings.clinic.locale)


def dated(kb: KnowledgeBase, text: str) -> str:
    """A plan sentence with its ISO dates written in the clinic's locale."""
    return _dated(text, kb.settings.clinic.locale)


# Babel takes ~0.1 ms an amount or a date; the Plan page writes some forty on every tap (issue 10).
_money = lru_cache(maxsize=2048)(format_money)
_day = lru_cache(maxsize=2048)(show_date)
_dated = lru_cache(maxsize=2048)(dates_in)
