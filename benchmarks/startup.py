"""Startup and repaint figures for the wizard (issue 3).

1. Cold start to the first page painted, in a fresh process, as a ratio to a bare QWizard with one
   page measured in the same run (target <= 1.5x). Runs are interleaved; medians are compared.
2. Tap to painted frame on every page (benchmarks/frames.py, run from here so `make bench` runs it):
   p95 <= 16 ms on every page, <= 12 ms on the Plan page.
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
RUNS = 15
TARGET_RATIO = 1.5

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
from core.knowledge.ui import clinic_language
from gui.app import create_app, open_window, use_language
app = create_app()
use_language(app, clinic_language())  # as `thirds` starts (gui.app.run): the clinic's language first
wizard = open_window(database=sys.argv[1])
probe = _Probe()
wizard.currentPage().installEventFilter(probe)
app.exec()
"""

READY = """
import sys, time
from PySide6.QtCore import QTimer
from core.knowledge.ui import clinic_language
from gui.app import create_app, open_window, use_language
app = create_app()
use_language(app, clinic_language())
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
    sys.stdout.flush()
    sys.path.insert(0, str(Path(__file__).parent))
    import frames  # tap to painted frame on every page, in this process (offscreen unless told otherwise)

    return frames.main()


if __name__ == "__main__":
    sys.exit(main())
