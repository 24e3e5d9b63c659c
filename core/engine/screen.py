"""Apply the safety screen to the candidate recommendations: remove, keep with care, or pause."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from core.consultation import Consultation
from core.engine.safety import TRIGGERS, Triggered, bdd_screen
from core.engine.text import area_names, fill
from core.knowledge.models import KnowledgeBase, Precaution, RemoveAtSites, RemoveTools, Wait
from core.plan import Flag, Recommendation, Removal
from core.vocabulary import Area, FlagCode, RecommendationStatus, Tool

WHEN_NOT_TO_COMBINE = "seed 002: When not to combine"


@dataclass
class Screened:
    recommendations: list[Recommendation]
    removed: list[Removal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    pause: FlagCode | None = None


def make_flag(
    kb: KnowledgeBase,
    code: FlagCode,
    because: list[str],
    source: str,
    *,
    key: str | None = None,
    area: Area | None = None,
    item: str = "",
    values: Mapping[str, str] | None = None,
    **more: str,
) -> Flag:
    text = kb.text().flags[key or code.value]
    values = {**(values or {}), **more}
    return Flag(
        code=code,
        severity=text.severity,
        message=fill(text.practitioner, **values),
        patient_message=fill(text.patient, **values),
        action=fill(text.action, **values),
        because=because,
        source=source,
        area=area,
        item=item,
    )


def _remove(
    kb: KnowledgeBase,
    screened: Screened,
    item_id: str,
    tools: list[Tool],
    hit: Triggered,
    sites: list[Area] | None,
) -> None:
    text = kb.text().screening[item_id]
    source = kb.screening[item_id].source
    practitioner = fill(text.practitioner, areas=area_names(kb, sites or []))
    kept: list[Recommendation] = []
    removed: list[Removal] = []
    for rec in screened.recommendations:
        # A whole-face treatment (a skin-quality series) reaches every site, the affected ones too.
        at_site = rec.area is None or sites is None or rec.area in sites
        if rec.tool in tools and at_site:
            removed.append(
                Removal(
                    area=rec.area,
                    tool=rec.tool,
                    screening_item=item_id,
                    message=practitioner,
                    because=hit.because,
                    source=source,
                )
            )
        else:
            kept.append(rec)
    screened.recommendations = kept
    screened.removed.extend(removed)
    tool_names = kb.text().tools
    removes = (
        ", ".join(
            f"{tool_names[r.tool].name} ({kb.text().areas[r.area].name if r.area else 'whole face'})" for r in removed
        )
        or "nothing in this plan"
    )
    screened.flags.append(
        make_flag(
            kb,
            FlagCode.CONTRAINDICATION,
            hit.because,
            source,
            item=item_id,
            practitioner_what=practitioner,
            patient_what=fill(text.patient, areas=area_names(kb, sites or [], patient=True)),
            removes=removes,
        )
    )


def _precaution(kb: KnowledgeBase, screened: Screened, item_id: str, effect: Precaution, hit: Triggered) -> None:
    relevant = [
        rec
        for rec in screened.recommendations
        if rec.status is not RecommendationStatus.DECLINED
        and kb.tools[rec.tool].injectable
        and (not effect.tools or rec.tool in effect.tools)
        and (not effect.areas or rec.area in effect.areas)
    ]
    if not relevant:
        return
    text = kb.text().screening[item_id]
    source = kb.screening[item_id].source
    if item_id == "toxin_retreatment":
        code = FlagCode.RETREATMENT_INTERVAL
        screened.flags.append(make_flag(kb, code, hit.because, source, item=item_id, values=hit.values))
        return
    screened.flags.append(
        make_flag(
            kb,
            FlagCode.PRECAUTION,
            hit.because,
            source,
            item=item_id,
            practitioner_what=fill(text.practitioner, **hit.values),
            patient_what=fill(text.patient, **hit.values),
        )
    )


def _pause(kb: KnowledgeBase, screened: Screened, code: FlagCode, because: list[str], source: str, detail: str) -> None:
    screened.flags.append(make_flag(kb, code, because, source, detail=detail))
    screened.pause = screened.pause or code
    screened.recommendations = [
        rec.model_copy(update={"status": RecommendationStatus.DEFERRED, "deferred_by": code})
        if rec.status is RecommendationStatus.PLANNED
        else rec
        for rec in screened.recommendations
    ]


def screen(consultation: Consultation, kb: KnowledgeBase, recs: list[Recommendation]) -> Screened:
    screened = Screened(list(recs))
    waits: list[tuple[str, Triggered]] = []
    for item_id, item in kb.screening.items():
        hit = TRIGGERS[item_id](consultation, kb)
        if hit is None:
            continue
        effect = item.effect
        if isinstance(effect, Wait):
            waits.append((item_id, hit))
        elif isinstance(effect, RemoveTools):
            _remove(kb, screened, item_id, effect.tools, hit, None)
        elif isinstance(effect, RemoveAtSites):
            _remove(kb, screened, item_id, effect.tools, hit, hit.sites)
        else:
            _precaution(kb, screened, item_id, effect, hit)
    for item_id, hit in waits:
        detail = kb.text().screening[item_id].practitioner
        _pause(kb, screened, FlagCode.WAIT, hit.because, kb.screening[item_id].source, detail)
    bdd = bdd_screen(consultation, kb)
    if bdd:
        source = kb.facts.bddq_likert_positive.source
        _pause(kb, screened, FlagCode.TALK_FIRST, bdd, source, "; ".join(bdd))
    return screened
