"""A refused consultation in the words of the person reading it (the GUI's language): which answer,
and what is wrong with it. Never pydantic's English, never an answer's path
('history.earlier_fillers.1.date'), an ISO date or an id ('ha_filler'), which mean nothing on a tablet.

The consultation's own checks (core/consultation.py `refused`) carry their name and raw values; a
check on one answer (too long, out of range) is said with that answer's name from [check_fields].
The GUI says a refused edit with it (gui/draft.py), the records' import each problem of a file.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic_core import ErrorDetails, PydanticCustomError

from core.knowledge.ui import words

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase

CHECK = "thirds_check"  # the one value of a check's error context: pydantic fills the message's
# {placeholders} from the context again, and a lot typed as "L{date}" must not be rewritten


def refused(check: str, field: str, **values: str | int) -> PydanticCustomError:
    """A consultation that fails one of its own checks: its name ([checks] of the GUI's words), the
    answer's place and the values raw (a date in ISO form, a tool by its id), for a screen to say in
    its words and forms. The message, for the command line, is the place, then the sentence in the
    chosen words (English without a choice)."""
    sentence = words().checks.fill(check, **values)
    return PydanticCustomError(check, f"{field}: {sentence}", {CHECK: {"field": field, **values}})


def said(detail: ErrorDetails, kb: KnowledgeBase | None = None) -> str:
    """One validation error as the practitioner reads it; `kb` names tools, areas, concerns and
    answers the clinic's way and writes dates in its locale (without it, the raw values)."""
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    checks = words().checks
    kind = str(detail["type"])
    if isinstance(values := context.get(CHECK), dict) and kind in checks:
        return checks.fill(kind, **_shown(values, kb))
    field = answer_name(".".join(str(part) for part in detail["loc"]))
    if kind == "string_too_long":
        return checks.fill("too_long", field=field, max=context.get("max_length", ""))
    if kind in ("string_too_short", "too_short", "missing"):
        return checks.fill("empty", field=field)
    bounds = {"greater_than": ("too_small", "min", "gt"), "greater_than_equal": ("at_least", "min", "ge"),
              "less_than": ("less_than", "max", "lt"), "less_than_equal": ("too_large", "max", "le")}
    if kind in bounds:
        key, name, bound = bounds[kind]
        limit = context.get(bound, "")
        return checks.fill(key, field=field, **{name: f"{limit:g}" if isinstance(limit, float) else limit})
    return checks.fill("not_valid", field=field)


def place(detail: ErrorDetails) -> str:
    """Where the problem is in a consultation file ('history.earlier_fillers.0.date'): for whoever
    fixes a file, never alone on a screen."""
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    if isinstance(values := context.get(CHECK), dict) and isinstance(field := values.get("field"), str):
        return field
    return ".".join(str(part) for part in detail["loc"])


def answer_name(where: str) -> str:
    """The answer at `where` as the practitioner knows it: 'history.earlier_fillers.1.date' is
    'Earlier filler 2'. [check_fields] names places without their list indices; the longest that
    fits wins, and its {n} is the index after it, counted from 1 (no index: the answer in general)."""
    fields = words().check_fields
    parts = where.split(".") if where else []
    names = [part for part in parts if not part.isdigit()]
    for cut in range(len(names), 0, -1):
        place = ".".join(names[:cut])
        if place not in fields:
            continue
        after = parts[_position(parts, names[cut - 1]) + 1:] if names else []
        number = int(after[0]) + 1 if after and after[0].isdigit() else 0
        if number == 0 and "{n}" in fields.fill(place):
            continue  # the list itself, not one of its entries: a shorter place says it better
        return fields.fill(place, n=number)
    return fields.answer


def _position(parts: list[str], name: str) -> int:
    """Where the last part called `name` is in `parts` (a place's last named part)."""
    return len(parts) - 1 - parts[::-1].index(name)


def _shown(values: dict[str, Any], kb: KnowledgeBase | None) -> dict[str, object]:
    """A check's values as the practitioner reads them: a date in the clinic's locale, a tool, an area,
    a concern and an answer by the clinic's names, a unit in words."""
    shown: dict[str, object] = dict(values)
    units = {"units": words().given.units, "mL": words().checks.millilitres}
    for key in ("unit", "given"):
        if values.get(key) in units:
            shown[key] = units[values[key]]
    if kb is None:
        return shown
    from core.dates import show_date
    from core.vocabulary import Area, Reply, Tool

    text = kb.text()
    if isinstance(day := values.get("date"), str):
        shown["date"] = show_date(dt.date.fromisoformat(day), kb.settings.clinic.locale)
    if isinstance(tool := values.get("tool"), str) and tool in {t.value for t in Tool}:
        shown["tool"] = text.tools[Tool(tool)].name
    if isinstance(area := values.get("area"), str) and area in {a.value for a in Area}:
        shown["area"] = text.areas[Area(area)].name
        kinds = text.concerns.get(Area(area), {})
        if isinstance(kind := values.get("concern"), str) and kind in kinds:
            shown["concern"] = kinds[kind].name
    if isinstance(reply := values.get("answer"), str) and reply in {r.value for r in Reply}:
        shown["answer"] = text.replies[Reply(reply)]
    return shown
