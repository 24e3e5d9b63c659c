"""An unexpected error in the wizard: the answers are saved, the practitioner is told in plain words,
and the log keeps where it happened, never what was typed.

Qt calls Python slots from C++, so an exception there does not stop the app: without this hook it
is printed to a terminal nobody reads and the tap silently does nothing.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from gui.words import ui


def log_path() -> Path:
    from platformdirs import user_log_path

    return user_log_path("thirds", appauthor=False) / "errors.log"


def describe(kind: type[BaseException], trace: TracebackType | None) -> str:
    """The error's type and where it happened: file, line, function. Not its message, which can
    quote a patient's answer (a validation error repeats the value it refused)."""
    frames = traceback.extract_tb(trace)
    lines = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join([f"{kind.__module__}.{kind.__qualname__}", *lines])


def install(parent: Callable[[], QWidget | None], save: Callable[[], object],
            log: Callable[[], Path] = log_path) -> None:
    """Route uncaught exceptions to `handle`; `parent` gives the window to speak from."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        handle(kind, trace, parent(), save, log())

    sys.excepthook = hook


def handle(kind: type[BaseException], trace: TracebackType | None, parent: QWidget | None,
           save: Callable[[], object], log: Path) -> None:
    try:
        save()  # first, so a second failure below cannot cost the answers
    except Exception as failure:  # noqa: BLE001 (saving is best effort here; it is logged)
        _write(log, describe(type(failure), failure.__traceback__))
    _write(log, describe(kind, trace))
    QMessageBox.warning(parent, "Thirds", ui().errors.message)  # the window title is the app's name


def _write(log: Path, text: str) -> None:
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {text}\n")
    except OSError:
        print(text, file=sys.stderr)
