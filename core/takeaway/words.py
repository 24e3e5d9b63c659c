"""Text for the page: knowledge-base sentences, escaped user text, dates and money in the clinic's words.

User text always goes through `user()`: escaped for ReportLab's mini-markup, the Paragraph
(core/takeaway/paragraph.py) joins Arabic letters, switches each script to its font and draws
right-to-left runs in visual order after wrapping.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from xml.sax.saxutils import escape

from core.dates import dates_in, show_date
from core.engine.text import fill
from core.knowledge.models import KnowledgeBase, Texts
from core.knowledge.texts import TakeawayTexts
from core.money import format_money
from core.takeaway.bidi import rtl_dominant


class Words:
    """The `[takeaway]` table of the clinic's language, with dates and amounts in the clinic's locale."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.texts: Texts = kb.text()
        self.table = self.texts.takeaway
        self.fallback: TakeawayTexts | dict[str, str] = kb.texts["en"].takeaway if "en" in kb.texts else {}
        self.rtl = self.texts.direction == "rtl"
        self.locale = kb.settings.clinic.locale

    def __getitem__(self, key: str) -> str:
        """The clinic's language; English for a key a newer version added and a translation lacks."""
        text = self.table.get(key, self.fallback.get(key))
        if text is None:
            raise KeyError(f"missing text takeaway.{key} in text/{self.texts.language}.toml")
        return text

    def fill(self, key: str, **values: str) -> str:
        return fill(self[key], **values)

    def date(self, day: dt.date) -> str:
        return show_date(day, self.locale)

    def dates_in(self, text: str) -> str:
        """A plan sentence with its ISO dates (2027-01-03) written the patient's way (January 3, 2027)."""
        return dates_in(text, self.locale)

    def money(self, amount: Decimal, currency: str) -> str:
        """`€1,500`, `1.500 €`, `1 500 €`. ReportLab breaks lines at a narrow no-break space (French
        grouping), so on paper it is a no-break space: an amount never wraps."""
        return format_money(amount, currency, self.locale).replace("\u202f", "\u00a0")

    def yes_no(self, value: bool | None) -> str:
        return self["unknown"] if value is None else self["yes"] if value else self["no"]


def _printable(text: str) -> str:
    """Control characters (NUL, BEL, form feed...) are dropped; tabs become spaces."""
    text = text.replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))


def user(text: str) -> str:
    """Paragraph markup for text a person typed: printed literally, in any script (the Paragraph
    joins Arabic letters and picks each script's font: core/takeaway/paragraph.py)."""
    return "<br/>".join(escape(line) for line in _printable(text).splitlines())


def user_block(text: str) -> tuple[str, bool]:
    """Markup for a typed paragraph, and whether it reads right to left (then it is aligned right)."""
    return user(text), any(rtl_dominant(line) for line in _printable(text).splitlines())


def kb_text(text: str) -> str:
    """Paragraph markup for a knowledge-base sentence: escaped too, it is data. An amount in it keeps
    together (ReportLab would break at the narrow no-break space of `1 500 €`)."""
    return escape(text.replace("\u202f", "\u00a0"))
