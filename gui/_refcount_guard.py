"""Work around a PySide6 6.12 bug on Python 3.11: each signal delivered to a Python slot drops one
reference to True (and on some paths None) without taking it, so after a few thousand taps Python
aborts with "bool_dealloc: deallocating True or False".

Python 3.12+ makes these singletons immortal, so there the bug is harmless; on 3.11 we give them a
reference count they cannot realistically exhaust. PySide6 6.11.3 does not have the bug: pinning
`pyside6-essentials!=6.12.0` in pyproject.toml is the real fix (see the wizard's report).
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40


def guard() -> bool:
    """Apply once when the affected combination is present; returns whether it was needed."""
    import PySide6

    if sys.version_info >= (3, 12) or tuple(PySide6.__version_info__[:2]) != (6, 12):
        return False
    if getattr(guard, "done", False):
        return True
    for singleton in (True, False, None):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _MARGIN
    guard.done = True  # type: ignore[attr-defined]
    return True
