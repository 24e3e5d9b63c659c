"""Text for the page: knowledge-base sentences, escaped user text, dates and money in the clinic's words.

User text always goes through `user()`: escaped for ReportLab's mini-markup, CJK runs switched to a
CID font, right-to-left runs put in visual order so that they read correctly inside a line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from xml.sax.saxutils import escape

from core.engine.text import fill
from core.knowledge.models import KnowledgeBase, Texts
from core.knowledge.texts import TakeawayTexts
from core.takeaway.arabic import shape
from core.takeaway.bidi import rtl_dominant, rtl_lines, visual_order
from core.takeaway.fonts import CJK, HANGUL

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class Words:
    """The `[takeaway]` table of the clinic's language, with dates and amounts formatted by it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.texts: Texts = kb.text()
        self.table = self.texts.takeaway
        self.fallback: TakeawayTexts | dict[str, str] = kb.texts["en"].takeaway if "en" in kb.texts else {}
        self.rtl = self.texts.direction == "rtl"

    def __getitem__(self, key: str) -> str:
        """The clinic's language; English for a key a newer version added and a translation lacks."""
        text = self.table.get(key, self.fallback.get(key))
        if text is None:
            raise KeyError(f"missing text takeaway.{key} in text/{self.texts.language}.toml")
        return text

    def fill(self, key: str, **values: str) -> str:
        return fill(self[key], **values)

    def date(self, day: dt.date) -> str:
        months = self["months"].split(",")
        return self.fill("date_format", day=str(day.day), month=months[day.month - 1].strip(), year=str(day.year))

    def dates_in(self, text: str) -> str:
        """A plan sentence with its ISO dates (2027-01-03) written the patient's way (3 January 2027)."""
        return ISO_DATE.sub(lambda m: self.date(dt.date.fromisoformat(m.group(0))), text)

    def money(self, amount: Decimal, currency: str) -> str:
        text = f"{amount:,.2f}"
        if text.endswith(".00"):
            text = text[:-3]
        swap = {",": self["thousands_separator"], ".": self["decimal_separator"]}
        text = "".join(swap.get(ch, ch) for ch in text)
        return self.fill("money_format", currency=currency, amount=text)

    def yes_no(self, value: bool | None) -> str:
        return self["unknown"] if value is None else self["yes"] if value else self["no"]


def _script(ch: str) -> str:
    code = ord(ch)
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


def _fonts(escaped: str) -> str:
    out: list[str] = []
    current = ""
    for ch in escaped:
        font = _script(ch)
        if font != current:
            if current:
                out.append("</font>")
            if font:
                out.append(f'<font name="{font}">')
            current = font
        out.append(ch)
    if current:
        out.append("</font>")
    return "".join(out)


def _printable(text: str) -> str:
    """Control characters (NUL, BEL, form feed...) are dropped; tabs become spaces."""
    text = text.replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))


def user(text: str) -> str:
    """Paragraph markup for text a person typed: printed literally, in any script."""
    lines = [_fonts(escape(visual_order(shape(line)))) for line in _printable(text).splitlines()]
    return "<br/>".join(lines)


def user_block(text: str, font: str, size: float, width: float) -> tuple[str, bool]:
    """Markup for a typed paragraph, and whether it reads right to left (then it is wrapped here)."""
    lines: list[str] = []
    rtl = False
    for line in _printable(text).splitlines():
        shaped = shape(line)
        if rtl_dominant(line):
            rtl = True
            lines += [_fonts(escape(piece)) for piece in rtl_lines(shaped, font, size, width)]
        else:
            lines.append(_fonts(escape(visual_order(shaped))))
    return "<br/>".join(lines), rtl


def kb_text(text: str) -> str:
    """Paragraph markup for a knowledge-base sentence: escaped too, it is data."""
    return _fonts(escape(text))
