"""Properties over random valid consultations (hypothesis): safety, order, cost, sources, purity."""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.consultation import Consultation, Screening
from core.engine import plan
from core.engine.safety import read_all
from core.engine.screen import effect_tools
from core.knowledge.loader import load_knowledge_base
from core.knowledge.models import Remove, TalkFirst, Wait
from core.vocabulary import Area, Expectation, Medication, Reply, ScreeningStatus, SkinItem, Tool

KB = load_knowledge_base()
CONSULT = dt.date(2026, 3, 2)
grades = st.integers(0, 4)
past = st.dates(min_value=dt.date(2000, 1, 1), max_value=CONSULT)


@st.composite
def concerns(draw: st.DrawFn) -> list[dict[str, object]]:
    pairs = [(area, kind) for area in Area for kind in KB.areas[area].concerns]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8))
    rows = []
    for area, kind in chosen:
        row: dict[str, object] = {
            "area": area.value,
            "kind": kind,
            "severity_rest": draw(grades),
            "severity_movement": draw(grades),
        }
        if draw(st.booleans()):
            row["target_grade"] = draw(grades)
        rows.append(row)
    return rows


@st.composite
def consultations(draw: st.DrawFn) -> Consultation:
    areas = st.sampled_from(list(Area)).map(lambda a: a.value)
    maybe_bool = st.none() | st.booleans()
    likert = st.none() | st.integers(1, 5)
    data: dict[str, object] = {
        "consult_date": CONSULT.isoformat(),
        "patient": {
            "name": "Prop Test",
            "date_of_birth": draw(
                st.none() | st.dates(dt.date(1940, 1, 1), dt.date(2015, 1, 1)).map(dt.date.isoformat)
            ),
        },
        "history": {
            "first_injectable_treatment": draw(st.booleans()),
            "last_neuromodulator": draw(st.none() | past.map(dt.date.isoformat)),
            "earlier_fillers": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"area": areas, "date": past.map(dt.date.isoformat), "permanent": st.booleans()}
                    ),
                    max_size=3,
                )
            ),
        },
        "screening": {
            # mostly answered, sometimes not asked: unknown must never plan as "no"
            name: draw(st.sampled_from(["no", "no", "no", "yes", "not_asked"]))
            for name, field in Screening.model_fields.items()
            if field.annotation is Reply
        }
        | {
            "infection_areas": draw(st.lists(areas, unique=True, max_size=3)),
            "medications": draw(st.lists(st.sampled_from([m.value for m in Medication]), unique=True, max_size=4)),
        },
        "bddq": {
            "q1": draw(maybe_bool),
            "q2": draw(maybe_bool),
            "q3": draw(likert),
            "q4": draw(likert),
            "q5": draw(likert),
            "q6": draw(likert),
            "q7": draw(maybe_bool),
        },
        "cops": draw(st.none() | st.lists(st.integers(0, 8), min_size=9, max_size=9)),
        "concerns": draw(concerns()),
        "skin": {item.value: draw(grades) for item in SkinItem},
        "goals": {
            "expectation": draw(st.none() | st.sampled_from([e.value for e in Expectation])),
            "budget": draw(st.none() | st.integers(0, 5000)),
            "event_date": draw(st.none() | st.dates(CONSULT, dt.date(2026, 6, 1)).map(dt.date.isoformat)),
        },
        "choices": {
            "same_session": draw(st.booleans()),
            "filler_first": draw(st.booleans()),
            "declined": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {
                            "tool": st.sampled_from([t.value for t in Tool]),
                            "area": st.none() | areas,
                            "reason": st.just("no"),
                        }
                    ),
                    max_size=2,
                )
            ),
            "doses": [
                {"area": area, "units": units}
                for area, units in draw(st.dictionaries(areas, st.integers(1, 200), max_size=3)).items()
            ],
        },
    }
    screening = data["screening"]
    if screening["active_infection"] != "yes":  # type: ignore[index]
        screening["infection_areas"] = []  # type: ignore[index]  # sites belong to a yes
    return Consultation.model_validate(data)


# `make test` runs a short default; `make test-long` runs many more (THIRDS_PROPERTY_EXAMPLES).
EXAMPLES = int(os.environ.get("THIRDS_PROPERTY_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _hard_blocked(c: Consultation) -> set[tuple[Tool, Area | None]]:
    """(tool, area) pairs a positive contraindication forbids; area None stands for every area."""
    blocked: set[tuple[Tool, Area | None]] = set()
    for item_id, finding in read_all(c, KB).items():
        if finding.status is not ScreeningStatus.POSITIVE:
            continue
        effect = KB.screening[item_id].effect
        if isinstance(effect, Wait | TalkFirst):
            blocked |= {(tool, None) for tool in KB.injectables()}
        elif isinstance(effect, Remove) and not effect.at_sites:
            blocked |= {(tool, None) for tool in effect.tools}
        elif isinstance(effect, Remove):
            sites = finding.sites or list(Area)
            blocked |= {(tool, area) for tool in effect.tools for area in sites}
    return blocked


def _held_for_missing(c: Consultation) -> set[tuple[Tool, Area | None]]:
    """(tool, area) pairs a missing answer holds (area None: every area)."""
    held: set[tuple[Tool, Area | None]] = set()
    for item_id, finding in read_all(c, KB).items():
        info = KB.screening[item_id]
        if finding.status is not ScreeningStatus.MISSING or info.when_missing != "hold":
            continue
        areas = getattr(info.effect, "areas", None) or [None]
        held |= {(tool, area) for tool in effect_tools(KB, info.effect) for area in areas}
    return held


@SETTINGS
@given(consultations())
def test_no_injectable_is_scheduled_while_an_answer_it_depends_on_is_missing(c: Consultation) -> None:
    result = plan(c, KB)
    held = _held_for_missing(c)
    for s in result.sessions:
        for t in s.treatments:
            assert (t.tool, None) not in held, (t, s)
            assert (t.tool, t.area) not in held, (t, s)


@SETTINGS
@given(consultations())
def test_nothing_is_scheduled_on_the_event_day(c: Consultation) -> None:
    result = plan(c, KB)
    event = c.goals.event_date
    window = KB.facts.event_window_days.value
    for s in result.sessions:
        if event is None or not s.treatments:
            continue
        assert s.date != event
        until = (event - s.date).days
        if 0 <= until < window:  # in the window before the event: no filler, no toxin
            assert not any(KB.tools[t.tool].filler or t.tool is Tool.NEUROMODULATOR for t in s.treatments)


@SETTINGS
@given(consultations())
def test_no_filler_visit_holds_more_areas_than_the_clinic_maximum(c: Consultation) -> None:
    result = plan(c, KB)
    most = KB.settings.schedule.max_filler_areas_per_visit.value
    for s in result.sessions:
        assert len([t for t in s.treatments if KB.tools[t.tool].filler]) <= most


@SETTINGS
@given(consultations())
def test_no_hard_contraindicated_tool_is_planned_or_scheduled(c: Consultation) -> None:
    result = plan(c, KB)
    blocked = _hard_blocked(c)
    treated = [(r.tool, r.area) for r in result.planned]
    treated += [(t.tool, t.area) for s in result.sessions for t in s.treatments]
    for tool, area in treated:
        assert (tool, None) not in blocked
        assert (tool, area) not in blocked
        if area is None:  # whole-face treatment: blocked when every site is
            assert not all((tool, a) in blocked for a in Area)


@SETTINGS
@given(consultations())
def test_filler_never_sooner_than_the_gap_after_a_neuromodulator(c: Consultation) -> None:
    result = plan(c, KB)
    gap = KB.settings.schedule.filler_gap_days.value
    toxin_days = [s.day for s in result.sessions for t in s.treatments if t.tool is Tool.NEUROMODULATOR]
    if c.history.last_neuromodulator is not None:  # a toxin given before the consult counts too
        toxin_days.append((c.history.last_neuromodulator - c.consult_date).days)
    filler_days = [s.day for s in result.sessions for t in s.treatments if KB.tools[t.tool].filler]
    if c.choices.same_session:
        return
    for toxin in toxin_days:
        for filler in filler_days:
            assert not 0 <= filler - toxin < gap, (toxin, filler)


@SETTINGS
@given(consultations())
def test_toxin_never_before_day_90(c: Consultation) -> None:
    result = plan(c, KB)
    last = c.history.last_neuromodulator
    if last is None:
        return
    earliest = last + dt.timedelta(days=KB.facts.toxin_min_retreatment_days.value)
    for s in result.sessions:
        if any(t.tool is Tool.NEUROMODULATOR for t in s.treatments):
            assert s.date >= earliest


@SETTINGS
@given(consultations())
def test_cost_total_equals_the_sum_of_its_lines(c: Consultation) -> None:
    cost = plan(c, KB).cost
    assert cost.total == sum(line.amount for line in cost.lines)
    assert cost.twelve_month_estimate == sum(line.amount for line in cost.twelve_month_lines)
    assert cost.twelve_month_estimate >= cost.total
    assert all(line.amount == line.unit_price * line.quantity for line in cost.lines)


@SETTINGS
@given(consultations())
def test_every_recommendation_and_flag_has_a_source_and_because(c: Consultation) -> None:
    result = plan(c, KB)
    for item in [*result.recommendations, *result.flags, *result.removed]:
        assert item.source.strip()
        assert item.because


@SETTINGS
@given(consultations())
def test_same_input_gives_the_same_plan(c: Consultation) -> None:
    first = plan(c, KB).model_dump(mode="json")
    assert plan(c, KB).model_dump(mode="json") == first
    # A consultation saved as JSON and read back (as the GUI and records do) plans the same.
    reloaded = Consultation.model_validate_json(c.model_dump_json())
    assert plan(reloaded, KB).model_dump(mode="json") == first


@SETTINGS
@given(consultations())
def test_paused_plan_schedules_and_charges_nothing(c: Consultation) -> None:
    result = plan(c, KB)
    if result.paused:
        assert result.planned == []
        assert [s for s in result.sessions if s.treatments] == []
        assert result.cost.total == 0


@SETTINGS
@given(consultations())
def test_sessions_are_in_order_and_schedule_exactly_the_planned_injectables(c: Consultation) -> None:
    result = plan(c, KB)
    days = [s.day for s in result.sessions]
    assert days == sorted(days)
    scheduled = {(t.tool, t.area) for s in result.sessions for t in s.treatments}
    planned = {(r.tool, r.area) for r in result.planned if KB.tools[r.tool].injectable}
    assert scheduled == planned
    series = {tool for tool, area in planned if area is None}  # an area's part of a whole-face series
    assert {(m.tool, m.area) for m in result.maintenance} == {(t, a) for t, a in planned if a is None or t not in series}


@SETTINGS
@given(consultations())
def test_every_deferral_is_explained_by_a_flag(c: Consultation) -> None:
    result = plan(c, KB)
    codes = {f.code for f in result.flags}
    items = {f.item for f in result.flags}
    for rec in result.recommendations:
        if rec.deferred_by is not None:
            assert rec.deferred_by in codes or rec.deferred_by in items
        if rec.held_by:
            assert result.missing and any(set(m.items) & set(rec.held_by) for m in result.missing)
    for removal in result.removed:
        assert any(f.item == removal.screening_item for f in result.flags)
