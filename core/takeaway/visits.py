"""The plan's sessions as the patient lives them: one visit a day. A check-up and the treatment that
follows it on the same day are one appointment, in the table and in the calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.plan import Plan, Session


@dataclass(frozen=True)
class Visit:
    number: int
    date: dt.date
    sessions: tuple[Session, ...]


def visits(plan: Plan) -> list[Visit]:
    days: list[list[Session]] = []
    for session in plan.sessions:
        if days and days[-1][0].date == session.date:
            days[-1].append(session)
        else:
            days.append([session])
    return [Visit(number, group[0].date, tuple(group)) for number, group in enumerate(days, start=1)]
