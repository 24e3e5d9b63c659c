"""What was given, checked before it is recorded: the clinic's product, an unexpired lot, the label dose.

A refusal is one sentence and nothing is recorded; warnings are said and the entry is recorded.
(DOMAIN.md "The clinical record": an expired lot is refused; issue 12: one expiring within the clinic's
warning days is warned; the label-dose checks of the plan apply to the amounts given.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.consultation import Consultation, GivenTreatment
from core.dates import show_date
from core.knowledge.models import KnowledgeBase
from core.plan import Plan
from core.vocabulary import Area, Tool


@dataclass(frozen=True)
class GivenCheck:
    refused: str = ""  # why it cannot be recorded, or ""
    warnings: list[str] = field(default_factory=list)


def _day(kb: KnowledgeBase, day: dt.date) -> str:
    return show_date(day, kb.settings.clinic.locale)


def check_given(entry: GivenTreatment, c: Consultation, kb: KnowledgeBase) -> GivenCheck:
    """Whether `entry` may be added to `c`'s treatments given, and what to warn about."""
    words = kb.text().clinical_record
    tool_name = kb.text().tools[entry.tool].name
    if entry.tool not in c.consented_tools():
        return GivenCheck(words.given_no_consent.format(tool=tool_name))
    form_id = kb.consent_form(entry.tool)
    off_label = (entry.tool is Tool.NEUROMODULATOR and entry.area is not None and kb.areas[entry.area].toxin_off_label
                 and form_id is not None and bool(kb.text().consent_forms[form_id].off_label))
    if off_label and entry.tool not in c.consented_tools(off_label=True):  # signed before it was planned there
        return GivenCheck(words.given_no_consent.format(tool=tool_name))
    product = next((p for p in kb.products_for(entry.tool) if p.name == entry.product), None)
    if product is None:
        return GivenCheck(words.given_no_products.format(tool=tool_name) if not kb.products_for(entry.tool)
                          else words.product_needed)
    if entry.expiry < c.consult_date:
        return GivenCheck(words.lot_expired.format(lot=entry.lot, expiry=_day(kb, entry.expiry)))
    warnings = []
    days = kb.settings.thresholds.lot_expiry_warning_days.value
    if entry.expiry <= c.consult_date + dt.timedelta(days=days):
        warnings.append(words.lot_expires_soon.format(lot=entry.lot, expiry=_day(kb, entry.expiry), days=days))
    if entry.tool is Tool.NEUROMODULATOR and entry.area is not None:
        warnings += dose_warnings(entry.area, [*c.treatments_given, entry], kb)
    return GivenCheck("", warnings)


def dose_warnings(area: Area, given: list[GivenTreatment], kb: KnowledgeBase) -> list[str]:
    """The plan's label-dose check on the units given in one area (all of today's entries there). The
    label doses are onabotulinumtoxinA units: only products the clinic marks `label_doses` are summed
    and checked; another product's units are said to be not checked, never compared as if the same."""
    words = kb.text().clinical_record
    name = kb.text().areas[area].name
    labelled = {p.name for p in kb.products_for(Tool.NEUROMODULATOR) if p.label_doses}
    here = [g for g in given if g.tool is Tool.NEUROMODULATOR and g.area is area]
    warnings = [words.dose_not_checked.format(units=f"{g.amount:g}", product=g.product, area=name)
                for g in here if g.product not in labelled]
    checked = [g for g in here if g.product in labelled]
    if not checked:
        return warnings
    units = sum(g.amount for g in checked)
    label = kb.facts.label_doses.get(area)
    if label is None:
        return [words.dose_no_label.format(units=f"{units:g}", area=name), *warnings]
    if units > label.units * kb.settings.thresholds.dose_warning_ratio.value:
        return [words.dose_over_label.format(units=f"{units:g}", area=name, label=f"{label.units:g}",
                                             source=label.source), *warnings]
    return warnings


def tools_today(plan: Plan, kb: KnowledgeBase) -> list[Tool]:
    """The injectables of the plan's session on the consult day, in plan order: what consent is for today."""
    return list(dict.fromkeys(
        t.tool for session in plan.sessions if session.date == plan.consult_date
        for t in session.treatments if kb.tools[t.tool].injectable
    ))


def planned_today(plan: Plan, kb: KnowledgeBase) -> list[tuple[Tool, Area | None]]:
    """(tool, area) of the injectables planned for the consult day: the rows of the Given step."""
    return list(dict.fromkeys(
        (t.tool, t.area) for session in plan.sessions if session.date == plan.consult_date
        for t in session.treatments if kb.tools[t.tool].injectable
    ))
