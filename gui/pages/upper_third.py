"""Page of the upper third: the face map of its areas (see third.py)."""

from __future__ import annotations

from core.vocabulary import Third
from gui.pages.third import ThirdPage


class UpperThirdPage(ThirdPage):
    THIRD = Third.UPPER
