"""The plan as plain text for the terminal: what the practitioner reads after `thirds plan`."""

from __future__ import annotations

from core.consultation import Consultation
from core.knowledge.models import KnowledgeBase
from core.plan import Plan
from core.vocabulary import DIMENSION_ORDER, Area, RecommendationStatus, Tool


def _where(kb: KnowledgeBase, area: Area | None) -> str:
    return kb.text().areas[area].name if area is not None else "Whole face"


def _tool(kb: KnowledgeBase, tool: Tool) -> str:
    return kb.text().tools[tool].name


def _bar(score: int, top: int, width: int = 20) -> str:
    filled = round(width * score / top) if top else 0
    return "#" * filled + "." * (width - filled)


def render_plan(consultation: Consultation, plan: Plan, kb: KnowledgeBase) -> str:
    t = kb.text()
    name = consultation.patient.name or "(no name)"
    lines = [f"Plan for {name}, consult {plan.consult_date.isoformat()} (knowledge base {plan.kb_version})", ""]
    top = max(plan.scores.of(d) for d in DIMENSION_ORDER)
    lines.append("Movement / Quality / Structure")
    for dimension in DIMENSION_ORDER:
        marker = ""
        if dimension is plan.scores.dominant:
            marker = "  dominant"
        elif dimension in plan.scores.secondary:
            marker = "  secondary"
        score = plan.scores.of(dimension)
        lines.append(f"  {t.dimensions[dimension].name:<10} {_bar(score, top)} {score:>3}{marker}")
    lines.append("")
    if plan.paused:
        lines.append("PLAN PAUSED: nothing is scheduled now.")
        lines.append("")
    lines.append("Recommendations")
    for rec in plan.recommendations:
        status = rec.status.value
        if rec.status is RecommendationStatus.DEFERRED and rec.deferred_by:
            status += f" ({rec.deferred_by.value})"
        if rec.status is RecommendationStatus.DECLINED:
            status += f" ({rec.declined_reason})"
        lines.append(f"  - {_where(kb, rec.area)}: {_tool(kb, rec.tool)} [{rec.dimension.value}] {status}")
        lines.append(f"      because {'; '.join(rec.because)}")
        lines.append(f"      source: {rec.source}")
    if not plan.recommendations:
        lines.append("  (none)")
    for removal in plan.removed:
        lines.append(f"  x {_where(kb, removal.area)}: {_tool(kb, removal.tool)} removed: {removal.message}")
    lines.append("")
    lines.append("Flags")
    for flag in plan.flags:
        lines.append(f"  [{flag.severity.value}] {flag.code.value}: {flag.message}")
        if flag.action:
            lines.append(f"      what the plan does: {flag.action}")
        lines.append(f"      because {'; '.join(flag.because)}")
        lines.append(f"      source: {flag.source}")
    if not plan.flags:
        lines.append("  (none)")
    if plan.synergies:
        lines.append("")
        lines.append("Combinations that work")
        for synergy in plan.synergies:
            lines.append(f"  - {synergy.name} (source: {synergy.source})")
    lines.append("")
    lines.append("Sessions")
    for session in plan.sessions:
        what = ", ".join(f"{_tool(kb, tr.tool)} ({_where(kb, tr.area)})" for tr in session.treatments)
        lines.append(f"  {session.index}. {session.date.isoformat()} (day {session.day}) {session.kind.value}: {what}")
        if session.why:
            lines.append(f"      {session.why}")
    if not plan.sessions:
        lines.append("  (none)")
    lines.append("")
    lines.append("Maintenance")
    for item in plan.maintenance:
        lines.append(
            f"  - {_tool(kb, item.tool)} ({_where(kb, item.area)}): every {item.interval_days} days, "
            f"next due {item.next_due.isoformat()}"
        )
    if plan.annual_assessment:
        lines.append(f"  - Annual assessment: {plan.annual_assessment.isoformat()}")
    if not plan.maintenance:
        lines.append("  (none)")
    for check in plan.dose_checks:
        label = f"label {check.label_units:g} U" if check.label_units is not None else "no label dose"
        lines.append(f"  dose {_where(kb, check.area)}: {check.units:g} U ({label})")
    cost = plan.cost
    lines.append("")
    lines.append(f"Cost ({cost.currency}, the plain sum of each treatment, no package discount)")
    for line in cost.lines:
        lines.append(
            f"  - {_tool(kb, line.tool)} ({_where(kb, line.area)}): {line.quantity} x {line.unit_price:.2f} = {line.amount:.2f}"
        )
    lines.append(f"  Total: {cost.total:.2f}")
    if cost.budget is not None:
        verdict = "within budget" if cost.within_budget else "over budget"
        lines.append(f"  Budget: {cost.budget:.2f} ({verdict})")
    lines.append(f"  12-month estimate with maintenance: {cost.twelve_month_estimate:.2f}")
    return "\n".join(lines)
