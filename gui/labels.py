"""Display names for ids. Clinical text comes from the knowledge base; only app wording lives here.

The knowledge base has no entries yet for medicines and expectation levels; until it does (see the
report to core), these fall back to the wording below.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from core.vocabulary import Area, Expectation, Medication, Tool

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase

EXPECTATIONS: dict[Expectation, str] = {
    Expectation.SUBTLE: "Subtle refresh",
    Expectation.NATURAL: "Noticeable but natural",
    Expectation.DRAMATIC: "Dramatic (“20 years younger”)",
}

MEDICINES: dict[Medication, str] = {
    Medication.AMINOGLYCOSIDES: "Aminoglycoside antibiotics",
    Medication.CURARE_LIKE: "Curare-like agents",
    Medication.ANTICHOLINERGICS: "Anticholinergics",
    Medication.MUSCLE_RELAXANTS: "Muscle relaxants",
    Medication.OTHER_TOXIN_3_MONTHS: "Another botulinum toxin (3 months)",
    Medication.ANTICOAGULANTS: "Anticoagulants (blood thinners)",
    Medication.ANTIPLATELETS: "Antiplatelets",
    Medication.NSAIDS: "NSAIDs",
    Medication.FISH_OIL: "Fish oil",
    Medication.VITAMIN_E: "Vitamin E",
    Medication.GINKGO: "Ginkgo",
    Medication.GINSENG: "Ginseng",
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
