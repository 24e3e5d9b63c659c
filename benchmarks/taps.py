"""Taps for a whole consult (issue 10): drive the real wizard the fastest way a practitioner would,
counting taps, keystrokes, pages and taps that land on a control the tap before moved.

    tired_face: 38 taps, 31 keystrokes, 10 pages, 0 moved

Target for the tired-face consult: at most 45 taps and no moved control. Run: `make bench` (or
`QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/taps.py`).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget  # noqa: E402

TARGET_TAPS = 45


@dataclass
class Count:
    taps: int = 0
    keys: int = 0
    pages: set[str] = field(default_factory=set)
    moved: list[str] = field(default_factory=list)


class Driver:
    """Finds controls by accessible name, taps them like a finger, and counts."""

    def __init__(self, wizard: QWidget) -> None:
        self.wizard = wizard
        self.count = Count()
        self._moved_by_last: set[int] = set()  # controls the previous tap moved

    def _geometry(self) -> dict[int, tuple[str, QRect]]:
        page = self.wizard.currentPage()  # type: ignore[attr-defined]
        out = {}
        for w in self.wizard.findChildren(QAbstractButton):
            if w.isVisible() and w.accessibleName():
                top_left = w.mapTo(self.wizard, QPoint(0, 0))
                out[id(w)] = (w.accessibleName(), QRect(top_left, w.size()))
        self.count.pages.add(type(page).__name__)
        return out

    def find(self, name: str, kind: type[QWidget] = QWidget) -> QWidget:
        QApplication.processEvents()
        found = [w for w in self.wizard.findChildren(kind) if w.accessibleName() == name and w.isVisible()]
        if len(found) != 1:
            names = sorted({w.accessibleName() for w in self.wizard.findChildren(QWidget)
                            if w.isVisible() and w.accessibleName()})
            raise LookupError(f"{len(found)} visible controls named {name!r}; some there: {names[:60]}")
        return found[0]

    def _is_button(self, name: str) -> bool:
        return any(w.accessibleName() == name and w.isVisible() for w in self.wizard.findChildren(QAbstractButton))

    def has(self, name: str) -> bool:
        QApplication.processEvents()
        return any(w.accessibleName() == name and w.isVisible() for w in self.wizard.findChildren(QWidget))

    def tap(self, name: str, pos: QPoint | None = None, widget: QWidget | None = None) -> None:
        target = widget or self.find(name, QAbstractButton) if widget is None and self._is_button(name) else (
            widget or self.find(name))
        from gui_taps import scroll_to

        if id(target) in self._moved_by_last:  # the finger aimed at where it was: a tap on a moved control
            self.count.moved.append(f"{name}: moved by the tap before")
        scroll_to(target)
        before = self._geometry()
        page = self.wizard.currentPage()  # type: ignore[attr-defined]
        if pos is None:
            QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        else:
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        QApplication.processEvents()
        self.count.taps += 1
        self._moved_by_last = set()
        if self.wizard.currentPage() is page:  # type: ignore[attr-defined]
            after = self._geometry()
            self._moved_by_last = {key for key, (_, rect) in before.items() if key in after and after[key][1] != rect}

    def type(self, name: str, text: str) -> None:
        widget = self.find(name)
        assert isinstance(widget, QLineEdit | QPlainTextEdit), name
        self.tap(name, widget=widget)
        QTest.keyClicks(widget, text)
        QApplication.processEvents()
        self.count.keys += len(text)

    def keys(self, name: str, text: str) -> None:
        """Keystrokes into a control that has focus already (e.g. a date typed after one tap)."""
        widget = self.find(name)
        QTest.keyClicks(widget, text)
        QApplication.processEvents()
        self.count.keys += len(text)


def _wizard():  # type: ignore[no-untyped-def]
    from core.knowledge.loader import load_knowledge_base
    from gui.theme import apply as apply_theme
    from gui.wizard import ConsultationWizard

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    wizard = ConsultationWizard(load_knowledge_base(), confirm=lambda *_: True)
    wizard.resize(1280, 800)
    wizard.show()
    QApplication.processEvents()
    return wizard


Consult = Callable[[Driver], None]
CONSULTS: dict[str, Consult] = {}


def consult(name: str) -> Callable[[Consult], Consult]:
    def register(fn: Consult) -> Consult:
        CONSULTS[name] = fn
        return fn

    return register


def run(name: str) -> tuple[Count, object]:
    wizard = _wizard()
    driver = Driver(wizard)
    CONSULTS[name](driver)
    QApplication.processEvents()
    driver._geometry()  # the page the consult ends on counts too
    result = (driver.count, wizard.draft)
    wizard.close()
    wizard.deleteLater()
    QApplication.processEvents()
    return result


def one(name: str) -> int:
    """One consult in this process: print its line."""
    import consults  # the three consults register themselves (in the importable `taps` module)
    import taps

    assert consults.tired_face is taps.CONSULTS["tired_face"]
    count, _ = taps.run(name)
    print(f"{name}: {count.taps} taps, {count.keys} keystrokes, {len(count.pages)} pages, {len(count.moved)} moved")
    for line in count.moved:
        print(f"    moved: {line}")
    sys.stdout.flush()
    os._exit(0)  # no teardown: each consult has a fresh process and a fresh wizard


def main() -> int:
    """Each consult in its own process (a fresh app, as on the tablet), its lines printed here."""
    import subprocess

    taps = None
    for name in ("tired_face", "lips_first_time", "breastfeeding"):
        out = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True, check=False)
        lines = [line for line in out.stdout.splitlines() if line.strip()]
        if out.returncode != 0 or not lines:
            print(f"{name}: failed ({out.returncode}): {out.stderr.strip().splitlines()[-1:] or ''}")
            return 1
        print("\n".join(lines))
        if name == "tired_face":
            taps = int(lines[0].split(": ")[1].split(" taps")[0])
            moved = int(lines[0].rsplit(", ", 1)[1].split(" moved")[0])
    met = taps is not None and taps <= TARGET_TAPS and moved == 0
    print(f"target: tired_face <= {TARGET_TAPS} taps and 0 moved: {'met' if met else 'missed'}")
    return 0


TODAY = dt.date.today()

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(one(sys.argv[2]) if sys.argv[1:2] == ["--one"] else main())
