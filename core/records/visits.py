"""A stored plan's visits, for the follow-up list: its sessions grouped by day and numbered as the
takeaway numbers them (core/takeaway/visits.py). Read from the plan's JSON, so the migration that
fills them in for plans stored before schema version 2 needs no Plan model of today."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class VisitRow:
    number: int
    date: dt.date
    kinds: str  # the sessions' kinds, comma separated ("reassessment,treatment")
    treatments: str  # JSON: [[tool, area or null], ...]


def visit_rows(sessions: Iterable[Mapping[str, Any]]) -> list[VisitRow]:
    """One row a day, in the plan's order; a malformed session is skipped, never fatal."""
    days: dict[dt.date, tuple[list[str], list[list[str | None]]]] = {}
    for session in sessions:
        try:
            date = dt.date.fromisoformat(str(session["date"]))
            kind = str(session["kind"])
            treatments = [[str(t["tool"]), None if t.get("area") is None else str(t["area"])]
                          for t in session.get("treatments", [])]
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        kinds, done = days.setdefault(date, ([], []))
        if kind not in kinds:
            kinds.append(kind)
        done.extend(t for t in treatments if t not in done)
    return [
        VisitRow(number, date, ",".join(kinds), json.dumps(done))
        for number, (date, (kinds, done)) in enumerate(sorted(days.items()), start=1)
    ]
