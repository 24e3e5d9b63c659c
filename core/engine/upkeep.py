"""Maintenance on each tool's own clock, the plain-sum cost, label-dose sanity checks, unused volumes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from core.consultation import Consultation
from core.engine.flags import make_flag
from core.engine.text import area_names
from core.knowledge.models import KnowledgeBase
from core.plan import Cost, CostLine, DoseCheck, Flag, MaintenanceItem, Recommendation, Session
from core.vocabulary import Area, Dimension, FlagCode, RecommendationStatus, Tool

COST_SOURCE = "seed 002: the cost is the sum of each treatment's cost, no package discount"


def interval(kb: KnowledgeBase, tool: Tool, area: Area | None) -> tuple[int, str] | None:
    """The tool's own maintenance clock (knowledge.toml says which; the clinic settings say how long)."""
    m = kb.settings.maintenance
    which = kb.tools[tool].maintenance
    if which is None:
        return None
    if which == "filler_by_area":
        dynamic = area is not None and kb.areas[area].filler_class == "dynamic"
        setting = m.filler_dynamic if dynamic else m.filler_static
    else:
        setting = getattr(m, which)
    return setting.value, setting.source


def quantity(kb: KnowledgeBase, rec: Recommendation) -> int:
    if rec.dimension is Dimension.QUALITY and kb.tools[rec.tool].injectable:
        return kb.settings.schedule.quality_series_sessions.value
    return 1


def unit_price(kb: KnowledgeBase, tool: Tool, area: Area | None) -> Decimal:
    by_area = kb.settings.area_prices.get(tool, {})
    if area is not None and area in by_area:
        return by_area[area].value
    return kb.settings.prices[tool].value


def line_price(kb: KnowledgeBase, rec: Recommendation) -> Decimal:
    return unit_price(kb, rec.tool, rec.area) * quantity(kb, rec)


def _planned(recs: list[Recommendation]) -> list[Recommendation]:
    return [r for r in recs if r.status is RecommendationStatus.PLANNED]


def part_of_series(rec: Recommendation, recs: list[Recommendation]) -> bool:
    """An area's treatment with a tool also planned for the whole face is part of that series
    (one PN series, not two): not priced or refreshed on its own."""
    return rec.area is not None and any(
        o.area is None and o.tool is rec.tool and o.status is RecommendationStatus.PLANNED for o in recs
    )


def _billed(recs: list[Recommendation]) -> list[Recommendation]:
    return [r for r in _planned(recs) if not part_of_series(r, recs)]


def maintenance(kb: KnowledgeBase, recs: list[Recommendation], sessions: list[Session]) -> list[MaintenanceItem]:
    items = []
    for rec in _billed(recs):
        every = interval(kb, rec.tool, rec.area)
        dates = [s.date for s in sessions for t in s.treatments if t.tool is rec.tool and t.area is rec.area]
        if every is None or not dates:
            continue
        days, source = every
        items.append(
            MaintenanceItem(
                tool=rec.tool,
                area=rec.area,
                interval_days=days,
                next_due=max(dates) + timedelta(days=days),
                source=source,
            )
        )
    return sorted(items, key=lambda item: item.next_due)


def cost(c: Consultation, kb: KnowledgeBase, recs: list[Recommendation], upkeep: list[MaintenanceItem]) -> Cost:
    lines = []
    year_lines = []
    year_end = c.consult_date + timedelta(days=365)
    for rec in _billed(recs):
        unit = unit_price(kb, rec.tool, rec.area)
        count = quantity(kb, rec)
        lines.append(CostLine(tool=rec.tool, area=rec.area, quantity=count, unit_price=unit, amount=unit * count))
        refreshes = 0
        for item in upkeep:
            if item.tool is rec.tool and item.area is rec.area:
                due = item.next_due
                while due < year_end:
                    refreshes += 1
                    due += timedelta(days=item.interval_days)
        total_count = count + refreshes
        year_lines.append(
            CostLine(tool=rec.tool, area=rec.area, quantity=total_count, unit_price=unit, amount=unit * total_count)
        )
    total = sum((line.amount for line in lines), Decimal(0))
    budget = c.goals.budget
    return Cost(
        currency=kb.settings.clinic.currency,
        lines=lines,
        total=total,
        budget=budget,
        within_budget=budget is None or total <= budget,
        twelve_month_estimate=sum((line.amount for line in year_lines), Decimal(0)),
        twelve_month_lines=year_lines,
    )


def dose_checks(
    c: Consultation, kb: KnowledgeBase, recs: list[Recommendation]
) -> tuple[list[DoseCheck], list[Flag]]:
    """Label-dose sanity for the doses of planned neuromodulator areas; a dose left for an area with
    no neuromodulator planned (cleared, declined, removed) is said to be unused, not checked."""
    checks: list[DoseCheck] = []
    flags: list[Flag] = []
    ratio = kb.settings.thresholds.dose_warning_ratio.value
    names = kb.text().areas
    planned = {r.area for r in recs if r.tool is Tool.NEUROMODULATOR and r.status is RecommendationStatus.PLANNED}
    doses = [d for d in c.choices.doses if d.area in planned]
    for dose in c.choices.doses:
        if dose.area not in planned:
            because = [f"choices.doses[{dose.area.value}] = {dose.units:g} U", "no neuromodulator planned there"]
            flags.append(make_flag(kb, FlagCode.DOSE_CHECK, because, "clinic practice: a dose belongs to a planned "
                                   "treatment", key="dose_unused", area=dose.area, units=f"{dose.units:g}",
                                   area_name=names[dose.area].name))
    for dose in doses:
        label = kb.facts.label_doses.get(dose.area)
        because = [f"choices.doses[{dose.area.value}] = {dose.units:g} U"]
        if label is None:
            source = "no label dose for this area (off-label)"
            checks.append(
                DoseCheck(area=dose.area, units=dose.units, label_units=None, within_label=False, source=source)
            )
            flags.append(
                make_flag(
                    kb,
                    FlagCode.DOSE_CHECK,
                    because,
                    source,
                    key="dose_unlabelled",
                    area=dose.area,
                    units=f"{dose.units:g}",
                    area_name=names[dose.area].name,
                    patient_area=names[dose.area].patient,
                )
            )
            continue
        within = dose.units <= label.units  # what the check reports: above the label is above it
        checks.append(
            DoseCheck(
                area=dose.area, units=dose.units, label_units=label.units, within_label=within, source=label.source
            )
        )
        if dose.units > label.units * ratio:  # the warning: "far beyond" (clinic setting)
            flags.append(
                make_flag(
                    kb,
                    FlagCode.DOSE_CHECK,
                    because,
                    label.source,
                    area=dose.area,
                    units=f"{dose.units:g}",
                    label=f"{label.units:g}",
                    area_name=names[dose.area].name,
                    patient_area=names[dose.area].patient,
                )
            )
    together = kb.facts.label_dose_all_upper
    upper = {d.area: d.units for d in doses if d.area in together.areas}
    if len(upper) == len(together.areas) and sum(upper.values()) > together.units * ratio:
        total = sum(upper.values())
        flags.append(
            make_flag(
                kb,
                FlagCode.DOSE_CHECK,
                [f"choices.doses upper third total = {total:g} U"],
                together.source,
                units=f"{total:g}",
                label=f"{together.units:g}",
                area_name=area_names(kb, list(upper)),
                patient_area=area_names(kb, list(upper), patient=True),
            )
        )
    return checks, flags


def unused_volumes(c: Consultation, kb: KnowledgeBase, recs: list[Recommendation]) -> list[Flag]:
    """A filler volume left for an area with no filler planned (cleared, declined, removed) is said to
    be unused. No volume is checked against a limit: there is no label volume to check it against."""
    names = kb.text().areas
    planned = {r.area for r in recs if kb.tools[r.tool].filler and r.status is RecommendationStatus.PLANNED}
    return [
        make_flag(kb, FlagCode.DOSE_CHECK, [f"choices.filler_volumes[{v.area.value}] = {v.ml:g} mL",
                                            "no filler planned there"],
                  "clinic practice: a volume belongs to a planned treatment", key="volume_unused", area=v.area,
                  ml=f"{v.ml:g}", area_name=names[v.area].name)
        for v in c.choices.filler_volumes
        if v.area not in planned
    ]
