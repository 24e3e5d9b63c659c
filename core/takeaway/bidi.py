"""Right-to-left text in visual order for ReportLab, which lays glyphs left to right.

The levels come from python-bidi (the Unicode bidi algorithm, bracket pairs included, in Rust); this
module only does what the algorithm leaves to the renderer: the line's reordering by those levels
(rule L2), mirrored brackets at right-to-left levels (L4) and combining marks kept after their letter.
A paragraph is wrapped in reading order first (core/takeaway/paragraph.py) and each line reordered.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from bidi import get_display
from bidi.mirror import MIRRORED

Base = Literal["L", "R"]
_LEVEL = re.compile(r"Level\(\s*(\d+),\s*\)")


def is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(is_rtl(ch) for ch in text)


def first_strong(text: str) -> Base | None:
    """The paragraph's direction by rule P2: its first strong letter, or None without one."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return None


@lru_cache(maxsize=4096)
def levels(text: str, base: Base) -> tuple[int, ...]:
    """The resolved embedding level of each character (rules up to L1), from python-bidi.

    python-bidi returns levels only in its debug view, one per UTF-8 byte; that view is read here,
    and a change in its form fails loudly (tests/test_takeaway_bidi.py) instead of printing garbage.
    """
    report = str(get_display(text, base_dir=base, debug=True))
    per_byte = [int(level) for level in _LEVEL.findall(report.split("paragraphs:")[0])]
    out: list[int] = []
    at = 0
    for ch in text:
        if at >= len(per_byte):
            raise RuntimeError("python-bidi's levels do not match the text: update core/takeaway/bidi.py")
        out.append(per_byte[at])
        at += len(ch.encode("utf-8"))
    if at != len(per_byte):
        raise RuntimeError("python-bidi's levels do not match the text: update core/takeaway/bidi.py")
    return tuple(out)


def visual_indices(line_levels: tuple[int, ...]) -> list[int]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run at that level or above."""
    order = list(range(len(line_levels)))
    if not line_levels:
        return order
    highest = max(line_levels)
    lowest_odd = min((level for level in line_levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if line_levels[order[index]] >= level:
                end = index
                while end < len(order) and line_levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order


def marks_after_letters(text: str) -> str:
    """Reversed right-to-left runs put a combining mark before its letter; it goes back after it (L3),
    where a zero-width mark is drawn over the glyph before it."""
    out: list[str] = []
    marks: list[str] = []
    for ch in text:
        if unicodedata.combining(ch):
            marks.append(ch)
            continue
        if marks and is_rtl(ch):
            out.append(ch)
            out.extend(marks)
        else:
            out.extend(marks)
            out.append(ch)
        marks.clear()
    out.extend(marks)
    return "".join(out)


def mirrored(ch: str, level: int) -> str:
    """Rule L4: a bracket at a right-to-left level is drawn as its mirror image."""
    return MIRRORED.get(ch, ch) if level % 2 else ch


def visual(line: str, base: Base | None = None) -> str:
    """One line of text in the order its glyphs are drawn from left to right."""
    if not has_rtl(line):
        return line
    line_levels = levels(line, base or first_strong(line) or "L")
    out = "".join(mirrored(line[index], line_levels[index]) for index in visual_indices(line_levels))
    return marks_after_letters(out)


def rtl_dominant(text: str) -> bool:
    """More right-to-left letters than left-to-right ones: the paragraph reads right to left."""
    rtl = sum(1 for ch in text if is_rtl(ch))
    ltr = sum(1 for ch in text if unicodedata.bidirectional(ch) == "L")
    return rtl > ltr
