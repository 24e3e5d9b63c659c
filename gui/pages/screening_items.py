"""How each asked screening item of the knowledge base reads and writes the Consultation's fields.

Only the mapping between the knowledge base's item ids and the answer fields lives here; what an
item does to the plan is in assets/knowledge/screening.toml and core.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.vocabulary import BLEEDING_RISK, TOXIN_INTERACTING, Area, Medication
from gui.labels import MEDICINES

if TYPE_CHECKING:
    from core.consultation import Consultation

IMMUNE = ("autoimmune_or_immunotherapy", "chemotherapy_last_12_months")
IMMUNE_LABELS = {
    "autoimmune_or_immunotherapy": "Autoimmune disease or immunotherapy",
    "chemotherapy_last_12_months": "Chemotherapy in the last 12 months",
}


@dataclass(frozen=True)
class Item:
    id: str
    field: str = ""
    medicines: tuple[Medication, ...] = ()
    choices: Sequence[Any] = ()
    prompt: str = ""
    needs_choice: bool = False
    bools: tuple[str, ...] = ()

    def label(self, value: Any) -> str:
        return MEDICINES.get(value) or IMMUNE_LABELS.get(value, str(value))

    def read(self, c: Consultation) -> bool:
        if self.id == "infection_at_site":
            return c.screening.active_infection or bool(c.screening.infection_areas)
        if self.field:
            return bool(getattr(c.screening, self.field))
        if self.bools:
            return any(getattr(c.screening, f) for f in self.bools)
        return any(m in self.medicines for m in c.screening.medications)

    def chosen(self, c: Consultation) -> list[Any]:
        if self.id == "infection_at_site":
            return list(c.screening.infection_areas)
        if self.bools:
            return [f for f in self.bools if getattr(c.screening, f)]
        return [m for m in c.screening.medications if m in self.medicines]

    def write(self, c: Consultation, yes: bool, chosen: list[Any]) -> dict[str, Any]:
        """The field changes for an answer; a 'No' clears the follow-up choices too."""
        if self.id == "infection_at_site":
            return {"screening.active_infection": yes, "screening.infection_areas": chosen if yes else []}
        if self.field:
            return {f"screening.{self.field}": yes}
        if self.bools:
            return {f"screening.{f}": yes and f in chosen for f in self.bools}
        others = [m for m in c.screening.medications if m not in self.medicines]
        if not yes:
            mine: list[Medication] = []
        elif self.choices:
            mine = [m for m in self.medicines if m in chosen]
        else:
            mine = list(self.medicines)
        return {"screening.medications": others + mine}


ASKED: tuple[Item, ...] = (
    Item("pregnant_or_breastfeeding", field="pregnant_or_breastfeeding"),
    Item("toxin_hypersensitivity", field="toxin_hypersensitivity"),
    Item("neuromuscular_disease", field="neuromuscular_disease"),
    Item("aminoglycosides", medicines=(Medication.AMINOGLYCOSIDES,)),
    Item(
        "toxin_interacting_medicines",
        medicines=TOXIN_INTERACTING,
        choices=TOXIN_INTERACTING,
        prompt="Choose which medicines:",
        needs_choice=True,
    ),
    Item("other_toxin_3_months", medicines=(Medication.OTHER_TOXIN_3_MONTHS,)),
    Item(
        "infection_at_site",
        choices=tuple(Area),
        prompt="Which sites? None chosen means every site.",
    ),
    Item("ha_or_lidocaine_allergy", field="ha_or_lidocaine_allergy"),
    Item("cold_sore_lips", field="cold_sore_history"),
    Item(
        "bleeding_risk_medicines",
        medicines=BLEEDING_RISK,
        choices=BLEEDING_RISK,
        prompt="Choose which medicines or supplements:",
        needs_choice=True,
    ),
    Item("coagulation_disorder", field="coagulation_disorder"),
    Item("immune_conditions", bools=IMMUNE, choices=IMMUNE, prompt="Choose which applies:", needs_choice=True),
    Item("recent_dental_or_vaccination", field="recent_dental_or_vaccination"),
)

FROM_EARLIER: tuple[str, ...] = (
    "under_18", "age_not_confirmed", "toxin_retreatment", "permanent_filler_in_area", "event_soon",
)
# Read from answers this page already asks: the BDDQ-AS below, and the coagulation question.
DERIVED: tuple[str, ...] = ("bddq_incomplete", "coagulation_bruising")
