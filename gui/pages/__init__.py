"""The wizard's pages, in order (Picard's PAGES habit): one file per page."""

from __future__ import annotations

from gui.pages.base import ConsultPage
from gui.pages.consult import ConsultDetailsPage
from gui.pages.finish import FinishPage
from gui.pages.goals import GoalsPage
from gui.pages.history import HistoryPage
from gui.pages.lower_third import LowerThirdPage
from gui.pages.middle_third import MiddleThirdPage
from gui.pages.plan import PlanPage
from gui.pages.screening import ScreeningPage
from gui.pages.skin import SkinPage
from gui.pages.upper_third import UpperThirdPage

PAGES: tuple[type[ConsultPage], ...] = (
    ConsultDetailsPage,
    GoalsPage,
    HistoryPage,
    ScreeningPage,
    UpperThirdPage,
    MiddleThirdPage,
    LowerThirdPage,
    SkinPage,
    PlanPage,
    FinishPage,
)
