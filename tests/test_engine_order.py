"""The order of seed 002: skin quality first, neuromodulator before filler, the clinic gap."""

from __future__ import annotations

from datetime import timedelta

from conftest import consult, flag_codes
from core.engine import plan
from core.knowledge.loader import load_knowledge_base
from core.vocabulary import SessionKind

UPPER_AND_CHEEKS = (("glabella", "frown_lines", 2, 3), ("cheeks", "volume_loss", 2, 2))


def _tools(session) -> list[tuple[str, str | None]]:
    return [(t.tool.value, t.area.value if t.area else None) for t in session.treatments]


def test_neuromodulator_before_filler_with_clinic_gap(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS), kb)
    gap = kb.settings.schedule.filler_gap_days.value
    assert gap == 14
    toxin, filler = result.sessions
    assert _tools(toxin) == [("neuromodulator", "glabella")]
    assert _tools(filler) == [("ha_filler", "cheeks")]
    assert (toxin.day, filler.day) == (0, gap)
    assert filler.date - toxin.date == timedelta(days=gap)
    assert "same_session" not in flag_codes(result)


def test_clinic_override_of_the_filler_gap_changes_the_schedule(tmp_path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text("[schedule]\nfiller_gap_days = 21\n")
    clinic = load_knowledge_base(config_path=config)
    assert clinic.settings.schedule.filler_gap_days.source == "clinic setting (clinic.toml)"
    toxin, filler = plan(consult(*UPPER_AND_CHEEKS), clinic).sessions
    assert filler.day - toxin.day == 21


def test_same_session_flags_less_precise_and_filler_first(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, choices={"same_session": True}), kb)
    (session,) = result.sessions
    assert _tools(session) == [("ha_filler", "cheeks"), ("neuromodulator", "glabella")]
    (flag,) = [f for f in result.flags if f.code.value == "same_session"]
    assert "less precise" in flag.message and "swelling" in flag.message
    assert "No added risk" in flag.message
    assert flag.because == ["choices.same_session = yes"]
    assert "seed 002" in flag.source and "de Maio" in flag.source


def test_same_session_without_both_tools_is_not_flagged(kb) -> None:
    result = plan(consult(("glabella", "frown_lines", 2, 3), choices={"same_session": True}), kb)
    assert "same_session" not in flag_codes(result)


def test_filler_first_is_fine_when_no_toxin_is_planned(kb, example) -> None:
    result = plan(example("lips_only"), kb)
    session, review = result.sessions  # lips_only is a first-timer: a review follows
    assert session.day == 0 and review.kind.value == "review"
    assert _tools(session) == [("ha_filler", "lips")]
    assert "over_correction" not in flag_codes(result)


def test_filler_first_in_another_area_is_not_over_correction(kb) -> None:
    result = plan(consult(*UPPER_AND_CHEEKS, choices={"filler_first": True}), kb)
    filler, toxin = result.sessions
    assert _tools(filler) == [("ha_filler", "cheeks")] and _tools(toxin) == [("neuromodulator", "glabella")]
    assert filler.day < toxin.day
    assert "over_correction" not in flag_codes(result)


def test_filler_before_toxin_in_the_same_area_flags_over_correction(kb) -> None:
    chin = (("chin", "projection", 2, 2), ("chin", "mentalis_strain", 0, 3))
    result = plan(consult(*chin, choices={"filler_first": True}), kb)
    (flag,) = [f for f in result.flags if f.code.value == "over_correction"]
    assert "choices.filler_first = yes" in flag.because
    assert "over-correction" in flag.source
    same_day = plan(consult(*chin, choices={"same_session": True}), kb)
    assert "over_correction" in flag_codes(same_day)
    toxin_first = plan(consult(*chin), kb)
    assert "over_correction" not in flag_codes(toxin_first)


def test_skin_quality_series_comes_first_then_reassessment(kb, example) -> None:
    result = plan(example("tired_face"), kb)
    setting = kb.settings.schedule
    series = setting.quality_series_sessions.value
    assert 3 <= series <= 4
    first = result.sessions[:series]
    assert all(_tools(s) == [("polynucleotides", None)] for s in first)
    spacing = setting.quality_series_spacing_days.value
    assert [s.day for s in first] == [n * spacing for n in range(series)]
    reassess = result.sessions[series]
    assert reassess.kind is SessionKind.REASSESSMENT and reassess.treatments == []
    assert reassess.day == first[-1].day + setting.reassess_after_series_days.value
    rest = result.sessions[series + 1 :]
    assert [t.tool.value for t in rest[0].treatments] == ["neuromodulator"] * 3
    assert rest[0].day >= reassess.day
    assert {t.tool.value for t in rest[1].treatments} == {"ha_filler"}
    assert rest[1].day - rest[0].day == setting.filler_gap_days.value


def test_sessions_are_numbered_and_dated_from_the_consult(kb, example) -> None:
    c = example("jawline_chin_masseter")
    result = plan(c, kb)
    assert [s.index for s in result.sessions] == list(range(1, len(result.sessions) + 1))
    for s in result.sessions:
        assert s.date == c.consult_date + timedelta(days=s.day)
        assert s.why


def test_filler_waits_the_gap_after_a_toxin_given_before_the_consult(kb) -> None:
    # Toxin elsewhere 5 days ago: the face is not at rest yet, so cheek filler waits 9 more days.
    result = plan(consult(("cheeks", "volume_loss", 2, 2), history={"last_neuromodulator": "2026-02-25"}), kb)
    (session,) = result.sessions
    assert session.day == 9
    assert "2026-03-11" in session.why
    settled = plan(consult(("cheeks", "volume_loss", 2, 2), history={"last_neuromodulator": "2026-02-01"}), kb)
    assert settled.sessions[0].day == 0
