"""Checks across entries that a schema alone cannot make: references, coverage, texts."""

from __future__ import annotations

from collections.abc import Container, Sequence
from pathlib import Path
from typing import Any

from core.consultation import Screening
from core.knowledge.errors import Problem
from core.knowledge.images import logo_problem
from core.knowledge.models import AnswerRead, Defer, KnowledgeBase, Texts, Wait
from core.vocabulary import (
    Area,
    Dimension,
    FlagCode,
    FlagSeverity,
    Medication,
    RecommendationStatus,
    Reply,
    ScreeningId,
    SessionKind,
    SkinItem,
    Third,
    Tool,
)


def _knowledge_problems(kb: KnowledgeBase, main: Path) -> list[Problem]:
    problems = []
    for area in Area:
        if area not in kb.areas:
            problems.append(Problem(main, f"areas.{area.value}", "missing: every area needs an entry"))
    for tool in Tool:
        if tool not in kb.tools:
            problems.append(Problem(main, f"tools.{tool.value}", "missing: every tool needs an entry"))
    ruled: set[tuple[Area, str]] = set()
    for index, rule in enumerate(kb.rules):
        info = kb.areas.get(rule.area)
        if info is not None and rule.concern not in info.concerns:
            problems.append(
                Problem(main, f"rules.{index}.concern", f"'{rule.concern}' is not a concern of {rule.area.value}")
            )
        ruled.add((rule.area, rule.concern))
    for area, info in kb.areas.items():
        for concern in info.concerns:
            if (area, concern) not in ruled:
                problems.append(Problem(main, f"areas.{area.value}.concerns", f"'{concern}' has no rule"))
    for tool, tool_info in kb.tools.items():
        forms = [form_id for form_id, form in kb.consent_forms.items() if tool in form.tools]
        if tool_info.injectable and not forms:
            problems.append(Problem(main, "consent_forms", f"no consent form covers {tool.value}"))
        if len(forms) > 1:
            problems.append(Problem(main, "consent_forms", f"{tool.value} is in more than one form: {', '.join(forms)}"))
    if kb.tools.get(kb.skin_rule.tool) and kb.tools[kb.skin_rule.tool].dimension is not Dimension.QUALITY:
        problems.append(Problem(main, "skin_rule.tool", "must be a quality tool"))
    return problems


def _settings_problems(kb: KnowledgeBase, settings: Path, config: Path | None) -> list[Problem]:
    problems = []
    for tool in Tool:
        if tool not in kb.settings.prices:
            problems.append(Problem(settings, f"prices.{tool.value}", "missing: every tool needs a price"))
    toxin = kb.settings.maintenance.neuromodulator
    minimum = kb.facts.toxin_min_retreatment_days
    if toxin.value < minimum.value:
        origin = config if config is not None and toxin.source.startswith("clinic setting") else settings
        reason = f"{toxin.value} days is sooner than the label allows ({minimum.value} days: {minimum.source})"
        problems.append(Problem(origin, "maintenance.neuromodulator", reason))
    gap = kb.settings.schedule.filler_gap_days
    onset = kb.tools[Tool.NEUROMODULATOR].onset if Tool.NEUROMODULATOR in kb.tools else None
    if onset is not None and onset.unit == "days" and gap.value < onset.low:
        origin = config if config is not None and gap.source.startswith("clinic setting") else settings
        reason = (
            f"{gap.value} days is before the neuromodulator can show its effect ({onset.low}–{onset.high} days: "
            f"{onset.source}); for toxin and filler on one day, choose the same session instead"
        )
        problems.append(Problem(origin, "schedule.filler_gap_days", reason))
    logo = kb.settings.clinic.logo
    reason = logo_problem(Path(logo)) if logo else ""
    if reason:
        problems.append(Problem(config or settings, "clinic.logo", reason))
    return problems


def _screening_problems(kb: KnowledgeBase, screening: Path, main: Path) -> list[Problem]:
    problems = []
    answers = [name for name, f in Screening.model_fields.items() if f.annotation is Reply]
    for item_id in ScreeningId:
        if item_id not in kb.screening:
            problems.append(Problem(screening, f"screening.{item_id.value}", "missing: every screening item needs an entry"))
    for item_id, item in kb.screening.items():
        read = item.reads
        if isinstance(read, AnswerRead) and read.answer not in answers:
            problems.append(Problem(screening, f"screening.{item_id.value}.reads.answer",
                                    f"'{read.answer}' is not a screening answer; known: {', '.join(answers)}"))
    for code in FlagCode:
        if code.value not in kb.flags:
            problems.append(Problem(main, f"flags.{code.value}", "missing: every flag needs a severity"))
    return problems


def _text_problems(kb: KnowledgeBase, texts: Texts, path: Path) -> list[Problem]:
    expected: list[tuple[str, Container[Any], Sequence[Any]]] = [
        ("dimensions", texts.dimensions, list(Dimension)),
        ("thirds", texts.thirds, list(Third)),
        ("areas", texts.areas, list(Area)),
        ("tools", texts.tools, list(Tool)),
        ("flags", texts.flags, list(kb.flags)),
        ("medicines", texts.medicines, list(Medication)),
        ("medicines_patient", texts.medicines_patient, list(Medication)),
        ("replies", texts.replies, list(Reply)),
        ("flag_names", texts.flag_names, list(FlagCode)),
        ("severities", texts.severities, list(FlagSeverity)),
        ("statuses", texts.statuses, list(RecommendationStatus)),
        ("session_kinds", texts.session_kinds, list(SessionKind)),
        ("skin", texts.skin, list(SkinItem)),
        ("skin_patient", texts.skin_patient, list(SkinItem)),
        ("screening", texts.screening, list(ScreeningId)),
        ("synergies", texts.synergies, list(kb.synergies)),
        ("consent_forms", texts.consent_forms, list(kb.consent_forms)),
    ]
    problems = []
    for section, present, keys in expected:
        for key in keys:
            if key not in present:
                name = getattr(key, "value", key)
                problems.append(Problem(path, f"{section}.{name}", "missing text"))
    for key in texts.flags:
        if key not in kb.flags:
            problems.append(Problem(path, f"flags.{key}", "no such flag in knowledge.toml [flags]"))
    for key in texts.synergies:
        if key not in kb.synergies:
            problems.append(Problem(path, f"synergies.{key}", "no such synergy in knowledge.toml [synergies]"))
    for item_id, item in kb.screening.items():
        text = texts.screening.get(item_id)
        if text is not None and isinstance(item.effect, Defer | Wait) and not text.reconsider_patient:
            problems.append(Problem(path, f"screening.{item_id.value}.reconsider_patient",
                                    "missing: a deferral says when it can be reconsidered"))
        if text is not None and isinstance(item.effect, Defer) and not text.reconsider:
            problems.append(Problem(path, f"screening.{item_id.value}.reconsider",
                                    "missing: a deferral says when it can be reconsidered"))
    for area, info in kb.areas.items():
        for concern in info.concerns:
            if concern not in texts.concerns.get(area, {}):
                problems.append(Problem(path, f"concerns.{area.value}.{concern}", "missing text"))
    for area, named in texts.concerns.items():
        for concern in named:
            if area in kb.areas and concern not in kb.areas[area].concerns:
                problems.append(Problem(path, f"concerns.{area.value}.{concern}",
                                        f"no such concern of {area.value} in knowledge.toml"))
    return problems


def cross_check(kb: KnowledgeBase, kb_dir: Path, config: Path | None) -> list[Problem]:
    problems = _knowledge_problems(kb, kb_dir / "knowledge.toml")
    problems += _settings_problems(kb, kb_dir / "settings.toml", config)
    problems += _screening_problems(kb, kb_dir / "screening.toml", kb_dir / "knowledge.toml")
    if "en" not in kb.texts:
        problems.append(Problem(kb_dir / "text", "en.toml", "missing: English texts ship first"))
    if kb.settings.clinic.language not in kb.texts:
        problems.append(Problem(config or kb_dir / "settings.toml", "clinic.language", "no texts in that language"))
    for language, texts in kb.texts.items():
        problems += _text_problems(kb, texts, kb_dir / "text" / f"{language}.toml")
    return problems
