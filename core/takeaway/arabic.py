"""Arabic letters joined the way they are written (contextual forms), for a PDF without a shaper.

Forms come from Unicode's own table (Arabic Presentation Forms-B decompositions), so nothing here is
typed by hand. Run before `visual_order`; letters other than Arabic pass through unchanged.
"""

from __future__ import annotations

import unicodedata
from functools import cache

Forms = dict[str, str]


@cache
def _forms() -> dict[tuple[str, ...], Forms]:
    table: dict[tuple[str, ...], Forms] = {}
    for code in range(0xFE70, 0xFEFD):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) < 2 or not parts[0].startswith("<"):
            continue
        base = tuple(chr(int(part, 16)) for part in parts[1:])
        table.setdefault(base, {})[parts[0].strip("<>")] = chr(code)
    return table


def _letter(ch: str) -> Forms:
    return _forms().get((ch,), {})


def _transparent(ch: str) -> bool:
    return unicodedata.category(ch) == "Mn"


def _joins_forward(ch: str) -> bool:
    """A dual-joining letter (it has an initial form) connects to the letter after it."""
    return "initial" in _letter(ch) or ch == "\u0640"


def _joins_back(ch: str) -> bool:
    return "final" in _letter(ch) or ch == "\u0640"


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and _transparent(text[index]):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def shape(text: str) -> str:
    if not any("\u0600" <= ch <= "\u06ff" for ch in text):
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        ch = text[index]
        after = _neighbour(text, index, 1)
        before = _neighbour(text, index, -1)
        back = bool(before) and _joins_forward(before) and _joins_back(ch)
        ligature = _forms().get((ch, after), {}) if ch == "\u0644" else {}
        if ligature and text[index + 1] == after:
            out.append(ligature["final" if back else "isolated"])
            index += 2
            continue
        forms = _letter(ch)
        forward = bool(after) and _joins_forward(ch) and _joins_back(after)
        kind = {(True, True): "medial", (True, False): "final", (False, True): "initial"}.get(
            (back, forward), "isolated"
        )
        out.append(forms.get(kind, forms.get("isolated", ch)) if forms else ch)
        index += 1
    return "".join(out)
