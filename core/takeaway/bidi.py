"""A small bidi for typed text: right-to-left runs put in visual order for ReportLab's left-to-right lines.

ReportLab lays glyphs left to right. A Hebrew or Arabic name inside an English line needs its run
reversed; a paragraph that is mostly right-to-left is wrapped in reading order first and then each
line is reversed, so that its first words stay on its first line.
"""

from __future__ import annotations

import re
import unicodedata

from reportlab.lib.utils import simpleSplit

TOKENS = re.compile(r"\s+|\S+")


def is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def _has_rtl(token: str) -> bool:
    return any(is_rtl(ch) for ch in token)


def _clusters(word: str) -> list[str]:
    """Base characters with their combining marks, so marks stay on their letter when reversed."""
    out: list[str] = []
    for ch in word:
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _strong_ltr(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("L", "EN", "AN")


def _flip(token: str) -> str:
    """A right-to-left word reversed; numbers and Latin inside it ('ב-14') keep their own order."""
    if not _has_rtl(token):
        return token
    parts: list[str] = []
    for ch in _clusters(token):
        if parts and _strong_ltr(ch[0]) and _strong_ltr(parts[-1][-1]):
            parts[-1] += ch
        else:
            parts.append(ch)
    return "".join(reversed(parts))


def visual_order(text: str) -> str:
    """For a left-to-right line: each run of right-to-left words reversed in place."""
    if not _has_rtl(text):
        return text
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        trailing: list[str] = []
        while run and run[-1].isspace():
            trailing.insert(0, run.pop())
        out.extend(_flip(token) for token in reversed(run))
        out.extend(trailing)
        run.clear()

    for token in TOKENS.findall(text):
        if _has_rtl(token) or (run and token.isspace()):
            run.append(token)
        else:
            flush()
            out.append(token)
    flush()
    return "".join(out)


def visual_order_rtl(text: str) -> str:
    """For a right-to-left line: the whole line reversed, left-to-right runs (Latin, numbers) kept whole."""
    units: list[str] = []
    ltr: list[str] = []

    def flush() -> None:
        trailing = ltr.pop() if ltr and ltr[-1].isspace() else ""
        if ltr:
            last = ltr[-1]
            stripped = last.rstrip(".,;:!?)")
            punctuation = last[len(stripped) :]
            ltr[-1] = stripped
            units.append("".join(ltr))
            if punctuation:
                units.append(punctuation)
        if trailing:
            units.append(trailing)
        ltr.clear()

    for token in TOKENS.findall(text):
        if _has_rtl(token) or (token.isspace() and not ltr):
            flush()
            units.append(_flip(token))
        else:
            ltr.append(token)
    flush()
    return "".join(reversed(units))


def rtl_dominant(text: str) -> bool:
    """More right-to-left letters than left-to-right ones: the paragraph reads right to left."""
    rtl = sum(1 for ch in text if is_rtl(ch))
    ltr = sum(1 for ch in text if unicodedata.bidirectional(ch) == "L")
    return rtl > ltr


def rtl_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """A right-to-left paragraph wrapped in reading order at `width`, each line then in visual order."""
    return [visual_order_rtl(line) for line in simpleSplit(text, font, size, width)] or [""]
