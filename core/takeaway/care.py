"""The patient's plan sections: visits, flags, what to expect, top-ups, cost; or, when paused, the talk."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from core.plan import Flag, Recommendation
from core.takeaway.context import Context
from core.takeaway.paragraph import Paragraph
from core.takeaway.visits import visits
from core.takeaway.words import kb_text, user
from core.vocabulary import Area, FlagCode, RecommendationStatus, SessionKind, Tool

PAUSE_CODES = (FlagCode.WAIT, FlagCode.TALK_FIRST)


def keep_together(flow: list[Flowable]) -> KeepTogether:
    """One block; a nested KeepTogether forces a page break in ReportLab, so nested ones are opened."""
    flat: list[Flowable] = []
    for item in flow:
        flat += item._content if isinstance(item, KeepTogether) else [item]
    return KeepTogether(flat)


def _keep_start(flow: list[Flowable], count: int) -> list[Flowable]:
    """A section's heading stays with its first lines: no heading alone at the foot of a page."""
    return [keep_together(flow[:count]), *flow[count:]]


def _tools_talked_about(ctx: Context) -> list[Tool]:
    tools = [t.tool for s in ctx.plan.sessions for t in s.treatments]
    tools += [r.tool for r in ctx.plan.recommendations] + [r.tool for r in ctx.plan.removed]
    return list(dict.fromkeys(tools))


def _by_status(ctx: Context, status: RecommendationStatus) -> list[Recommendation]:
    return [r for r in ctx.plan.recommendations if r.status is status]


def _explained(ctx: Context, tool: Tool) -> str:
    """The tool's plain explanation; its short name in bold where the sentence already says it."""
    name = ctx.words[f"tool_{tool.value}"]
    text = ctx.texts.tools[tool].patient
    at = text.lower().find(name.lower())
    if at < 0:
        return f"<b>{kb_text(name)}</b>: {kb_text(text)}"
    end = at + len(name)
    return f"{kb_text(text[:at])}<b>{kb_text(text[at:end])}</b>{kb_text(text[end:])}"


def plan_section(ctx: Context) -> list[Flowable]:
    """'Your plan': each treatment explained at first use, the visits with dates and why, what waits."""
    plan = ctx.plan
    explained = ctx.bullets(_explained(ctx, tool) for tool in _tools_talked_about(ctx))
    opening = [ctx.heading("plan_heading"), ctx.sentence("plan_intro"), ctx.subheading("tools_heading")]
    flow: list[Flowable] = [KeepTogether(opening + explained[:1]), *explained[1:]]
    flow.append(ctx.subheading("visits_heading"))
    if plan.sessions:
        rows = [[ctx.markup(k) for k in ("col_visit", "col_date", "col_what", "col_why")]]
        for visit in visits(plan):
            what = "<br/>".join(
                ctx.markup("reassessment") if s.kind is SessionKind.REASSESSMENT
                else ctx.markup("review_visit") if s.kind is SessionKind.REVIEW
                else ctx.treatments(s.treatments)
                for s in visit.sessions
            )
            why = " ".join(kb_text(ctx.words.dates_in(s.why)) for s in visit.sessions if s.why)
            rows.append([str(visit.number), ctx.words.date(visit.date), what, why])
        flow.append(ctx.table(rows, (0.09, 0.21, 0.33, 0.37)))
    else:
        flow.append(ctx.sentence("no_visits"))
    home = [r for r in plan.planned if not ctx.kb.tools[r.tool].injectable]
    if home:
        flow.append(ctx.sentence("at_home", tools=", ".join(dict.fromkeys(ctx.tool(r.tool) for r in home))))
    if plan.synergies:
        flow.append(ctx.subheading("together_heading"))
        flow += ctx.bullets(kb_text(s.patient_message) for s in plan.synergies)
    later = _by_status(ctx, RecommendationStatus.DEFERRED)
    if later:
        checkup = any(s.kind is SessionKind.REASSESSMENT for s in plan.sessions)
        flow += [ctx.subheading("later_heading"), ctx.sentence("later_intro_checkup" if checkup else "later_intro")]
        flow += ctx.bullets(dict.fromkeys(_waiting(ctx, r) for r in later))
    held = _by_status(ctx, RecommendationStatus.HELD)
    if held:
        flow += [ctx.subheading("held_heading"), ctx.sentence("held_intro")]
        flow += ctx.bullets(dict.fromkeys(f"{ctx.tool(r.tool)}: {ctx.area(r.area)}" for r in held))
    declined = _by_status(ctx, RecommendationStatus.DECLINED)
    if declined:
        flow += [ctx.subheading("declined_heading"), ctx.sentence("declined_intro")]
        flow += ctx.bullets(dict.fromkeys(f"{ctx.tool(r.tool)}: {ctx.area(r.area)}" for r in declined))
    return flow


def _waiting(ctx: Context, rec: Recommendation) -> str:
    """A deferred treatment, and (for a temporary contraindication) why and when we look again."""
    line = f"{ctx.tool(rec.tool)}: {ctx.area(rec.area)}"
    reason = ctx.words.dates_in(rec.reconsider_patient)
    return f"{line}. {kb_text(reason)}" if reason else line


def _anything_held_back(ctx: Context) -> bool:
    plan = ctx.plan
    return bool(plan.removed or plan.deferred or plan.held)


def _patient_flags(flags: list[Flag]) -> list[Flag]:
    seen: dict[str, Flag] = {}
    for flag in flags:
        seen.setdefault(flag.patient_message, flag)
    return list(seen.values())


COMBINING = (FlagCode.FOCUSED_PROBLEM, FlagCode.FIRST_TREATMENT, FlagCode.UNCALIBRATED_EXPECTATIONS,
             FlagCode.SKIN_QUALITY_FIRST, FlagCode.BUDGET)


def flags_section(ctx: Context) -> list[Flowable]:
    """Every flag in the plan's plain words, most important first: seed 002's when-not-to-combine
    under that heading, safety and timing ('good to know') under their own."""
    flags = _patient_flags([f for f in ctx.plan.flags if f.code not in PAUSE_CODES and f.patient_message])
    combining = [f for f in flags if f.code in COMBINING]
    care = [f for f in flags if f.code not in COMBINING]
    flow: list[Flowable] = [ctx.heading("flags_heading")]
    if not combining and not _anything_held_back(ctx):
        flow.append(ctx.sentence("flags_none"))
    elif not combining:
        flow.append(ctx.sentence("flags_safety_only"))  # held back for safety, not for combining
    else:
        flow.append(ctx.sentence("flags_intro"))
        flow = _keep_start(flow + ctx.bullets(kb_text(ctx.words.dates_in(f.patient_message)) for f in combining), 3)
    if care:
        start = [ctx.subheading("care_heading"), ctx.sentence("care_intro")]
        flow += _keep_start(start + ctx.bullets(kb_text(ctx.words.dates_in(f.patient_message)) for f in care), 3)
    return flow


def expect_section(ctx: Context) -> list[Flowable]:
    """'What to expect': onset, how long it lasts, swelling and aftercare, per planned treatment."""
    flow: list[Flowable] = [ctx.heading("expect_heading")]
    in_sessions = [t.tool for s in ctx.plan.sessions for t in s.treatments]
    for tool in dict.fromkeys(in_sessions + [r.tool for r in ctx.plan.planned]):
        text = ctx.texts.tools[tool]
        flow.append(
            KeepTogether(
                [
                    Paragraph(ctx.tool(tool), ctx.styles.h2),
                    ctx.para(f"<b>{ctx.markup('expect_label')}</b> {kb_text(text.expect)}"),
                    ctx.para(f"<b>{ctx.markup('aftercare_label')}</b> {kb_text(text.aftercare)}"),
                ]
            )
        )
    last = flow.pop()  # 'If something worries you, call us' stays with the treatment above it
    flow.append(keep_together([last, _call_us(ctx, "call_us")]))
    return _keep_start(flow, 2)


def _call_us(ctx: Context, key: str) -> Paragraph:
    phone = ctx.kb.settings.clinic.phone
    return ctx.sentence(f"{key}_phone", phone=user(phone)) if phone else ctx.sentence(key)


def _every(ctx: Context, days: int) -> str:
    if days >= 56:
        return ctx.markup("every_months", n=str(round(days / 30.44)))
    if days >= 14:
        return ctx.markup("every_weeks", n=str(round(days / 7)))
    return ctx.markup("every_days", n=str(days))


def maintenance_section(ctx: Context) -> list[Flowable]:
    """Each treatment on its own clock, the next top-up dates, and the yearly check-up."""
    plan = ctx.plan
    flow: list[Flowable] = [ctx.heading("maintenance_heading")]
    if not plan.maintenance:
        return flow + [ctx.sentence("maintenance_none")]
    flow.append(ctx.sentence("maintenance_intro"))
    rows = [[ctx.markup(k) for k in ("col_treatment", "col_where", "col_every", "col_next")]]
    grouped: dict[tuple[Tool, int, date], list[Area | None]] = {}
    for item in plan.maintenance:
        grouped.setdefault((item.tool, item.interval_days, item.next_due), []).append(item.area)
    for (tool, days, due), areas in grouped.items():
        rows.append([ctx.tool(tool), ", ".join(ctx.area(a) for a in areas), _every(ctx, days), ctx.words.date(due)])
    flow.append(ctx.table(rows, (0.3, 0.32, 0.17, 0.21)))
    if plan.annual_assessment is not None:
        flow += [Spacer(1, 2 * mm), ctx.sentence("annual", date=f"<b>{ctx.words.date(plan.annual_assessment)}</b>")]
    return _keep_start(flow, 3)


def cost_section(ctx: Context) -> list[Flowable]:
    """Each line and the plain-sum total, the budget, and the 12-month estimate with top-ups."""
    cost = ctx.plan.cost
    money = ctx.words.money
    flow: list[Flowable] = [ctx.heading("cost_heading")]
    if not cost.lines:
        return flow + [ctx.sentence("cost_none")]
    head = [ctx.markup(k) for k in ("col_treatment", "col_where", "col_times", "col_price", "col_amount")]
    fractions = (0.3, 0.28, 0.1, 0.15, 0.17)
    rows = [head] + [
        [
            ctx.tool(line.tool),
            ctx.area(line.area),
            str(line.quantity),
            money(line.unit_price, cost.currency),
            money(line.amount, cost.currency),
        ]
        for line in cost.lines
    ]
    rows.append([ctx.markup("total"), "", "", "", money(cost.total, cost.currency)])
    flow += [ctx.table(rows, fractions, total=True), Spacer(1, 2 * mm), ctx.sentence("cost_sum")]
    if cost.budget is not None:
        key = "budget_within" if cost.within_budget else "budget_over"
        flow.append(ctx.sentence(key, budget=money(cost.budget, cost.currency)))
    if cost.twelve_month_lines:
        year = len(flow)
        flow += [ctx.subheading("twelve_heading"), ctx.sentence("twelve_intro")]
        rows = [head] + [
            [
                ctx.tool(line.tool),
                ctx.area(line.area),
                str(line.quantity),
                money(line.unit_price, cost.currency),
                money(line.amount, cost.currency),
            ]
            for line in cost.twelve_month_lines
        ]
        rows.append([ctx.markup("twelve_total"), "", "", "", money(cost.twelve_month_estimate, cost.currency)])
        flow.append(ctx.table(rows, fractions, total=True))
        flow = [*flow[:year], KeepTogether(flow[year:])]
    return _keep_start(flow, 2)


def talk_first_section(ctx: Context) -> list[Flowable]:
    """A paused plan: no treatment, said kindly; never a diagnosis, only the pause flags' own words."""
    talk = ctx.plan.has_flag(FlagCode.TALK_FIRST)
    flow: list[Flowable] = [ctx.heading("talk_heading" if talk else "wait_heading")]
    pauses = _patient_flags([f for f in ctx.plan.flags if f.code in PAUSE_CODES])
    flow += [ctx.para(kb_text(ctx.words.dates_in(f.patient_message))) for f in pauses]
    # Why: each contraindication in the patient's words (never only "not right for you").
    reasons = _patient_flags([f for f in ctx.plan.flags if f.code is FlagCode.CONTRAINDICATION and f.patient_message])
    flow += ctx.bullets(kb_text(f.patient_message) for f in reasons)
    # What waits, and when we look again: a deferral for the patient's safety is said, not hidden.
    waiting = [r for r in ctx.plan.deferred if r.reconsider_patient]
    if waiting:
        flow += [ctx.subheading("later_heading"), *ctx.bullets(dict.fromkeys(_waiting(ctx, r) for r in waiting))]
    # "Not a no forever" is for a pause that passes; an allergy or a removed treatment is not that.
    keys = {f.key for f in ctx.plan.flags if f.code in PAUSE_CODES}
    body = "removed_body" if "wait_all_removed" in keys else "missing_body" if "wait_answers_missing" in keys \
        else "talk_body"
    flow += [ctx.sentence(body), _call_us(ctx, "talk_next")]
    return flow
