"""Area + concern -> tool, by the knowledge base's rules; skin quality -> a quality series."""

from __future__ import annotations

from core.consultation import Concern, Consultation
from core.knowledge.models import Always, KnowledgeBase, RestSeverity, Rule
from core.plan import Recommendation
from core.vocabulary import Area


class UnknownConcern(ValueError):
    def __init__(self, where: str, message: str) -> None:
        self.where = where
        super().__init__(f"{where}: {message}")


def check_concerns(consultation: Consultation, kb: KnowledgeBase) -> list[UnknownConcern]:
    problems = []
    for index, concern in enumerate(consultation.concerns):
        known = kb.areas[concern.area].concerns
        if concern.kind not in known:
            problems.append(
                UnknownConcern(
                    f"concerns.{index}.kind",
                    f"'{concern.kind}' is not a concern of {concern.area.value} (known: {', '.join(known)})",
                )
            )
    return problems


def _applies(rule: Rule, concern: Concern, kb: KnowledgeBase) -> bool:
    condition = rule.when
    if isinstance(condition, Always):
        return True
    if isinstance(condition, RestSeverity):
        thresholds = kb.settings.thresholds
        if condition.at_least is not None:
            limit: int = getattr(thresholds, condition.at_least).value
            return concern.severity_rest >= limit
        if condition.below is not None:
            ceiling: int = getattr(thresholds, condition.below).value
            return concern.severity_rest < ceiling
    return False


def describe(concern: Concern) -> str:
    return (
        f"concerns[{concern.area.value}/{concern.kind}]: grade {concern.severity_rest} at rest, "
        f"{concern.severity_movement} on movement"
    )


def candidates(consultation: Consultation, kb: KnowledgeBase) -> list[Recommendation]:
    """Every tool the answers call for, before safety and the when-not-to-combine rules."""
    found: list[Recommendation] = []
    skin = consultation.skin
    threshold = kb.settings.thresholds.skin_quality_concern.value
    poor = [item for item in kb.skin_rule.items if skin.grade(item) >= threshold]
    if poor:
        tool = kb.skin_rule.tool
        found.append(
            Recommendation(
                area=None,
                third=None,
                concern="skin_quality",
                dimension=kb.tools[tool].dimension,
                tool=tool,
                severity=sum(skin.grade(item) for item in poor),
                because=[f"skin.{item.value} = {skin.grade(item)}" for item in poor],
                source=kb.skin_rule.source,
            )
        )
    order = {area: index for index, area in enumerate(Area)}
    for concern in sorted(consultation.concerns, key=lambda c: order[c.area]):
        if concern.severity == 0:
            continue
        for rule in kb.rules:
            if rule.area is concern.area and rule.concern == concern.kind and _applies(rule, concern, kb):
                found.append(
                    Recommendation(
                        area=concern.area,
                        third=kb.areas[concern.area].third,
                        concern=concern.kind,
                        dimension=kb.tools[rule.tool].dimension,
                        tool=rule.tool,
                        severity=concern.severity,
                        because=[describe(concern)],
                        source=rule.source,
                    )
                )
    return found
