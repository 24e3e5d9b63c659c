"""The plan as plain text for the terminal: what the practitioner reads after `thirds plan`.

Its words are the language file's [report] table; the ids in brackets (status, severity, kind) are
the vocabulary's, as the JSON output has them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.consultation import Consultation
from core.dates import dates_in, show_date
from core.engine.text import fill
from core.knowledge.models import KnowledgeBase
from core.money import format_money
from core.plan import Plan
from core.reasons import phrases, source_detail
from core.vocabulary import DIMENSION_ORDER, Area, RecommendationStatus, Tool


def _where(kb: KnowledgeBase, area: Area | None) -> str:
    return kb.text().areas[area].name if area is not None else kb.text().report.whole_face


def _tool(kb: KnowledgeBase, tool: Tool) -> str:
    return kb.text().tools[tool].name


def _bar(score: int, top: int, width: int = 20) -> str:
    filled = round(width * score / top) if top else 0
    return "#" * filled + "." * (width - filled)


def render_plan(consultation: Consultation, plan: Plan, kb: KnowledgeBase) -> str:
    """Dates, amounts and the dates inside sentences in the clinic's locale (core/dates, core/money)."""
    t = kb.text()
    r = t.report
    locale = kb.settings.clinic.locale

    def day(value: dt.date) -> str:
        return show_date(value, locale)

    def dated(text: str) -> str:
        return dates_in(text, locale)

    def money(amount: Decimal) -> str:
        return format_money(amount, plan.cost.currency, locale)

    name = consultation.patient.name or r.no_name
    lines = [fill(r.title, name=name, date=day(plan.consult_date), version=plan.kb_version), ""]
    top = max(plan.scores.of(d) for d in DIMENSION_ORDER)
    lines.append(r.scores)
    for dimension in DIMENSION_ORDER:
        marker = ""
        if dimension is plan.scores.dominant:
            marker = f"  {r.dominant}"
        elif dimension in plan.scores.secondary:
            marker = f"  {r.secondary}"
        score = plan.scores.of(dimension)
        lines.append(f"  {t.dimensions[dimension].name:<10} {_bar(score, top)} {score:>3}{marker}")
    lines.append("")
    if plan.missing:  # first: what the practitioner must still ask
        lines.append(r.missing)
        for missing in plan.missing:
            held = ", ".join(_tool(kb, tool) for tool in missing.holds) or r.missing_nothing
            lines.append("  ? " + fill(r.missing_item, question=missing.question, held=held))
        lines.append("")
    if plan.paused:
        lines.append(r.paused)
        lines.append("")
    lines.append(r.recommendations)
    for rec in plan.recommendations:
        status = t.statuses[rec.status]
        if rec.status is RecommendationStatus.DECLINED:
            status += f" ({rec.declined_reason})"
        if rec.reconsider:
            status += " " + fill(r.reconsider, when=dated(rec.reconsider))
        if rec.alternative_to is not None:
            status += " " + fill(r.instead_of, tool=_tool(kb, rec.alternative_to))
        dimension_name = t.dimensions[rec.dimension].name
        lines.append(f"  - {_where(kb, rec.area)}: {_tool(kb, rec.tool)} [{dimension_name}] {status}")
        lines.append("      " + fill(r.because, reasons="; ".join(phrases(rec.because, kb))))
        lines.append("      " + fill(r.source, source=source_detail(rec.source, kb)))
    if not plan.recommendations:
        lines.append(f"  {r.none}")
    for removal in plan.removed:
        removed = fill(r.removed, message=dated(removal.message))
        lines.append(f"  x {_where(kb, removal.area)}: {_tool(kb, removal.tool)} {removed}")
    lines.append("")
    lines.append(r.flags)
    for flag in plan.flags:
        lines.append(f"  [{t.severities[flag.severity]}] {t.flag_names[flag.code]}: {dated(flag.message)}")
        if flag.action:
            lines.append("      " + fill(r.flag_action, action=dated(flag.action)))
        lines.append("      " + fill(r.because, reasons="; ".join(phrases(flag.because, kb))))
        lines.append("      " + fill(r.source, source=source_detail(flag.source, kb)))
    if not plan.flags:
        lines.append(f"  {r.none}")
    if plan.synergies:
        lines.append("")
        lines.append(r.synergies)
        for synergy in plan.synergies:
            lines.append("  - " + fill(r.synergy, name=synergy.name, source=source_detail(synergy.source, kb)))
    lines.append("")
    lines.append(r.sessions)
    for session in plan.sessions:
        what = ", ".join(f"{_tool(kb, tr.tool)} ({_where(kb, tr.area)})" for tr in session.treatments)
        values = {"index": str(session.index), "date": day(session.date), "day": str(session.day)}
        lines.append("  " + fill(r.session, **values, kind=t.session_kinds[session.kind], what=what))
        if session.why:
            lines.append(f"      {dated(session.why)}")
    if not plan.sessions:
        lines.append(f"  {r.none}")
    lines.append("")
    lines.append(r.maintenance)
    for item in plan.maintenance:
        lines.append("  - " + fill(r.maintenance_item, tool=_tool(kb, item.tool), where=_where(kb, item.area),
                                   days=str(item.interval_days), date=day(item.next_due)))
    if plan.annual_assessment:
        lines.append("  - " + fill(r.annual, date=day(plan.annual_assessment)))
    if not plan.maintenance:
        lines.append(f"  {r.none}")
    for check in plan.dose_checks:
        label = r.dose_no_label if check.label_units is None else fill(r.dose_label, units=f"{check.label_units:g}")
        lines.append("  " + fill(r.dose, where=_where(kb, check.area), units=f"{check.units:g}", label=label))
    cost = plan.cost
    lines.append("")
    lines.append(fill(r.cost, currency=cost.currency))
    for line in cost.lines:
        lines.append("  - " + fill(r.cost_line, tool=_tool(kb, line.tool), where=_where(kb, line.area),
                                   quantity=str(line.quantity), price=money(line.unit_price),
                                   amount=money(line.amount)))
    lines.append("  " + fill(r.total, total=money(cost.total)))
    if cost.budget is not None:
        verdict = r.within_budget if cost.within_budget else r.over_budget
        lines.append("  " + fill(r.budget, budget=money(cost.budget), verdict=verdict))
    lines.append("  " + fill(r.twelve_months, amount=money(cost.twelve_month_estimate)))
    return "\n".join(lines)
