"""Startup and repaint figures for the wizard (issue 3).

1. Cold start to the first page painted, in a fresh process, as a ratio to a bare QWizard with one
   page measured in the same run (target <= 1.5x). Runs are interleaved; medians are compared.
2. Recompute and repaint of the Plan page after a change (decline / restore), in one process
   (target <= 16 ms, one frame at 60 Hz).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
TARGET_RATIO = 1.5
TARGET_MS = 16.0

PAINT_PROBE = """
from PySide6.QtCore import QEvent, QObject
class _Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            import os; os._exit(0)
        return False
"""

BARE = PAINT_PROBE + """
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage
app = QApplication([])
app.setStyle("Fusion")
wizard = QWizard()
wizard.setWizardStyle(QWizard.WizardStyle.ModernStyle)
page = QWizardPage()
page.setTitle("Consult")
QVBoxLayout(page).addWidget(QLabel("Patient name"))
wizard.addPage(page)
probe = _Probe()
page.installEventFilter(probe)
wizard.resize(1280, 800)
wizard.show()
app.exec()
"""

THIRDS = PAINT_PROBE + """
import sys
from gui.app import create_app, open_window
app = create_app()
wizard = open_window(database=sys.argv[1])
probe = _Probe()
wizard.currentPage().installEventFilter(probe)
app.exec()
"""

READY = """
import sys, time
from PySide6.QtCore import QTimer
from gui.app import create_app, open_window
app = create_app()
wizard = open_window(database=sys.argv[1])
def _ready():
    if getattr(wizard, "records", None) is not None:
        print("painted", flush=True)  # ready: knowledge base, draft and records loaded
        wizard.records.close()  # a clean shutdown, as closing the window does (a crash would
        import os; os._exit(0)  # make the next start check the whole file, see core/records)
poll = QTimer()
poll.timeout.connect(_ready)
poll.start(1)
app.exec()
"""


def cold_start(script: str, database: str = "sqlite://") -> float:
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", script, database], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    elapsed = time.perf_counter() - start
    if "painted" not in result.stdout:
        raise SystemExit(f"startup probe never painted:\n{result.stderr}")
    return elapsed


def repaint_times(rounds: int = 40) -> tuple[list[float], list[float]]:
    """Per change: ms until the window's frame is painted, and ms until the event queue is idle.

    The change is what the Decline reason button (and Restore) runs; the frame is the first paint
    of the wizard after it, seen by an event filter, so nothing is painted twice to be measured.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from PySide6.QtCore import QEvent, QObject

    from core.knowledge.loader import clinic_knowledge_base
    from core.vocabulary import Area, Tool
    from gui.app import create_app
    from gui.pages.plan import PlanPage
    from gui.screenshots import sample
    from gui.wizard import ConsultationWizard

    class PaintClock(QObject):
        painted_at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.painted_at = time.perf_counter()
            return False

    app = create_app()
    wizard = ConsultationWizard(clinic_knowledge_base(), confirm=lambda *_: True)
    wizard.model.load(sample(dt.date.today()))
    wizard.show()
    while not isinstance(wizard.currentPage(), PlanPage):
        wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, PlanPage)
    app.processEvents()
    clock = PaintClock()
    page.view.installEventFilter(clock)
    to_frame, to_idle = [], []
    for index in range(rounds):
        clock.painted_at = None
        start = time.perf_counter()
        if index % 2 == 0:
            page.decline(Tool.HA_FILLER, Area.CHEEKS, "Cost")
        else:
            page.restore(Tool.HA_FILLER, Area.CHEEKS)
        app.processEvents()  # layout, the paint of the changed page, then the old sections' deletion
        idle = time.perf_counter()
        if clock.painted_at is None:
            raise SystemExit("the Plan page was not repainted after a change")
        to_frame.append((clock.painted_at - start) * 1000)
        to_idle.append((idle - start) * 1000)
    wizard.dirty = False
    wizard.close()
    return to_frame[2:], to_idle[2:]  # the first rounds warm caches (fonts, style)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> int:
    # An installed app runs from bytecode; this machine sets PYTHONDONTWRITEBYTECODE, so compile first
    # (PySide6 in the bare run has its bytecode from pip).
    for package in ("core", "gui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{Path(folder) / 'records.sqlite3'}"
        cold_start(READY, database)  # creates the records file, as the first start of a clinic does
        bare, thirds, ready = [], [], []
        for _ in range(RUNS):
            bare.append(cold_start(BARE))
            thirds.append(cold_start(THIRDS, database))
            ready.append(cold_start(READY, database))
    b, t, r = statistics.median(bare), statistics.median(thirds), statistics.median(ready)
    ratio = t / b
    print(f"cold start to first page painted: Thirds {t * 1000:.0f} ms, bare QWizard {b * 1000:.0f} ms "
          f"(medians of {RUNS}); ratio {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    print(f"cold start to ready (knowledge base, draft and records loaded, first page filled in): {r * 1000:.0f} ms")
    frame, idle = repaint_times()
    print(f"plan recompute + repaint after a change: frame painted after median {statistics.median(frame):.1f} ms, "
          f"p95 {_p95(frame):.1f} ms (target <= {TARGET_MS:.0f} ms); event queue idle after median "
          f"{statistics.median(idle):.1f} ms (old sections deleted after the frame)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
