"""Fonts, registered once: DejaVu Sans for Latin, Greek and Cyrillic; Noto Sans Hebrew and Noto Naskh
Arabic for those scripts (a clean page, OFL); CID fonts for CJK."""

from __future__ import annotations

import re
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from core.assets import asset_path

REGULAR = "ThirdsSans"
BOLD = "ThirdsSans-Bold"
HEBREW = "ThirdsHebrew"
ARABIC = "ThirdsArabic"
CJK = "STSong-Light"
HANGUL = "HYSMyeongJo-Medium"

FAMILIES = {
    REGULAR: ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    HEBREW: ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ARABIC: ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
}


@cache
def register_fonts() -> None:
    for family, (regular, bold) in FAMILIES.items():
        pdfmetrics.registerFont(TTFont(family, str(asset_path("fonts", regular))))
        pdfmetrics.registerFont(TTFont(f"{family}-Bold", str(asset_path("fonts", bold))))
        pdfmetrics.registerFontFamily(
            family, normal=family, bold=f"{family}-Bold", italic=family, boldItalic=f"{family}-Bold"
        )
    pdfmetrics.registerFont(UnicodeCIDFont(CJK))
    pdfmetrics.registerFont(UnicodeCIDFont(HANGUL))


def _script_font(ch: str) -> str:
    code = ord(ch)
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return HEBREW
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return ARABIC
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF:
        return HANGUL
    if (
        0x2E80 <= code <= 0x2FDF
        or 0x3000 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FA1F
    ):
        return CJK
    return ""


_TAG = re.compile(r"<[^>]*>")


def script_fonts(markup: str, bold: bool = False) -> str:
    """Markup with each run of Hebrew, Arabic, Chinese or Korean letters in its script's font, bold
    inside <b> or in a bold style (`bold`); a space keeps its words' font. Tags are left as they are."""
    out: list[str] = []
    current = ""
    depth = 1 if bold else 0

    def switch(font: str) -> None:
        nonlocal current
        if font != current:
            if current:
                out.append("</font>")
            if font:
                out.append(f'<font name="{font}-Bold">' if depth and font in FAMILIES else f'<font name="{font}">')
            current = font

    at = 0
    for tag in _TAG.finditer(markup + "<>"):
        for ch in markup[at : tag.start()]:
            switch(current if ch == " " else _script_font(ch))
            out.append(ch)
        at = tag.end()
        if tag.start() < len(markup):
            switch("")
            name = tag.group(0).lower()
            depth += 1 if name in ("<b>", "<strong>") else -1 if name in ("</b>", "</strong>") else 0
            out.append(tag.group(0))
    switch("")
    return "".join(out)
