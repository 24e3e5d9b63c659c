"""The sections of the Plan page, one small builder each (the takeaway PDF has the same shape).

`parts(plan)` lists every section as (column, key, build). The key is the section's content, so
the page rebuilds only the sections whose content changed: a decline redraws two cards, not forty.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.consultation import MAX_ML, MAX_UNITS
from core.reasons import phrases, source_detail, source_title
from core.vocabulary import Area, RecommendationStatus, Reply, ScreeningId, SessionKind, Tool
from gui.labels import area_name, dated, day, money, tool_name
from gui.pages.base import card, label, restyle
from gui.widgets.bars import DimensionBars
from gui.widgets.keypad import KeypadField

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import Flag, MissingAnswer, Plan, Recommendation, Removal, Session

REASONS = ("Patient's choice", "Cost", "Not now", "Practitioner's judgement")
Decline = Callable[[Tool, Area | None, str], None]
Restore = Callable[[Tool, Area | None], None]
SetAmount = Callable[[Area, float | None], None]  # a dose in units, a filler volume in mL; None clears it
Ask = Callable[["MissingAnswer"], None]
Build = Callable[[QWidget], QWidget]
TOP, LEFT, RIGHT = "top", "left", "right"
SESSION_KINDS = {SessionKind.REASSESSMENT: "Reassessment", SessionKind.REVIEW: "Review"}


def rec_name(kb: KnowledgeBase, tool: Tool, area: Area | None) -> str:
    return f"{tool_name(kb, tool)} — {area_name(kb, area)}"


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

    def parts(self, plan: Plan, doses: dict[Area, float], volumes: dict[Area, float]) -> list[tuple[str, Hashable, Build]]:
        out: list[tuple[str, Hashable, Build]] = []
        if plan.missing:  # first: nothing they hold can be scheduled until they are asked
            out.append((TOP, _key("missing", plan.missing), partial(self.missing, plan.missing)))
        out += [
            (TOP, "top", partial(self.top, plan)),
            (LEFT, _key("scores", plan.scores), partial(self.scores, plan)),
        ]
        if plan.flags:
            out.append((LEFT, "title:flags", partial(self.title, "Flags")))
        out += [(LEFT, _key("flag", f), partial(self.flag, f)) for f in plan.flags]
        if plan.removed:
            out.append((LEFT, "title:removed", partial(self.title, "Removed by the safety screening")))
        out += [(LEFT, _key("removed", r), partial(self.removed, r)) for r in plan.removed]
        if plan.synergies:
            out.append((LEFT, _key("synergies", plan.synergies), partial(self.synergies, plan)))
        areas = [r.area for r in plan.recommendations if r.tool is Tool.NEUROMODULATOR and r.area is not None]
        areas += [a for a in doses if a not in areas]
        if areas:
            out.append((LEFT, _key("doses", areas, doses, plan.dose_checks), partial(self.doses, plan, areas, doses)))
        filled = list(dict.fromkeys(r.area for r in plan.recommendations if self.kb.tools[r.tool].filler and r.area))
        filled += [a for a in volumes if a not in filled]
        if filled:
            out.append((LEFT, _key("volumes", filled, volumes), partial(self.volumes, filled, volumes)))
        out.append((RIGHT, "title:sessions", partial(self.title, "Sessions")))
        if not plan.sessions:
            out.append((RIGHT, "none", partial(self.hint, "No session planned now.")))
        recs = {(r.tool, r.area): r for r in plan.recommendations}
        seen: set[tuple[Tool, Area | None]] = set()
        for session in plan.sessions:
            rows = []
            for treatment in session.treatments:
                rec = recs.get((treatment.tool, treatment.area))
                if rec is not None:
                    rows.append((rec, (rec.tool, rec.area) not in seen))
                    seen.add((rec.tool, rec.area))
            out.append((RIGHT, _key("session", session, rows), partial(self.session, session, rows)))
        held = plan.held
        if held:
            out.append((RIGHT, "title:held", partial(self.title, "Held — waiting for an answer")))
            out.append((RIGHT, _key("held", held), partial(self.later, held)))
        later = [r for r in plan.recommendations if r.status in (RecommendationStatus.DEFERRED,
                                                                 RecommendationStatus.DECLINED)]
        if later:
            out.append((RIGHT, "title:later", partial(self.title, "Not in this plan now")))
            out.append((RIGHT, _key("later", later), partial(self.later, later)))
        if plan.maintenance or plan.annual_assessment is not None:
            out.append((RIGHT, _key("upkeep", plan.maintenance, plan.annual_assessment), partial(self.upkeep, plan)))
        out.append((RIGHT, _key("cost", plan.cost), partial(self.cost, plan)))
        return out

    # --- small pieces ---------------------------------------------------------------------------
    def title(self, text: str, parent: QWidget) -> QWidget:
        return label(text, parent, "section")

    def hint(self, text: str, parent: QWidget) -> QWidget:
        return label(text, parent, "hint")

    def top(self, plan: Plan, parent: QWidget) -> QWidget:
        box, inner = card(parent, "info")
        row = QHBoxLayout()
        box.summary = label("", box, "strong")  # type: ignore[attr-defined]
        box.summary.setAccessibleName("Plan summary")  # type: ignore[attr-defined]
        row.addWidget(box.summary, 1)  # type: ignore[attr-defined]
        box.total = label("", box, wrap=False)  # type: ignore[attr-defined]
        row.addWidget(box.total)  # type: ignore[attr-defined]
        inner.addLayout(row)
        return box

    def update_top(self, box: QWidget, plan: Plan) -> None:
        cost = plan.cost
        if plan.paused and plan.missing and any(f.key == "wait_answers_missing" for f in plan.flags):
            role, head = "stop", "Nothing is scheduled until the missing answers are given."
        elif plan.paused:
            role, head = "stop", "Nothing is done now."
        else:
            visits = [s for s in plan.sessions if s.treatments]
            head = f"{len(plan.planned)} treatments in {len(visits)} visits"
            if visits:
                head += f", starting {day(self.kb, visits[0].date)}"
            role = "caution" if plan.held else "info"
        for count, what in ((len(plan.held), "held for missing answers"), (len(plan.deferred), "deferred"),
                            (len(plan.removed), "removed by the safety screening")):
            if count:
                head += f" · {count} {what}"
        total = f"Total {money(self.kb, cost.total)}"
        if cost.budget is not None:
            total += f" · budget {money(self.kb, cost.budget)}"
            total += " (within)" if cost.within_budget else " (over)"
        if box.property("role") != role:
            restyle(box, role)
        box.summary.setText(head)  # type: ignore[attr-defined]
        box.total.setText(total)  # type: ignore[attr-defined]

    def missing(self, missing: list[MissingAnswer], parent: QWidget) -> QWidget:
        """The answers still to ask, each with what it holds and a tap that goes to the question."""
        box, inner = card(parent, "stop")
        box.setAccessibleName("Answers still missing")
        inner.addWidget(label("Answers still missing — ask these first", box, "section"))
        inner.addWidget(label("Until each is answered, the treatments it concerns are held: not scheduled, "
                              "and not in the visits below.", box, "hint"))
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
            button = QPushButton("Ask now", row)
            button.setAccessibleName(f"Ask: {answer.question}")
            button.clicked.connect(lambda _=False, a=answer: self.ask(a))
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            inner.addWidget(row)
        return box

    def _holds(self, answer: MissingAnswer) -> str:
        if not answer.holds:
            return "Holds nothing in this plan; asked for the record."
        tools = ", ".join(tool_name(self.kb, tool) for tool in answer.holds)
        where = f" in {', '.join(area_name(self.kb, a) for a in answer.areas)}" if answer.areas else ""
        return f"Holds: {tools}{where}"

    # --- left: the picture, the flags, what was removed, doses ----------------------------------
    def scores(self, plan: Plan, parent: QWidget) -> QWidget:
        box, inner = card(parent)
        inner.addWidget(label("Movement · Quality · Structure", box, "section"))
        bars = DimensionBars(self.kb, box)
        bars.set_scores(plan.scores)
        inner.addWidget(bars)
        names = self.kb.text().dimensions
        if plan.scores.dominant is None:
            summary = "No dimension needs treatment."
        else:
            summary = f"Dominant: {names[plan.scores.dominant].name}"
            if plan.scores.secondary:
                summary += " · secondary: " + ", ".join(names[d].name for d in plan.scores.secondary)
        dominant = label(summary, box)
        dominant.setAccessibleName("Dominant dimension")
        inner.addWidget(dominant)
        return box

    def flag(self, flag: Flag, parent: QWidget) -> QWidget:
        role = {"stop": "stop", "caution": "caution"}.get(flag.severity.value, "info")
        box, inner = card(parent, role)
        box.setAccessibleName(f"Flag: {flag.code.value}")
        box.setProperty("flag", flag.code.value)
        inner.addWidget(label(dated(self.kb, flag.message), box, "strong"))
        if flag.action:
            inner.addWidget(label(dated(self.kb, flag.action), box))
        inner.addWidget(label("Because: " + self._because(flag.because), box, "hint"))
        inner.addWidget(self.source(flag.source, box))
        return box

    def source(self, source: str, parent: QWidget) -> QWidget:
        """The source by its short title; one tap shows the detail (and hides it again)."""
        holder = QWidget(parent)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        title = source_title(source, self.kb)
        button = QPushButton(f"Source: {title}  ›", holder)
        button.setProperty("role", "quiet")
        button.setAccessibleName(f"Source: {title}")
        button.setMinimumHeight(48)
        button.setStyleSheet("text-align: left;")
        detail = label(source_detail(source, self.kb), holder, "hint")
        detail.setVisible(False)
        button.clicked.connect(lambda: detail.setVisible(not detail.isVisible()))
        layout.addWidget(button)
        layout.addWidget(detail)
        return holder

    def removed(self, removal: Removal, parent: QWidget) -> QWidget:
        box, inner = card(parent, "stop")
        box.setAccessibleName(f"Removed: {removal.tool.value} {removal.area or 'whole face'}")
        box.setProperty("removed", f"{removal.tool.value}/{removal.area.value if removal.area else ''}")
        inner.addWidget(label(rec_name(self.kb, removal.tool, removal.area), box, "strong"))
        inner.addWidget(label(dated(self.kb, removal.message), box))
        inner.addWidget(self.source(removal.source, box))
        return box

    def synergies(self, plan: Plan, parent: QWidget) -> QWidget:
        box, inner = card(parent)
        inner.addWidget(label("Combinations that work together", box, "section"))
        inner.addWidget(label("\n".join(f"• {s.name}" for s in plan.synergies), box))
        return box

    def doses(self, plan: Plan, areas: list[Area], doses: dict[Area, float], parent: QWidget) -> QWidget:
        box, inner = card(parent)
        inner.addWidget(label("Planned neuromodulator doses (onabotulinumtoxinA units)", box, "section"))
        checks = {c.area: c for c in plan.dose_checks}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for index, area in enumerate(areas):
            name = area_name(self.kb, area)
            grid.addWidget(label(name, box, wrap=False), index, 0)
            check = checks.get(area)
            note = ""
            if check is not None and check.label_units is not None:
                note = f"label {check.label_units:g} U" + ("" if check.within_label else " — above label")
                grid.addWidget(label(note, box, "hint", wrap=False), index, 3)
            label_dose = self.kb.facts.label_doses.get(area)
            if label_dose is not None:
                # One tap for the label dose (most upper-face doses are it); any other dose on the keypad.
                units = f"{label_dose.units:g}"
                quick = QPushButton(f"Label dose {units} U", box)
                quick.setAccessibleName(f"Dose: {name}: label dose {units} U")
                quick.setFixedHeight(52)
                quick.clicked.connect(lambda _=False, a=area, u=label_dose.units: self.set_dose(a, u))
                grid.addWidget(quick, index, 2)
            field = KeypadField(f"Dose: {name}", box, unit="U", high=MAX_UNITS, beside=box,
                                title=" · ".join(filter(None, (f"{name}: units", note))))
            field.set_value(doses.get(area))
            field.value_changed.connect(lambda v, a=area: self.set_dose(a, v))
            grid.addWidget(field, index, 1)
        grid.setColumnStretch(4, 1)
        inner.addLayout(grid)
        return box

    def volumes(self, areas: list[Area], volumes: dict[Area, float], parent: QWidget) -> QWidget:
        box, inner = card(parent)
        inner.addWidget(label("Planned filler volumes (mL)", box, "section"))
        inner.addWidget(label("For the record: there is no label volume to check them against.", box, "hint"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for index, area in enumerate(areas):
            name = area_name(self.kb, area)
            grid.addWidget(label(name, box, wrap=False), index, 0)
            field = KeypadField(f"Volume: {name}", box, unit="mL", high=MAX_ML, decimals=2, beside=box,
                                title=f"{name}: mL")
            field.set_value(volumes.get(area))
            field.value_changed.connect(lambda v, a=area: self.set_volume(a, v))
            grid.addWidget(field, index, 1)
        grid.setColumnStretch(2, 1)
        inner.addLayout(grid)
        return box

    # --- right: the sessions, what is not done now, upkeep and cost -----------------------------
    def session(self, session: Session, rows: list[tuple[Recommendation, bool]], parent: QWidget) -> QWidget:
        box, inner = card(parent)
        box.setAccessibleName(f"Session {session.index}")
        kind = SESSION_KINDS.get(session.kind, f"Visit {session.index}")
        inner.addWidget(label(f"{kind} · {day(self.kb, session.date)}  (day {session.day})", box, "strong"))
        if session.why:
            inner.addWidget(label(dated(self.kb, session.why), box, "hint"))
        for rec, first in rows:
            inner.addWidget(self._rec_row(box, rec, first))
        if session.note:
            inner.addWidget(label(session.note, box, "hint"))
        return box

    def later(self, recs: list[Recommendation], parent: QWidget) -> QWidget:
        box, inner = card(parent)
        for rec in recs:
            inner.addWidget(self._rec_row(box, rec, first=True))
        return box

    def _rec_row(self, parent: QWidget, rec: Recommendation, first: bool) -> QWidget:
        row = QWidget(parent)
        name = rec_name(self.kb, rec.tool, rec.area)
        row.setAccessibleName(f"Recommendation: {name}")
        key = f"{rec.tool.value}/{rec.area.value if rec.area else ''}/{rec.status.value}"
        row.setProperty("rec" if first else "repeat", key)
        outer = QVBoxLayout(row)
        outer.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        outer.addLayout(top)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(label(name, row, "strong"))
        if rec.alternative_to is not None:
            text.addWidget(label(f"Instead of {tool_name(self.kb, rec.alternative_to)} (contraindicated)", row))
        if rec.status is RecommendationStatus.HELD:
            asks = "; ".join(self.kb.text().screening[item].missing for item in rec.held_by)
            text.addWidget(label(f"Held — waiting for an answer: {asks}", row))
        elif rec.status is RecommendationStatus.DEFERRED:
            text.addWidget(label(self._deferred(rec), row))
        elif rec.status is RecommendationStatus.DECLINED:
            text.addWidget(label(f"Declined: {rec.declined_reason}", row))
        elif first:
            text.addWidget(label(self._because(rec.because), row))
        top.addLayout(text, 1)
        if rec.status is RecommendationStatus.DECLINED:
            button = QPushButton("Restore", row)
            button.setAccessibleName(f"Restore {name}")
            button.clicked.connect(lambda: self.restore(rec.tool, rec.area))
            top.addWidget(button)
        elif first:
            button = QPushButton("Decline…", row)
            button.setAccessibleName(f"Decline {name}")
            button.clicked.connect(lambda: self._toggle_reasons(row, outer, rec, name))
            top.addWidget(button)
        return row

    def _because(self, lines: list[str]) -> str:
        return "; ".join(phrases(lines, self.kb))

    def _deferred(self, rec: Recommendation) -> str:
        """Why it is not now, and when to look at it again, in the clinic's words."""
        text = self.kb.text()
        by = rec.deferred_by
        if isinstance(by, ScreeningId):
            why = f"Deferred: answered {text.replies[Reply.YES]} to “{text.screening[by].question}”"
        elif by is not None and by.value in text.flags:
            why = f"Deferred: {text.flags[by.value].action}"
        else:
            why = "Deferred: not now."
        return f"{why}\nLook at it again {dated(self.kb, rec.reconsider)}." if rec.reconsider else why

    def _toggle_reasons(self, row: QWidget, outer: QVBoxLayout, rec: Recommendation, name: str) -> None:
        """The reasons panel is built on the first tap: most rows are never declined."""
        panel = row.findChild(QWidget, "reasons")
        if panel is None:
            panel = self._reasons(row, rec, name)
            outer.addWidget(panel)
            panel.show()
        else:
            panel.setVisible(not panel.isVisible())

    def _reasons(self, parent: QWidget, rec: Recommendation, name: str) -> QWidget:
        panel = QWidget(parent)
        panel.setObjectName("reasons")
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(label("Why is it declined?", panel, "hint"), 0, 0, 1, 2)
        for index, reason in enumerate(REASONS):  # two a row: the labels fit a 1280-wide column
            button = QPushButton(reason, panel)
            button.setAccessibleName(f"Decline {name}: {reason}")
            button.clicked.connect(lambda _=False, r=reason: self.decline(rec.tool, rec.area, r))
            grid.addWidget(button, 1 + index // 2, index % 2)
        other = QLineEdit(panel)
        other.setAccessibleName(f"Decline {name}: other reason")
        other.setPlaceholderText("Other reason")
        other.setMaxLength(2000)
        grid.addWidget(other, 3, 0)
        confirm = QPushButton("Decline", panel)
        confirm.setAccessibleName(f"Decline {name}: confirm")
        grid.addWidget(confirm, 3, 1)
        missing = label("Type the reason first, or tap one above.", panel, "reason")
        missing.setAccessibleName(f"Decline {name}: reason missing")
        missing.hide()
        grid.addWidget(missing, 4, 0, 1, 2)

        def confirm_other() -> None:
            reason = other.text().strip()
            missing.setVisible(not reason)
            if reason:
                self.decline(rec.tool, rec.area, reason)

        confirm.clicked.connect(confirm_other)
        return panel

    def upkeep(self, plan: Plan, parent: QWidget) -> QWidget:
        box, inner = card(parent)
        inner.addWidget(label("Maintenance", box, "section"))
        for item in plan.maintenance:
            inner.addWidget(label(rec_name(self.kb, item.tool, item.area), box))
            due = f"next due {day(self.kb, item.next_due)} · every {item.interval_days} days"
            inner.addWidget(label(due, box, "hint"))
        if plan.annual_assessment is not None:
            inner.addWidget(label(f"Annual assessment: {day(self.kb, plan.annual_assessment)}", box, "strong"))
        return box

    def cost(self, plan: Plan, parent: QWidget) -> QWidget:
        """Plain labels in a grid: a rich-text table costs a text document layout on every change."""
        cost = plan.cost
        box, inner = card(parent)
        inner.addWidget(label("Cost", box, "section"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        for row, line in enumerate(cost.lines):
            grid.addWidget(label(rec_name(self.kb, line.tool, line.area), box), row, 0)
            each = f"{line.quantity} × {money(self.kb, line.unit_price)}"
            grid.addWidget(label(each, box, wrap=False), row, 1, right)
            grid.addWidget(label(money(self.kb, line.amount), box, wrap=False), row, 2, right)
        grid.setColumnStretch(0, 1)
        inner.addLayout(grid)
        total = label(f"Total: {money(self.kb, cost.total)}", box, "strong")
        total.setAccessibleName("Plan total")
        total.setProperty("amount", str(cost.total))
        inner.addWidget(total)
        if cost.budget is not None:
            verdict = "within the budget" if cost.within_budget else "over the budget"
            budget = label(f"Budget {money(self.kb, cost.budget)}: {verdict}", box)
            budget.setAccessibleName("Budget")
            inner.addWidget(budget)
        estimate = money(self.kb, cost.twelve_month_estimate)
        inner.addWidget(label(f"Estimate for the next 12 months with maintenance: {estimate}", box, "hint"))
        return box

    def update(self, key: Hashable, widget: QWidget, plan: Plan) -> None:
        """Sections with a fixed key are kept and refreshed in place (no new widgets)."""
        if key == "top":
            self.update_top(widget, plan)
