"""Display names for ids. Clinical text comes from the knowledge base; only app wording lives here.

Medicine names are the knowledge base's (`kb.text().medicines`). It has no entries yet for the
expectation levels; until it does, they fall back to the wording below.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from core.vocabulary import Area, Expectation, Tool

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase

EXPECTATIONS: dict[Expectation, str] = {
    Expectation.SUBTLE: "Subtle refresh",
    Expectation.NATURAL: "Noticeable but natural",
    Expectation.DRAMATIC: "Dramatic (“20 years younger”)",
}


def area_name(kb: KnowledgeBase, area: Area | None) -> str:
    return kb.text().areas[area].name if area is not None else "Whole face"


def tool_name(kb: KnowledgeBase, tool: Tool) -> str:
    return kb.text().tools[tool].name


def money(kb: KnowledgeBase, amount: Decimal | float | None) -> str:
    if amount is None:
        return "—"
    currency = kb.settings.clinic.currency
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    text = f"{value:,.2f}".removesuffix(".00")
    return f"{currency} {text}"
