"""Fonts, registered once: DejaVu Sans for Latin, Greek, Cyrillic, Hebrew and Arabic; CID fonts for CJK."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from core.assets import asset_path

REGULAR = "ThirdsSans"
BOLD = "ThirdsSans-Bold"
CJK = "STSong-Light"
HANGUL = "HYSMyeongJo-Medium"


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, str(asset_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(asset_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    pdfmetrics.registerFont(UnicodeCIDFont(HANGUL))
