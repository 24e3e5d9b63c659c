"""Every shipped example is valid, and its plan reads as a practitioner following seed 002 expects.

Each row was read against seed 002 and DOMAIN.md by hand: the tools planned (tool@area), the flags,
the treatment days and the cost. A change here is a clinical change: review it as one.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, load_example
from core.engine import plan

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.json"))

EXPECTED: dict[str, tuple[list[str], list[str], list[int], int]] = {
    # A positive BDDQ-AS and COPS 47: nothing planned, talk first.
    "bdd_positive": ([], ["talk_first", "uncalibrated_expectations"], [], 0),
    # Budget 600 of a 1,400 plan: the dominant movement problem now, structure later.
    "budget_limited": (["neuromodulator@forehead", "neuromodulator@glabella"], ["budget"], [0], 600),
    # Myasthenia gravis removes toxin (no alternative tool, said); permanent filler in the folds removes HA
    # there and CaHA is offered instead (DOMAIN.md: alternatives); no "focused" claim.
    "contraindicated_toxin": (
        ["caha_filler@nasolabial", "ha_filler@cheeks"],
        ["alternative", "contraindication", "precaution"],
        [0],
        900,
    ),
    # Mild dark circles take PN: the series comes first, then toxin, filler 14 days later; eyes doubly careful.
    "crows_feet_tear_trough": (
        ["ha_filler@tear_trough", "neuromodulator@crows_feet", "polynucleotides@tear_trough"],
        ["double_caution"],
        [0, 28, 56, 84, 98],
        1450,
    ),
    # First injectables ever: only the dominant tool (movement) now.
    "first_timer_three_dimensions": (
        ["neuromodulator@forehead", "neuromodulator@glabella"],
        ["first_treatment"],
        [0],
        600,
    ),
    "forehead_lines_only": (["neuromodulator@forehead"], ["focused_problem"], [0], 300),
    # The same plan on a treatment visit: signed consent, a photo and the toxin given with its lot.
    "treatment_visit_record": (["neuromodulator@forehead"], ["focused_problem"], [0], 300),
    # Toxin slims the masseter first, filler for jaw and chin 14 days later; masseter dose is off-label.
    "jawline_chin_masseter": (
        ["ha_filler@chin", "ha_filler@jawline", "neuromodulator@masseter"],
        ["dose_check"],
        [0, 14],
        1100,
    ),
    # An active cold sore on the lip defers both lip treatments until it has healed, nothing else.
    "lip_flip_and_mouth_corners": (
        ["neuromodulator@chin", "neuromodulator@mouth_corners"],
        ["deferred"],
        [0],
        600,
    ),
    # Deep lines above the lip take thin filler; cold sores: antiviral; NSAIDs: bruising.
    "lips_and_perioral_lines": (
        ["ha_filler@lips", "ha_filler@perioral", "neuromodulator@mouth_corners"],
        ["precaution"],
        [0, 14],
        1100,
    ),
    # A first-timer with one tool: flagged all the same, and a review visit follows (not a treatment day).
    "lips_only": (["ha_filler@lips"], ["first_treatment", "focused_problem"], [0], 400),
    "pregnant": ([], ["wait"], [], 0),
    # Toxin 49 days ago: the next waits for day 90 (day 41 here); filler follows the toxin. The event
    # in 9 days needs no precaution: nothing is done before it.
    "recent_toxin": (
        ["ha_filler@lips", "neuromodulator@crows_feet", "neuromodulator@glabella"],
        ["retreatment_interval"],
        [41, 55],
        1000,
    ),
    # Same session chosen: filler first, then toxin, flagged. The wedding is 12 days away: filler would
    # swell and the toxin would not be at full effect, so the session goes the day after it (said).
    "same_session": (
        ["ha_filler@cheeks", "neuromodulator@forehead", "neuromodulator@glabella"],
        ["precaution", "same_session"],
        [13],
        1000,
    ),
    "sunken_cheeks_only": (["ha_filler@cheeks"], ["focused_problem"], [0], 400),
    # Quality dominates (thin, dry, inelastic): the canvas first, toxin and filler wait for the reassessment.
    "thin_dry_skin": (["polynucleotides@face"], ["skin_quality_first"], [0, 28, 56], 750),
    # Three dimensions: the PN series, then toxin for the upper third, then filler for tear trough and cheeks.
    "tired_face": (
        [
            "ha_filler@cheeks",
            "ha_filler@tear_trough",
            "neuromodulator@crows_feet",
            "neuromodulator@forehead",
            "neuromodulator@glabella",
            "polynucleotides@face",
        ],
        ["double_caution", "precaution"],
        [0, 28, 56, 84, 98],
        2450,
    ),
    # "20 years younger": conversation first; only the dominant dimension (structure) is planned.
    "twenty_years_younger": (  # the conversation first: one problem (the worst of the dominant) now
        ["ha_filler@nasolabial"],
        ["uncalibrated_expectations"],
        [0],
        400,
    ),
    # Under 18: no injectable, and no alternative for the lips either (said).
    "under_18": ([], ["alternative", "contraindication", "uncalibrated_expectations", "wait"], [], 0),
}


def test_the_seed_archetypes_are_all_there() -> None:
    required = {
        "forehead_lines_only",
        "sunken_cheeks_only",
        "tired_face",
        "first_timer_three_dimensions",
        "twenty_years_younger",
        "thin_dry_skin",
        "lips_only",
        "jawline_chin_masseter",
        "pregnant",
        "bdd_positive",
    }
    assert required <= set(NAMES)
    assert set(NAMES) == set(EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_example_plan_reads_as_reviewed(name: str, kb) -> None:
    consultation = load_example(name)
    result = plan(consultation, kb)
    pairs, flags, days, total = EXPECTED[name]
    assert sorted(f"{r.tool.value}@{r.area.value if r.area else 'face'}" for r in result.planned) == pairs
    assert sorted({f.code.value for f in result.flags}) == flags
    assert [s.day for s in result.sessions if s.treatments] == days
    assert result.cost.total == total
    assert result.consult_date == consultation.consult_date
