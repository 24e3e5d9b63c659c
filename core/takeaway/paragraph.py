"""A ReportLab Paragraph that draws right-to-left text: wrapped in reading order, each line then drawn
in visual order (core/takeaway/bidi.py), so the first words of a Hebrew paragraph stay on its first line.

ReportLab breaks lines on the logical text; only drawing sees the reordered copy, so splitting across
pages works on the text as written. A paragraph aligned right reads right to left (rule P3 set by
the document's direction); any other takes its first strong letter (P2).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Paragraph as _ReportLabParagraph

from core.takeaway.arabic import shape
from core.takeaway.bidi import (
    Base,
    first_strong,
    has_rtl,
    levels,
    marks_after_letters,
    mirrored,
    visual,
    visual_indices,
)
from core.takeaway.fonts import script_fonts

_SPACES = " \u00a0"


class Paragraph(_ReportLabParagraph):  # type: ignore[misc]
    def __init__(self, text: str | None, style: Any, bulletText: str | None = None, **kwargs: Any) -> None:  # noqa: N803
        """`text` is ReportLab markup: Arabic letters are joined here and each script gets its font.
        ReportLab hangs a bullet in the left margin; a right-to-left paragraph starts with it instead."""
        if isinstance(text, str):
            if bulletText and style.alignment == TA_RIGHT:
                text, bulletText = f"{escape(bulletText)}\u00a0\u00a0{text}", None
            text = script_fonts(shape(text), bold=style.fontName.endswith("-Bold"))
        super().__init__(text, style, bulletText=bulletText, **kwargs)

    def _base(self, text: str) -> Base:
        return "R" if self.style.alignment == TA_RIGHT else first_strong(text) or "L"

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (ReportLab's name)
        logical: Any = getattr(self, "blPara")  # noqa: B009 (ReportLab sets it in wrap, untyped)
        if logical.kind == 0:
            texts = [" ".join(words) for _, words in logical.lines]
        else:
            texts = ["".join(getattr(frag, "text", "") for frag in line.words) for line in logical.lines]
        if not any(has_rtl(text) for text in texts):
            return super().drawPara(debug)  # type: ignore[no-any-return]
        base = self._base("".join(texts))
        if logical.kind == 0:
            lines = [(extra, visual(text, base).split(" ")) for (extra, _), text in zip(logical.lines, texts, strict=True)]
        else:
            lines = [_visual_frag_line(line, base) for line in logical.lines]
        self.blPara = logical.clone(lines=lines)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical


def _visual_frag_line(line: Any, base: Base) -> Any:
    """A line of styled fragments with its characters reordered, each keeping its fragment's style."""
    frags = list(line.words)
    if any(getattr(frag, "cbDefn", None) is not None or not hasattr(frag, "text") for frag in frags):
        return line  # an image or an anchor in the line: left as laid out
    owners: list[int] = []
    for index, frag in enumerate(frags):
        owners += [index] * len(frag.text)
    text = "".join(frag.text for frag in frags)
    core = text.rstrip(_SPACES)
    trailing = text[len(core) :]
    if not has_rtl(core):
        return line
    line_levels = levels(core, base)
    order = visual_indices(line_levels)
    pieces: list[Any] = []
    for position in order:
        owner = owners[position]
        ch = mirrored(core[position], line_levels[position])
        if pieces and pieces[-1][0] == owner:
            pieces[-1][1].append(ch)
        else:
            pieces.append((owner, [ch]))
    words = [frags[owner].clone(text=marks_after_letters("".join(chars))) for owner, chars in pieces]
    if trailing and words:
        words.append(frags[owners[len(core)]].clone(text=trailing))
    return line.clone(words=words)

