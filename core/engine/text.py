"""Fill a knowledge-base sentence with the plan's values; a missing value stays visible."""

from __future__ import annotations

from core.knowledge.models import KnowledgeBase
from core.vocabulary import Area


class _Keep(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: str) -> str:
    return template.format_map(_Keep(values))


def join_names(kb: KnowledgeBase, names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c', with the language's own 'and'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + kb.text().takeaway["list_and"] + names[-1]


def area_names(kb: KnowledgeBase, areas: list[Area], patient: bool = False) -> str:
    texts = kb.text().areas
    return join_names(kb, [texts[a].patient if patient else texts[a].name for a in areas])
