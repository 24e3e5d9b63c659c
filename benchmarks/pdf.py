"""Time to build the patient takeaway of the largest example, and its ratio to a one-page document.

Target (issue 4): at most 250 ms a takeaway. The one-page ReportLab document, built in the same
run, makes the figure comparable across machines. Run with `make bench`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from core.consultation import Consultation  # noqa: E402
from core.engine import plan  # noqa: E402
from core.knowledge.loader import load_knowledge_base  # noqa: E402
from core.plan import Plan  # noqa: E402
from core.takeaway import record_pdf, takeaway_pdf  # noqa: E402

TARGET_MS = 250.0
RUNS = int(os.environ.get("THIRDS_BENCH_RUNS", "30"))


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _size(result: Plan) -> int:
    return len(result.recommendations) + len(result.sessions) + len(result.flags) + len(result.maintenance)


def _one_page() -> bytes:
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    SimpleDocTemplate(buffer).build(
        [Paragraph("One page", styles["Title"]), Paragraph("A single paragraph of body text. " * 20, styles["Normal"])]
    )
    return buffer.getvalue()


def _median_ms(build: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    _one_core()
    kb = load_knowledge_base()
    cases = []
    for path in sorted((ROOT / "examples").glob("*.json")):
        consultation = Consultation.model_validate(json.loads(path.read_text(encoding="utf-8")))
        cases.append((path.stem, consultation, plan(consultation, kb)))
    if not cases:
        print("pdf: no examples in examples/")
        return 1
    name, consultation, result = max(cases, key=lambda case: _size(case[2]))
    start = time.perf_counter()
    takeaway_pdf(consultation, result, kb)
    cold = (time.perf_counter() - start) * 1000
    _one_page()
    page = _median_ms(_one_page, RUNS)
    warm = _median_ms(lambda: takeaway_pdf(consultation, result, kb), RUNS)
    record = _median_ms(lambda: record_pdf(consultation, result, kb), max(5, RUNS // 3))
    verdict = "meets" if warm <= TARGET_MS else "ABOVE"
    print(
        f"pdf: takeaway of '{name}' {warm:.1f} ms median over {RUNS} builds ({verdict} the {TARGET_MS:.0f} ms target); "
        f"first build in a process {cold:.1f} ms (fonts, face drawing)"
    )
    print(f"pdf: one-page ReportLab document {page:.1f} ms; takeaway / one page = {warm / page:.1f}x")
    print(f"pdf: practitioner record of '{name}' {record:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
