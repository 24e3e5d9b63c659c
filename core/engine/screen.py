"""Apply the safety screen to the candidate recommendations.

Permanent contraindications remove (and offer the next suitable tool where there is one); temporary
ones defer, keeping the recommendation with when it can be reconsidered; a missing answer holds the
tools that depend on it; precautions keep and say what to do; wait and talk-first pause the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from core.consultation import Consultation
from core.engine.flags import make_flag
from core.engine.safety import Finding, read_all
from core.engine.text import area_names, fill, join_names
from core.knowledge.models import (
    AnswerRead,
    Defer,
    Effect,
    EventRead,
    KnowledgeBase,
    Precaution,
    Remove,
    TalkFirst,
    Wait,
)
from core.plan import Flag, MissingAnswer, Recommendation, Removal, ScreeningResult
from core.vocabulary import Area, FlagCode, RecommendationStatus, ScreeningId, ScreeningStatus, Tool

ACTIVE = (RecommendationStatus.PLANNED, RecommendationStatus.HELD)


@dataclass
class Screened:
    recommendations: list[Recommendation]
    results: list[ScreeningResult] = field(default_factory=list)
    missing: list[MissingAnswer] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    pause: bool = False
    findings: dict[ScreeningId, Finding] = field(default_factory=dict)


def effect_tools(kb: KnowledgeBase, effect: Effect) -> list[Tool]:
    """The tools an item acts on; a wait, a talk-first or a precaution for any tool: every injectable."""
    if isinstance(effect, Remove | Defer | Precaution) and effect.tools:
        return list(effect.tools)
    return kb.injectables()


def _reaches(kb: KnowledgeBase, effect: Effect, finding: Finding, tool: Tool, area: Area | None) -> bool:
    if tool not in effect_tools(kb, effect):
        return False
    if isinstance(effect, Precaution) and effect.areas:
        return area in effect.areas
    if isinstance(effect, Remove | Defer) and effect.at_sites:
        # A whole-face treatment (a skin-quality series) reaches every site, the affected ones too.
        return area is None or finding.sites is None or area in finding.sites
    return True


def _names(kb: KnowledgeBase, recs: list[Recommendation], patient: bool = False) -> str:
    text = kb.text()
    whole = text.takeaway["whole_face"]
    if patient:
        parts = [f"{text.takeaway[f'tool_{r.tool.value}']} ({text.areas[r.area].patient if r.area else whole})"
                 for r in recs]
    else:
        parts = [f"{text.tools[r.tool].name} ({text.areas[r.area].name if r.area else whole})" for r in recs]
    return join_names(kb, list(dict.fromkeys(parts)))


def _item_text(kb: KnowledgeBase, item: ScreeningId, finding: Finding, sites: list[Area]) -> tuple[str, str]:
    text = kb.text().screening[item]
    values = {**finding.values, "areas": area_names(kb, sites)}
    patient = {**finding.values, "areas": area_names(kb, sites, patient=True)}
    return fill(text.practitioner, **values), fill(text.patient, **patient)


# --- remove, and offer the next suitable tool -----------------------------------------------------


def _alternative(
    kb: KnowledgeBase, rec: Recommendation, removers: dict[ScreeningId, Finding], recs: list[Recommendation]
) -> tuple[Recommendation | None, str]:
    """The next suitable tool for this area, or None with the reason in the practitioner's words."""
    words = kb.text().takeaway
    options = kb.tools[rec.tool].alternatives
    if not options:
        return None, fill(words["alt_none"], tool=kb.text().tools[rec.tool].name)
    suited = [t for t in options if kb.tools[t].suits_area(rec.area)]
    if not suited:
        names = join_names(kb, [kb.text().tools[t].name for t in options])
        return None, fill(words["alt_unsuitable"], tools=names)
    for tool in suited:
        if any(_reaches(kb, kb.screening[i].effect, f, tool, rec.area) for i, f in removers.items()):
            continue
        if any(r.tool is tool and r.area is rec.area for r in recs):
            return None, ""  # already in the plan: nothing to add
        info = kb.tools[tool]
        alternative = rec.model_copy(
            update={
                "tool": tool,
                "dimension": info.dimension,
                "alternative_to": rec.tool,
                "source": info.suits.source if info.suits else info.source,
                "because": [*rec.because, f"{rec.tool.value} contraindicated"],
            }
        )
        return alternative, ""
    names = join_names(kb, [kb.text().tools[t].name for t in suited])
    return None, fill(words["alt_contraindicated"], tools=names)


def _remove(kb: KnowledgeBase, s: Screened, positive: dict[ScreeningId, Finding]) -> None:
    removers = {i: f for i, f in positive.items() if isinstance(kb.screening[i].effect, Remove)}
    kept: list[Recommendation] = []
    removed: dict[ScreeningId, list[Recommendation]] = {}
    offered: dict[tuple[ScreeningId, Tool, Tool | None, str], list[Recommendation]] = {}
    for rec in s.recommendations:
        item = next((i for i, f in removers.items() if _reaches(kb, kb.screening[i].effect, f, rec.tool, rec.area)),
                    None)
        if item is None:
            kept.append(rec)
            continue
        removed.setdefault(item, []).append(rec)
        alternative, reason = _alternative(kb, rec, removers, s.recommendations)
        if alternative is not None:
            kept.append(alternative)
        if alternative is not None or reason:
            key = (item, rec.tool, alternative.tool if alternative else None, reason)
            offered.setdefault(key, []).append(rec)
    s.recommendations = kept
    for item, recs in removed.items():
        finding = removers[item]
        sites = finding.sites or []
        practitioner, patient = _item_text(kb, item, finding, sites)
        source = kb.screening[item].source
        for rec in recs:
            s.removed.append(Removal(area=rec.area, tool=rec.tool, screening_item=item, message=practitioner,
                                     because=finding.because, source=source))
        s.flags.append(make_flag(kb, FlagCode.CONTRAINDICATION, finding.because, source, item=item,
                                 practitioner_what=practitioner, patient_what=patient, removes=_names(kb, recs)))
    _offer_flags(kb, s, removers, offered)


def _offer_flags(
    kb: KnowledgeBase,
    s: Screened,
    removers: dict[ScreeningId, Finding],
    offered: dict[tuple[ScreeningId, Tool, Tool | None, str], list[Recommendation]],
) -> None:
    text = kb.text()
    for (item, tool, alternative, reason), recs in offered.items():
        areas = [r.area for r in recs if r.area is not None]
        why = _item_text(kb, item, removers[item], removers[item].sites or [])[0].rstrip(".")
        common = {"tool": text.tools[tool].name, "areas": area_names(kb, areas), "why": why}
        source = kb.screening[item].source
        if alternative is None:
            patient_areas = area_names(kb, areas, patient=True) or text.takeaway["whole_face"]
            s.flags.append(make_flag(kb, FlagCode.ALTERNATIVE, removers[item].because, source, key="no_alternative",
                                     item=item, values={**common, "reason": reason, "patient_areas": patient_areas}))
            continue
        info = kb.tools[alternative]
        s.flags.append(
            make_flag(
                kb, FlagCode.ALTERNATIVE, removers[item].because, info.suits.source if info.suits else info.source,
                item=item, values={
                    **common,
                    "alternative": text.tools[alternative].name,
                    "patient_tool": text.takeaway[f"tool_{tool.value}"],
                    "patient_alternative": text.takeaway[f"tool_{alternative.value}"],
                    "patient_areas": area_names(kb, areas, patient=True),
                },
            )
        )


# --- defer (not now), hold (answer missing) -------------------------------------------------------


def _mark(
    s: Screened, match: Callable[[Recommendation], bool], update: Callable[[Recommendation], dict[str, object]]
) -> list[Recommendation]:
    changed: list[Recommendation] = []
    out: list[Recommendation] = []
    for rec in s.recommendations:
        if match(rec):
            rec = rec.model_copy(update=update(rec))
            changed.append(rec)
        out.append(rec)
    s.recommendations = out
    return changed


def _defer(kb: KnowledgeBase, s: Screened, positive: dict[ScreeningId, Finding]) -> None:
    for item, finding in positive.items():
        effect = kb.screening[item].effect
        if not isinstance(effect, Defer):
            continue
        text = kb.text().screening[item]
        sites = finding.sites if effect.at_sites and finding.sites is not None else []
        values = {**finding.values, "areas": area_names(kb, sites)}
        reconsider = fill(text.reconsider, **values)
        reconsider_patient = fill(text.reconsider_patient, **{**finding.values,
                                                              "areas": area_names(kb, sites, patient=True)})
        deferred = _mark(
            s,
            lambda r, e=effect, f=finding: r.status in ACTIVE and _reaches(kb, e, f, r.tool, r.area),  # type: ignore[misc]
            lambda r, u={"status": RecommendationStatus.DEFERRED, "deferred_by": item,  # type: ignore[misc]
                         "reconsider": reconsider, "reconsider_patient": reconsider_patient}: u,
        )
        if not deferred:
            continue
        practitioner, patient = _item_text(kb, item, finding, sites)
        s.flags.append(make_flag(kb, FlagCode.DEFERRED, finding.because, kb.screening[item].source, item=item,
                                 what=practitioner, patient_what=patient, held=_names(kb, deferred),
                                 reconsider=reconsider, patient_reconsider=reconsider_patient))


def _missing_key(kb: KnowledgeBase, item: ScreeningId) -> str:
    read = kb.screening[item].reads
    return read.answer if isinstance(read, AnswerRead) else item.value


def _hold(kb: KnowledgeBase, s: Screened) -> None:
    groups: dict[str, list[ScreeningId]] = {}
    for item, finding in s.findings.items():
        if finding.status is ScreeningStatus.MISSING:
            groups.setdefault(_missing_key(kb, item), []).append(item)
    all_held: list[Recommendation] = []
    for items in groups.values():
        tools: list[Tool] = []
        areas: list[Area] = []
        for item in items:
            info = kb.screening[item]
            if info.when_missing != "hold":
                continue
            effect = info.effect
            held = _mark(
                s,
                lambda r, e=effect, f=s.findings[item]: (  # type: ignore[misc]
                    r.status in ACTIVE and _reaches(kb, e, f, r.tool, r.area)
                ),
                lambda r, i=item: {"status": RecommendationStatus.HELD,  # type: ignore[misc, arg-type]
                                   "held_by": [*r.held_by, i]},
            )
            # A deferred treatment waits for the answer too: when its own reason passes, this one is
            # still open. It stays deferred and is listed as waiting for the answer as well.
            waiting = _mark(
                s,
                lambda r, e=effect, f=s.findings[item]: (  # type: ignore[misc]
                    r.status is RecommendationStatus.DEFERRED and _reaches(kb, e, f, r.tool, r.area)
                ),
                lambda r, i=item: {"held_by": [*r.held_by, i]},  # type: ignore[misc, arg-type]
            )
            tools += [r.tool for r in held + waiting]
            if isinstance(effect, Precaution):
                areas += effect.areas
            all_held += held
        s.missing.append(MissingAnswer(items=items, question=kb.text().screening[items[0]].missing,
                                       holds=list(dict.fromkeys(tools)), areas=list(dict.fromkeys(areas))))
    holding = [m for m in s.missing if m.holds]
    if holding:
        latest = {(r.tool, r.area): r for r in s.recommendations if r.held_by}
        because = [b for item in (i for m in holding for i in m.items) for b in s.findings[item].because]
        s.flags.append(make_flag(kb, FlagCode.MISSING_ANSWERS, because, kb.screening[holding[0].items[0]].source,
                                 question="; ".join(m.question for m in holding),
                                 held=_names(kb, list(latest.values()))))


# --- precautions and pauses -------------------------------------------------------------------


def _precautions(kb: KnowledgeBase, s: Screened, positive: dict[ScreeningId, Finding]) -> None:
    for item, finding in positive.items():
        info = kb.screening[item]
        effect = info.effect
        if not isinstance(effect, Precaution) or isinstance(info.reads, EventRead):
            continue  # the event is kept clear of by the schedule, which says what it moved
        relevant = [
            r for r in s.recommendations
            if r.status is not RecommendationStatus.DECLINED and kb.tools[r.tool].injectable
            and _reaches(kb, effect, finding, r.tool, r.area)
        ]
        if not relevant:
            continue
        if item is ScreeningId.TOXIN_RETREATMENT:
            s.flags.append(make_flag(kb, FlagCode.RETREATMENT_INTERVAL, finding.because, info.source, item=item,
                                     values=finding.values))
            continue
        areas = [a for a in dict.fromkeys(r.area for r in relevant) if a is not None]
        values = {**finding.values, "days": str(kb.settings.schedule.antiviral_lead_days.value),
                  "patient_areas": area_names(kb, areas, patient=True)}
        text = kb.text().screening[item]
        s.flags.append(make_flag(kb, FlagCode.PRECAUTION, finding.because, info.source, item=item,
                                 practitioner_what=fill(text.practitioner, **{**values, "areas": area_names(kb, areas)}),
                                 patient_what=fill(text.patient, **values)))


def _pause(kb: KnowledgeBase, s: Screened, positive: dict[ScreeningId, Finding]) -> None:
    for item, finding in positive.items():
        effect = kb.screening[item].effect
        if not isinstance(effect, Wait | TalkFirst):
            continue
        code = FlagCode.WAIT if isinstance(effect, Wait) else FlagCode.TALK_FIRST
        text = kb.text().screening[item]
        detail = finding.values.get("detail") or text.practitioner
        s.flags.append(make_flag(kb, code, finding.because, kb.screening[item].source, item=item, detail=detail))
        s.pause = True
        _mark(
            s,
            lambda r: r.status in ACTIVE,
            lambda r, i=item, t=text: {"status": RecommendationStatus.DEFERRED,  # type: ignore[misc]
                                       "deferred_by": i, "reconsider": t.reconsider,
                                       "reconsider_patient": t.reconsider_patient},
        )


def screen(consultation: Consultation, kb: KnowledgeBase, recs: list[Recommendation]) -> Screened:
    findings = read_all(consultation, kb)
    s = Screened(list(recs), findings=findings)
    s.results = [
        ScreeningResult(item=item, status=f.status, because=f.because, source=kb.screening[item].source)
        for item, f in findings.items()
    ]
    positive = {item: f for item, f in findings.items() if f.status is ScreeningStatus.POSITIVE}
    _remove(kb, s, positive)
    _defer(kb, s, positive)
    _precautions(kb, s, positive)
    _hold(kb, s)
    _pause(kb, s, positive)
    return s
