"""The wizard's pages, in order (Picard's PAGES habit): one file per page.

`PAGES` names them and `page_types` imports them: `make run` paints the first page before the
others are imported (gui/app.py), then adds them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gui.pages.base import ConsultPage

PAGES: tuple[str, ...] = (
    "consult:ConsultDetailsPage",
    "goals:GoalsPage",
    "history:HistoryPage",
    "screening:ScreeningPage",
    "upper_third:UpperThirdPage",
    "middle_third:MiddleThirdPage",
    "lower_third:LowerThirdPage",
    "skin:SkinPage",
    "plan:PlanPage",
    "consent:ConsentPage",
    "photos:PhotosPage",
    "given:GivenPage",
    "finish:FinishPage",
)


def page_types(start: int = 0, stop: int = len(PAGES)) -> list[type[ConsultPage]]:
    """The page classes PAGES[start:stop], imported now."""
    types = []
    for name in PAGES[start:stop]:
        module, _, cls = name.partition(":")
        types.append(getattr(importlib.import_module(f"gui.pages.{module}"), cls))
    return types
