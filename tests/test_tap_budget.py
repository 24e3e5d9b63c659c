"""Issue 10: the tired-face consult in at most 45 taps, none on a control the tap before moved. The
figure itself is benchmarks/taps.py's (README); this keeps the budget from slipping unnoticed."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_tired_face_consult_fits_the_tap_budget() -> None:
    script = ROOT / "benchmarks" / "taps.py"
    out = subprocess.run([sys.executable, str(script), "--one", "tired_face"], capture_output=True, text=True,
                         timeout=240, check=False, cwd=ROOT / "benchmarks")
    line = next(line for line in out.stdout.splitlines() if line.startswith("tired_face:"))
    taps = int(line.split(": ")[1].split(" taps")[0])
    moved = int(line.rsplit(", ", 1)[1].split(" moved")[0])
    assert taps <= 45, line
    assert moved == 0, out.stdout
