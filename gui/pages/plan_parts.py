"""The sections of the Plan page, one small builder each (the takeaway PDF has the same shape).

`parts(plan)` lists every section as a `Part`: the slot names the widget that shows it, kept from one
plan to the next. What a tap on this page changes (the summary, the flags, the sessions and their rows,
what is not done now, upkeep, cost, the doses) is refreshed in place (`fill`; plan_cards, plan_rows);
the missing answers and what the screening removed are keyed by their content and built anew when it
changes (answered on other pages).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.vocabulary import Area, RecommendationStatus, SessionKind, Tool
from gui.labels import area_name, dated, day, tool_name
from gui.pages.base import card, label
from gui.pages.plan_cards import (
    AmountsCard,
    CostCard,
    FlagCard,
    ScoresCard,
    SetAmount,
    SourceLink,
    SummaryCard,
    TextCard,
    UpkeepCard,
)
from gui.pages.plan_rows import Decline, RecCard, Restore, rec_name
from gui.words import ui

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import MissingAnswer, Plan, Recommendation, Removal

__all__ = ["LEFT", "RIGHT", "TOP", "Part", "PlanParts", "rec_name"]

Ask = Callable[["MissingAnswer"], None]
TOP, LEFT, RIGHT = "top", "left", "right"
W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class Part(Generic[W]):
    """One section. The page keeps a widget per slot: `fill` refreshes it when `content` differs from
    what it shows. A part without `fill` never changes (its slot is its content). `keep`: while a plan
    has no such section its widget waits hidden, not deleted (sessions, titles, the not-now list)."""

    column: str
    slot: Hashable
    build: Callable[[QWidget], W]
    fill: Callable[[W], None] | None = None
    content: object = None
    keep: bool = False


def _key(*parts: object) -> Hashable:
    return json.dumps(parts, default=lambda o: o.model_dump(mode="json") if hasattr(o, "model_dump") else str(o))


class PlanParts:
    def __init__(self, kb: KnowledgeBase, decline: Decline, restore: Restore, set_dose: SetAmount,
                 set_volume: SetAmount, ask: Ask) -> None:
        self.kb = kb
        self.decline = decline
        self.restore = restore
        self.set_dose = set_dose
        self.set_volume = set_volume
        self.ask = ask

    def parts(self, plan: Plan, doses: dict[Area, float], volumes: dict[Area, float]) -> list[Part[Any]]:
        kb = self.kb
        out: list[Part[Any]] = []
        if plan.missing:  # first: nothing they hold can be scheduled until they are asked
            out.append(Part(TOP, _key("missing", plan.missing), partial(self.missing, plan.missing)))
        out += [
            Part(TOP, "top", partial(SummaryCard, kb), partial(SummaryCard.set_plan, plan=plan), plan),
            Part(LEFT, "scores", partial(ScoresCard, kb), partial(ScoresCard.set_scores, scores=plan.scores),
                 plan.scores, keep=True),
        ]
        if plan.flags:
            out.append(self.title(LEFT, ui().parts.flags))
        out += [Part(LEFT, ("flag", index), partial(FlagCard, kb), partial(FlagCard.set_flag, flag=flag), flag,
                     keep=True) for index, flag in enumerate(plan.flags)]
        if plan.removed:
            out.append(self.title(LEFT, ui().parts.removed_title))
        out += [Part(LEFT, _key("removed", r), partial(self.removed, r)) for r in plan.removed]
        if plan.synergies:
            text = "\n".join(f"• {s.name}" for s in plan.synergies)
            out.append(Part(LEFT, "synergies", partial(TextCard, ui().parts.synergies),
                            partial(TextCard.set_text, text=text), text, keep=True))
        areas = [r.area for r in plan.recommendations if r.tool is Tool.NEUROMODULATOR and r.area is not None]
        areas += [a for a in doses if a not in areas]
        if areas:  # built for its areas; a new dose is a new value in the same field
            out.append(Part(LEFT, ("doses", *areas), partial(AmountsCard, kb, areas, self.set_dose, doses=True),
                            partial(AmountsCard.set_amounts, amounts=doses, checks=plan.dose_checks),
                            (doses, plan.dose_checks)))
        filled = list(dict.fromkeys(r.area for r in plan.recommendations if kb.tools[r.tool].filler and r.area))
        filled += [a for a in volumes if a not in filled]
        if filled:
            out.append(Part(LEFT, ("volumes", *filled), partial(AmountsCard, kb, filled, self.set_volume, doses=False),
                            partial(AmountsCard.set_amounts, amounts=volumes, checks=[]), volumes))
        out.append(self.title(RIGHT, ui().parts.sessions))
        if not plan.sessions:
            out.append(Part(RIGHT, "none", partial(label, ui().parts.no_session, role="hint"), keep=True))
        out += self.sessions(plan)
        held = plan.held
        if held:
            out.append(self.title(RIGHT, ui().parts.held))
            out.append(self.recs("held", held))
        later = [r for r in plan.recommendations if r.status in (RecommendationStatus.DEFERRED,
                                                                 RecommendationStatus.DECLINED)]
        if later:
            out.append(self.title(RIGHT, ui().parts.later))
            out.append(self.recs("later", later))
        if plan.maintenance or plan.annual_assessment is not None:
            upkeep = (plan.maintenance, plan.annual_assessment)
            out.append(Part(RIGHT, "upkeep", partial(UpkeepCard, kb), partial(UpkeepCard.set_plan, plan=plan),
                            upkeep, keep=True))
        out.append(Part(RIGHT, "cost", partial(CostCard, kb), partial(CostCard.set_cost, cost=plan.cost),
                        plan.cost))
        return out

    # --- small pieces ---------------------------------------------------------------------------
    def title(self, column: str, text: str) -> Part[QLabel]:
        return Part(column, f"title:{text}", partial(label, text, role="section"), keep=True)

    def missing(self, missing: list[MissingAnswer], parent: QWidget) -> QWidget:
        """The answers still to ask, each with what it holds and a tap that goes to the question."""
        box, inner = card(parent, "stop")
        words = ui().parts
        box.setAccessibleName(words.missing_name)
        inner.addWidget(label(words.missing, box, "section"))
        inner.addWidget(label(words.missing_hint, box, "hint"))
        for answer in missing:
            row = QWidget(box)
            row.setProperty("missing", ",".join(item.value for item in answer.items))
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 4, 0, 4)
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(label(answer.question, row, "strong"))
            text.addWidget(label(self._holds(answer), row))
            line.addLayout(text, 1)
            button = QPushButton(words.ask_now, row)
            button.setAccessibleName(words.fill("ask_name", question=answer.question))
            button.clicked.connect(lambda _=False, a=answer: self.ask(a))
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            inner.addWidget(row)
        return box

    def _holds(self, answer: MissingAnswer) -> str:
        words = ui().parts
        if not answer.holds:
            return words.holds_nothing
        tools = ", ".join(tool_name(self.kb, tool) for tool in answer.holds)
        if not answer.areas:
            return words.fill("holds", tools=tools)
        return words.fill("holds_in", tools=tools, areas=", ".join(area_name(self.kb, a) for a in answer.areas))

    # --- left: what the safety screening removed --------------------------------------------------
    def removed(self, removal: Removal, parent: QWidget) -> QWidget:
        box, inner = card(parent, "stop")
        box.setAccessibleName(ui().parts.fill("removed_name", tool=removal.tool.value, area=removal.area or "whole face"))
        box.setProperty("removed", f"{removal.tool.value}/{removal.area.value if removal.area else ''}")
        inner.addWidget(label(rec_name(self.kb, removal.tool, removal.area), box, "strong"))
        inner.addWidget(label(dated(self.kb, removal.message), box))
        inner.addWidget(SourceLink(self.kb, box, removal.source))
        return box

    # --- right: the sessions and what is not done now -------------------------------------------
    def sessions(self, plan: Plan) -> list[Part[RecCard]]:
        """A card a session, kept for what the session does (its kind and treatments, the first such
        visit or the second…): a decline that moves the visits changes their dates, not their cards."""
        recs = {(r.tool, r.area): r for r in plan.recommendations}
        seen: set[tuple[Tool, Area | None]] = set()
        shapes: Counter[Hashable] = Counter()
        out: list[Part[RecCard]] = []
        for session in plan.sessions:
            rows = []
            for treatment in session.treatments:
                rec = recs.get((treatment.tool, treatment.area))
                if rec is not None:
                    rows.append((rec, (rec.tool, rec.area) not in seen))
                    seen.add((rec.tool, rec.area))
            words = ui().parts
            kind = (words.fill("visit", n=session.index) if session.kind is SessionKind.TREATMENT
                    else self.kb.text().session_kinds[session.kind])
            heading = words.fill("heading", kind=kind, date=day(self.kb, session.date), day=session.day)
            why = dated(self.kb, session.why) if session.why else ""
            fill = partial(_set_session, name=words.fill("session", n=session.index), heading=heading, why=why,
                           note=session.note or "", rows=rows)
            shape = (session.kind, *((t.tool, t.area) for t in session.treatments))
            shapes[shape] += 1
            slot = ("session", shapes[shape], *shape)
            out.append(Part(RIGHT, slot, self._rec_card, fill, (session, rows), keep=True))
        return out

    def recs(self, slot: str, recs: list[Recommendation]) -> Part[RecCard]:
        return Part(RIGHT, slot, self._rec_card, partial(RecCard.set_rows, rows=[(r, True) for r in recs]),
                    recs, keep=True)

    def _rec_card(self, parent: QWidget) -> RecCard:
        return RecCard(self.kb, self.decline, self.restore, parent)


def _set_session(box: RecCard, name: str, heading: str, why: str, note: str,
                 rows: list[tuple[Recommendation, bool]]) -> None:
    box.set_session(name, heading, why, note)
    box.set_rows(rows)

