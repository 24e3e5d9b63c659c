"""Walk the whole wizard by taps for every example and check the Plan page shows core's plan."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, half_of, load_example
from core.engine import plan
from core.plan import Plan
from gui.pages.plan import PlanPage
from gui.wizard import ConsultationWizard
from gui_taps import shown_plan, walk

# treatment_visit_record is forehead_lines_only's answers with a clinical record after the plan: the same walk.
ALL = sorted(path.stem for path in EXAMPLES.glob("*.json"))
NAMES = [name for name in half_of(ALL, 0) if name != "treatment_visit_record"]


def expected(result: Plan) -> dict[str, object]:
    return {
        "recommendations": sorted(
            f"{r.tool.value}/{r.area.value if r.area else ''}/{r.status.value}" for r in result.recommendations
        ),
        "flags": sorted(f.code.value for f in result.flags),
        "removed": sorted(f"{r.tool.value}/{r.area.value if r.area else ''}" for r in result.removed),
        "sessions": len(result.sessions),
        "total": str(result.cost.total),
    }


@pytest.mark.parametrize("name", NAMES)  # the other half: tests/test_takeaway.py
def test_walking_an_example_by_taps_shows_cores_plan(name: str, kb, qtbot) -> None:
    consultation = load_example(name)
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.show()
    walk(qtbot, wizard, consultation)
    page = wizard.currentPage()
    assert isinstance(page, PlanPage)
    # The walk ends on the Plan page: consent, photos and what was given come after it.
    assert wizard.draft == consultation.model_copy(update={"consent": [], "photos": [], "treatments_given": []})
    assert page.shown_plan == plan(consultation, kb)
    assert shown_plan(page) == expected(plan(consultation, kb))
