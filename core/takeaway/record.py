"""The practitioner's record: every answer, the screening, every flag with its source and reasons."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from core.reasons import phrases, source_detail
from core.takeaway.about import header_section, signature_section
from core.takeaway.answers import answers_section, missing_section, patient_edits_section, screening_section
from core.takeaway.clinical import consent_section, given_section, photos_section
from core.takeaway.context import Context
from core.takeaway.paragraph import Paragraph
from core.takeaway.words import kb_text, user
from core.vocabulary import DIMENSION_ORDER, RecommendationStatus, Tool


def record_header_section(ctx: Context) -> list[Flowable]:
    c = ctx.consultation
    rows = [
        [
            ctx.markup("record_date_of_birth"),
            ctx.words.date(c.patient.date_of_birth) if c.patient.date_of_birth else "—",
        ],
        [ctx.markup("record_patient_id"), user(c.patient.patient_id) or "—"],
        [ctx.markup("record_kb_version"), kb_text(ctx.plan.kb_version)],
        [ctx.markup("record_status"), ctx.markup("record_paused" if ctx.plan.paused else "record_active")],
    ]
    return header_section(ctx, "record_title") + [ctx.table(rows, (0.3, 0.7), header=False)]


def picture_section(ctx: Context) -> list[Flowable]:
    scores = ctx.plan.scores
    names = ctx.texts.dimensions
    rows = [[ctx.markup("record_dimension"), ctx.markup("record_score"), ctx.markup("record_role")]]
    for dimension in DIMENSION_ORDER:
        role = (
            "record_dominant"
            if dimension is scores.dominant
            else "record_secondary"
            if dimension in scores.secondary
            else ""
        )
        rows.append([kb_text(names[dimension].name), str(scores.of(dimension)), ctx.markup(role) if role else ""])
    return [ctx.heading("record_picture_heading"), ctx.table(rows, (0.4, 0.2, 0.4))]


def flags_section(ctx: Context) -> list[Flowable]:
    flow: list[Flowable] = [ctx.heading("record_flags_heading")]
    if not ctx.plan.flags:
        return flow + [ctx.sentence("record_none")]
    for flag in ctx.plan.flags:
        title = f"<b>{kb_text(ctx.texts.severities[flag.severity])} · {kb_text(ctx.texts.flag_names[flag.code])}</b>"
        if flag.area:
            title += kb_text(f" ({ctx.texts.areas[flag.area].name})")
        rows = [
            [ctx.markup("record_message"), kb_text(flag.message)],
            [ctx.markup("record_action"), kb_text(flag.action)],
            [ctx.markup("record_because"), "<br/>".join(kb_text(b) for b in phrases(flag.because, ctx.kb)) or "—"],
            [ctx.markup("record_source"), kb_text(source_detail(flag.source, ctx.kb))],
            [ctx.markup("record_patient_told"), kb_text(flag.patient_message)],
        ]
        flow.append(KeepTogether([Paragraph(title, ctx.styles.h2), ctx.table(rows, (0.22, 0.78), header=False)]))
    return flow


def recommendations_section(ctx: Context) -> list[Flowable]:
    """Every recommendation with its status; deferred and declined ones with the reason."""
    plan = ctx.plan
    rows = [
        [ctx.markup(k) for k in ("record_status_col", "record_area", "record_tool", "record_because", "record_source")]
    ]
    for rec in plan.recommendations:
        status = kb_text(ctx.texts.statuses[rec.status])
        if rec.reconsider:
            status += "<br/>" + ctx.markup("record_reconsider") + " " + kb_text(rec.reconsider)
        if rec.status is RecommendationStatus.HELD:
            questions = [m.question for m in plan.missing if set(m.items) & set(rec.held_by)]
            status += "<br/>" + ctx.markup("record_held_for") + " " + kb_text("; ".join(questions))
        if rec.alternative_to is not None:
            status += "<br/>" + ctx.markup("record_instead_of", tool=kb_text(ctx.texts.tools[rec.alternative_to].name))
        if rec.tool is Tool.NEUROMODULATOR and rec.area is not None and ctx.kb.areas[rec.area].toxin_off_label:
            status += "<br/>" + ctx.markup("record_off_label")
        if rec.status is RecommendationStatus.DECLINED:
            status += "<br/>" + ctx.markup("record_reason") + " " + user(rec.declined_reason)
        area = kb_text(ctx.texts.areas[rec.area].name if rec.area else ctx.words["whole_face"])
        concern = ctx.texts.concerns[rec.area][rec.concern].name if rec.area else ctx.markup("record_skin_quality")
        what = kb_text(ctx.markup("record_what", tool=ctx.texts.tools[rec.tool].name,
                                  dimension=ctx.texts.dimensions[rec.dimension].name, concern=concern,
                                  grade=str(rec.severity)))
        because = "<br/>".join(kb_text(b) for b in phrases(rec.because, ctx.kb))
        rows.append([status, area, what, because, kb_text(source_detail(rec.source, ctx.kb))])
    flow: list[Flowable] = [ctx.heading("record_recommendations_heading")]
    flow.append(
        ctx.table(rows, (0.15, 0.14, 0.25, 0.24, 0.22)) if plan.recommendations else ctx.sentence("record_none")
    )
    flow.append(ctx.subheading("record_removed_heading"))
    if not plan.removed:
        return flow + [ctx.sentence("record_none")]
    rows = [[ctx.markup(k) for k in ("record_tool", "record_area", "record_why", "record_source")]]
    for removal in plan.removed:
        area = kb_text(ctx.texts.areas[removal.area].name if removal.area else ctx.words["whole_face"])
        why = kb_text(removal.message) + "<br/>" + "<br/>".join(kb_text(b) for b in phrases(removal.because, ctx.kb))
        rows.append(
            [
                kb_text(ctx.texts.tools[removal.tool].name),
                area,
                why,
                kb_text(f"{ctx.texts.screening[removal.screening_item].question} {source_detail(removal.source, ctx.kb)}"),
            ]
        )
    return flow + [ctx.table(rows, (0.22, 0.16, 0.34, 0.28))]


def sessions_section(ctx: Context) -> list[Flowable]:
    plan = ctx.plan
    flow: list[Flowable] = [ctx.heading("record_sessions_heading")]
    if plan.sessions:
        rows = [[ctx.markup(k) for k in ("record_index", "col_date", "record_kind", "col_what", "col_why")]]
        for s in plan.sessions:
            what = "; ".join(
                f"{ctx.texts.tools[t.tool].name} ({ctx.texts.areas[t.area].name if t.area else ctx.words['whole_face']})"
                for t in s.treatments
            )
            why = kb_text(s.why) + (("<br/>" + kb_text(s.note)) if s.note else "")
            rows.append(
                [
                    str(s.index),
                    f"{ctx.words.date(s.date)}<br/>" + ctx.markup("record_day", day=str(s.day)),
                    kb_text(ctx.texts.session_kinds[s.kind]),
                    kb_text(what) or "—",
                    why,
                ]
            )
        flow.append(ctx.table(rows, (0.06, 0.16, 0.17, 0.29, 0.32)))
    else:
        flow.append(ctx.sentence("record_none"))
    if plan.synergies:
        flow.append(ctx.subheading("record_synergies_heading"))
        rows = [[kb_text(s.name), kb_text(s.message), kb_text(source_detail(s.source, ctx.kb))]
                for s in plan.synergies]
        flow.append(ctx.table(rows, (0.25, 0.45, 0.3), header=False))
    flow.append(ctx.subheading("record_maintenance_heading"))
    if plan.maintenance:
        rows = [[ctx.markup(k) for k in ("record_tool", "record_area", "record_interval", "col_next", "record_source")]]
        for m in plan.maintenance:
            area = ctx.texts.areas[m.area].name if m.area else ctx.words["whole_face"]
            rows.append(
                [
                    kb_text(ctx.texts.tools[m.tool].name),
                    kb_text(area),
                    str(m.interval_days),
                    ctx.words.date(m.next_due),
                    kb_text(source_detail(m.source, ctx.kb)),
                ]
            )
        flow.append(ctx.table(rows, (0.22, 0.16, 0.12, 0.18, 0.32)))
    else:
        flow.append(ctx.sentence("record_none"))
    if plan.annual_assessment:
        flow.append(ctx.sentence("record_annual", date=ctx.words.date(plan.annual_assessment)))
    return flow


def doses_section(ctx: Context) -> list[Flowable]:
    flow: list[Flowable] = [ctx.heading("record_doses_heading")]
    if not ctx.plan.dose_checks:
        return flow + [ctx.sentence("record_none")]
    rows = [[ctx.markup(k) for k in ("record_area", "record_units", "record_label", "record_within", "record_source")]]
    for d in ctx.plan.dose_checks:
        label = "—" if d.label_units is None else f"{d.label_units:g}"
        rows.append(
            [
                kb_text(ctx.texts.areas[d.area].name),
                f"{d.units:g}",
                label,
                ctx.words.yes_no(d.within_label),
                kb_text(d.source),
            ]
        )
    return flow + [ctx.table(rows, (0.2, 0.12, 0.12, 0.14, 0.42))]


def volumes_section(ctx: Context) -> list[Flowable]:
    """The filler volumes as entered, each saying whether filler is planned there (the engine's flag)."""
    flow: list[Flowable] = [ctx.heading("record_volumes_heading")]
    volumes = ctx.consultation.choices.filler_volumes
    if not volumes:
        return flow + [ctx.sentence("record_none")]
    unused = {f.area for f in ctx.plan.flags if f.key == "volume_unused"}
    rows = [[ctx.markup(k) for k in ("record_area", "record_ml", "record_volume_planned")]]
    for v in volumes:
        rows.append([kb_text(ctx.texts.areas[v.area].name), f"{v.ml:g}", ctx.words.yes_no(v.area not in unused)])
    return flow + [ctx.table(rows, (0.4, 0.2, 0.4))]


def cost_section(ctx: Context) -> list[Flowable]:
    cost = ctx.plan.cost
    money = ctx.words.money
    flow: list[Flowable] = [ctx.heading("record_cost_heading")]
    for key, lines, total in (
        ("record_cost_plan", cost.lines, cost.total),
        ("record_cost_year", cost.twelve_month_lines, cost.twelve_month_estimate),
    ):
        flow.append(ctx.subheading(key))
        rows = [[ctx.markup(k) for k in ("record_tool", "record_area", "col_times", "col_price", "col_amount")]]
        for line in lines:
            area = ctx.texts.areas[line.area].name if line.area else ctx.words["whole_face"]
            rows.append(
                [
                    kb_text(ctx.texts.tools[line.tool].name),
                    kb_text(area),
                    str(line.quantity),
                    money(line.unit_price, cost.currency),
                    money(line.amount, cost.currency),
                ]
            )
        rows.append([ctx.markup("total"), "", "", "", money(total, cost.currency)])
        flow.append(ctx.table(rows, (0.3, 0.2, 0.1, 0.2, 0.2), total=True))
    budget = "—" if cost.budget is None else money(cost.budget, cost.currency)
    flow.append(ctx.sentence("record_budget", budget=budget, within=ctx.words.yes_no(cost.within_budget)))
    return flow


def record_story(ctx: Context) -> list[Flowable]:
    story = record_header_section(ctx)
    for section in (
        missing_section,
        patient_edits_section,
        picture_section,
        flags_section,
        recommendations_section,
        sessions_section,
        doses_section,
        volumes_section,
        consent_section,
        given_section,
        photos_section,
        cost_section,
        screening_section,
        answers_section,
    ):
        story += section(ctx)
    story += signature_section(ctx)
    return story
