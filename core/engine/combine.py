"""The Movement / Quality / Structure picture and seed 002's "when not to combine"."""

from __future__ import annotations

from decimal import Decimal

from core.consultation import Consultation
from core.engine.flags import WHEN_NOT_TO_COMBINE, make_flag
from core.engine.text import area_names, fill
from core.knowledge.models import AreasMatch, AreaTool, KnowledgeBase, SameAreaMatch
from core.plan import DimensionScores, Flag, Recommendation, Synergy
from core.vocabulary import (
    DIMENSION_ORDER,
    Area,
    Dimension,
    Expectation,
    FlagCode,
    RecommendationStatus,
)


def scores(recs: list[Recommendation]) -> DimensionScores:
    """Each dimension scores the sum of its problems' grades; ties go in DIMENSION_ORDER."""
    totals = {d: sum(r.severity for r in recs if r.dimension is d) for d in DIMENSION_ORDER}
    ranked = sorted((d for d in DIMENSION_ORDER if totals[d] > 0), key=lambda d: -totals[d])
    return DimensionScores(
        movement=totals[Dimension.MOVEMENT],
        quality=totals[Dimension.QUALITY],
        structure=totals[Dimension.STRUCTURE],
        dominant=ranked[0] if ranked else None,
        secondary=ranked[1:],
    )


def _defer(recs: list[Recommendation], keep: set[int], code: FlagCode) -> list[Recommendation]:
    return [
        rec.model_copy(update={"status": RecommendationStatus.DEFERRED, "deferred_by": code})
        if rec.status is RecommendationStatus.PLANNED and index not in keep
        else rec
        for index, rec in enumerate(recs)
    ]


def _planned(recs: list[Recommendation]) -> list[int]:
    return [i for i, r in enumerate(recs) if r.status is RecommendationStatus.PLANNED]


def _dominant(recs: list[Recommendation], picture: DimensionScores) -> Dimension | None:
    planned = {recs[i].dimension for i in _planned(recs)}
    for dimension in [picture.dominant, *picture.secondary]:
        if dimension in planned:
            return dimension
    return None


def _name(kb: KnowledgeBase, dimension: Dimension | None) -> str:
    return kb.text().dimensions[dimension].name if dimension else ""


def expectations(c: Consultation, kb: KnowledgeBase) -> list[Flag]:
    flags = []
    source = "seed 002: When not to combine (expectations not calibrated)"
    if c.goals.expectation is Expectation.DRAMATIC:
        # The facelift sentence is for the whole-face wish only (DOMAIN.md, words that fit): graded
        # concerns in more than one third of the face. A dramatic wish for one area gets its own words.
        graded = [concern.area for concern in c.concerns if concern.severity > 0]
        thirds = {kb.areas[area].third for area in graded}
        areas = list(dict.fromkeys(graded))
        focused = len(thirds) == 1
        flags.append(
            make_flag(
                kb,
                FlagCode.UNCALIBRATED_EXPECTATIONS,
                ["goals.expectation = dramatic", f"concerns in {len(thirds)} of 3 thirds"],
                source,
                key="uncalibrated_focused" if focused else None,
                areas=area_names(kb, areas),
                patient_areas=area_names(kb, areas, patient=True),
            )
        )
    limit = kb.facts.max_grade_change.value
    for concern in c.concerns:
        target = concern.target_grade
        if target is None or concern.severity - target <= limit:
            continue
        change = concern.severity - target
        flags.append(
            make_flag(
                kb,
                FlagCode.UNCALIBRATED_EXPECTATIONS,
                [f"concerns[{concern.area.value}/{concern.kind}]: grade {concern.severity}, target {target}"],
                kb.facts.max_grade_change.source,
                key="target_grade",
                area=concern.area,
                area_name=kb.text().areas[concern.area].name,
                patient_area=kb.text().areas[concern.area].patient,
                target=str(target),
                current=str(concern.severity),
                change=str(change),
                max=str(limit),
            )
        )
    return flags


def when_not_to_combine(
    c: Consultation,
    kb: KnowledgeBase,
    recs: list[Recommendation],
    picture: DimensionScores,
    expectation_flags: list[Flag],
    price_of: dict[int, Decimal],
) -> tuple[list[Recommendation], list[Flag]]:
    """Defer what seed 002 says to leave for later; each flag says what triggered it."""
    flags: list[Flag] = []
    planned = [recs[i] for i in _planned(recs)]
    # Focused means the patient's problems sit in one dimension, not that a contraindication or a
    # decline left only one: a plan cut down by safety is not a "focused problem".
    present = [d for d in DIMENSION_ORDER if picture.of(d) > 0]
    if len(present) == 1 and planned:
        only = present[0]
        because = [b for r in planned for b in r.because]
        flags.append(make_flag(kb, FlagCode.FOCUSED_PROBLEM, because, WHEN_NOT_TO_COMBINE, dimension=_name(kb, only)))

    if any(f.area is None for f in expectation_flags) and len(planned) > 1:
        # Seed 002: "a conversation about realistic expectations, not more treatments". While that
        # conversation goes on, one problem is treated: the worst of the dominant dimension.
        dominant = _dominant(recs, picture)
        first = min(
            (i for i in _planned(recs) if recs[i].dimension is dominant),
            key=lambda i: (-recs[i].severity, i),
        )
        recs = _defer(recs, {first}, FlagCode.UNCALIBRATED_EXPECTATIONS)

    if picture.dominant is Dimension.QUALITY and any(r.dimension is Dimension.QUALITY for r in planned):
        series = kb.settings.schedule.quality_series_sessions.value
        because = [f"dominant dimension = quality (score {picture.quality})"]
        because += [b for r in planned if r.dimension is Dimension.QUALITY for b in r.because]
        # "Better skin can mean less filler" only when filler is part of the picture.
        key = None if any(kb.tools[r.tool].filler for r in recs) else "skin_quality_first_no_filler"
        flags.append(make_flag(kb, FlagCode.SKIN_QUALITY_FIRST, because, WHEN_NOT_TO_COMBINE, key=key,
                               sessions=str(series)))
        keep = {i for i in _planned(recs) if recs[i].dimension is Dimension.QUALITY}
        recs = _defer(recs, keep, FlagCode.SKIN_QUALITY_FIRST)

    injectable_tools = {recs[i].tool for i in _planned(recs) if kb.tools[recs[i].tool].injectable}
    if c.history.first_injectable_treatment and injectable_tools:
        # Every first-timer gets the flag and a review visit (the schedule adds it); with more than
        # one tool, only the dominant dimension's start now (seed 002: one tool, see the response).
        dominant = _dominant(recs, picture)
        flags.append(
            make_flag(
                kb,
                FlagCode.FIRST_TREATMENT,
                ["history.first_injectable_treatment = yes", f"{len(injectable_tools)} tools planned"],
                WHEN_NOT_TO_COMBINE,
                dimension=_name(kb, dominant),
                review_days=str(kb.settings.schedule.first_timer_review_days.value),
            )
        )
        if len(injectable_tools) > 1:
            keep = {i for i in _planned(recs) if recs[i].dimension is dominant}
            recs = _defer(recs, keep, FlagCode.FIRST_TREATMENT)

    budget = c.goals.budget
    total = sum((price_of[i] for i in _planned(recs)), Decimal(0))
    if budget is not None and total > budget:
        dominant = _dominant(recs, picture)
        ranked = sorted(
            _planned(recs),
            key=lambda i: (recs[i].dimension is not dominant, -recs[i].severity, -_total(c, recs[i]), i),
        )
        keep = set()
        spent = Decimal(0)
        for i in ranked:
            if spent + price_of[i] <= budget:
                keep.add(i)
                spent += price_of[i]
        if ranked and ranked[0] not in keep:
            # The dominant problem comes first even when it alone is over budget: a cheaper
            # secondary treatment never takes its place (seed 002: one treatment done well).
            keep = {ranked[0]}
        flags.append(
            make_flag(
                kb,
                FlagCode.BUDGET,
                [f"goals.budget = {budget:.2f}", f"plan total = {total:.2f}"],
                WHEN_NOT_TO_COMBINE,
                total=f"{total:.2f}",
                budget=f"{budget:.2f}",
            )
        )
        recs = _defer(recs, keep, FlagCode.BUDGET)
    return recs, flags


def _total(c: Consultation, rec: Recommendation) -> int:
    """Grade at rest plus on movement: between equal worst grades, the line with a static part first."""
    return sum(x.severity_rest + x.severity_movement for x in c.concerns
               if x.area is rec.area and x.kind == rec.concern)


def _has(planned: list[Recommendation], want: AreaTool) -> bool:
    return any(r.area is want.area and (want.tool is None or r.tool is want.tool) for r in planned)


def synergies(kb: KnowledgeBase, recs: list[Recommendation]) -> tuple[list[Synergy], list[Flag]]:
    planned = [r for r in recs if r.status is RecommendationStatus.PLANNED]
    found: list[Synergy] = []
    flags: list[Flag] = []
    texts = kb.text().synergies
    for synergy_id, info in kb.synergies.items():
        match = info.match
        areas: list[Area] = []
        if isinstance(match, AreasMatch):
            if all(_has(planned, want) for want in match.all_of) and (
                not match.any_of or any(_has(planned, want) for want in match.any_of)
            ):
                areas = list(dict.fromkeys(w.area for w in match.all_of + match.any_of if _has(planned, w)))
        elif isinstance(match, SameAreaMatch):
            areas = [
                area
                for area in match.areas
                if all(any(r.area is area and r.tool is tool for r in planned) for tool in match.tools)
            ]
        if not areas:
            continue
        patient_areas = area_names(kb, areas, patient=True)
        found.append(
            Synergy(
                id=synergy_id,
                name=texts[synergy_id].name,
                areas=areas,
                message=texts[synergy_id].name,
                patient_message=fill(texts[synergy_id].patient, patient_areas=patient_areas),
                source=info.source,
            )
        )
        if info.flag is not None:
            because = [f"planned: {', '.join(a.value for a in areas)}"]
            flags.append(make_flag(kb, info.flag, because, info.source, item=synergy_id))
    return found, flags
