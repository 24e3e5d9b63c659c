"""Arabic letters joined the way they are written (contextual forms and lam-alef), for a PDF without a
shaper: arabic-reshaper, with the diacritics (harakat) kept. Letters other than Arabic pass through."""

from __future__ import annotations

from functools import cache

from arabic_reshaper import ArabicReshaper


@cache
def _reshaper() -> ArabicReshaper:
    return ArabicReshaper(configuration={"delete_harakat": False, "delete_tatweel": False})


def shape(text: str) -> str:
    if not any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text):
        return text
    return str(_reshaper().reshape(text))
