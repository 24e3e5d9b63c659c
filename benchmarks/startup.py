"""Startup and repaint figures for the wizard (issue 3).

1. Cold start to the first page painted, in a fresh process, as a ratio to a bare QWizard with one
   page measured in the same run (target <= 1.5x). Runs are interleaved; medians are compared.
2. Recompute and repaint of the Plan page after a change (decline / restore), in one process
   (target <= 16 ms, one frame at 60 Hz).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
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
from gui.app import create_app
app = create_app()
from core.knowledge.loader import clinic_knowledge_base
from gui.wizard import ConsultationWizard
wizard = ConsultationWizard(clinic_knowledge_base())
probe = _Probe()
wizard.pages[0].installEventFilter(probe)
wizard.show()
app.exec()
"""


def cold_start(script: str) -> float:
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    elapsed = time.perf_counter() - start
    if "painted" not in result.stdout:
        raise SystemExit(f"startup probe never painted:\n{result.stderr}")
    return elapsed


def repaint_times(rounds: int = 40) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from core.knowledge.loader import clinic_knowledge_base
    from core.vocabulary import Area, Tool
    from gui.app import create_app
    from gui.pages.plan import PlanPage
    from gui.screenshots import sample
    from gui.wizard import ConsultationWizard

    app = create_app()
    wizard = ConsultationWizard(clinic_knowledge_base(), confirm=lambda *_: True)
    wizard.load(sample(dt.date.today()))
    wizard.show()
    while not isinstance(wizard.currentPage(), PlanPage):
        wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, PlanPage)
    app.processEvents()
    times = []
    for index in range(rounds):
        start = time.perf_counter()
        if index % 2 == 0:
            page.decline(Tool.HA_FILLER, Area.CHEEKS, "Cost")
        else:
            page.restore(Tool.HA_FILLER, Area.CHEEKS)
        app.processEvents()  # layout of the new view
        wizard.repaint()  # synchronous paint of the whole window
        times.append((time.perf_counter() - start) * 1000)
    wizard.dirty = False
    wizard.close()
    return times[2:]  # the first rounds warm caches (fonts, style)


def main() -> int:
    bare, thirds = [], []
    for _ in range(RUNS):
        bare.append(cold_start(BARE))
        thirds.append(cold_start(THIRDS))
    b, t = statistics.median(bare), statistics.median(thirds)
    ratio = t / b
    print(f"cold start to first page painted: Thirds {t * 1000:.0f} ms, bare QWizard {b * 1000:.0f} ms "
          f"(medians of {RUNS}); ratio {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    times = repaint_times()
    median = statistics.median(times)
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(f"plan recompute + repaint after a change: median {median:.1f} ms, p95 {p95:.1f} ms "
          f"(target <= {TARGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
