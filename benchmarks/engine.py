"""Plans per second over every example, on one core: the review page recomputes on every tap.

Target (issue 2): at least 2,000 plans/s, 0.5 ms a plan. Run with `make bench`.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.consultation import Consultation  # noqa: E402
from core.engine import plan  # noqa: E402
from core.knowledge.loader import load_knowledge_base  # noqa: E402

TARGET = 2_000
SECONDS = float(os.environ.get("THIRDS_BENCH_SECONDS", "2.0"))


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def main() -> int:
    _one_core()
    kb = load_knowledge_base()
    examples = [
        Consultation.model_validate(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted((ROOT / "examples").glob("*.json"))
    ]
    if not examples:
        print("engine: no examples in examples/")
        return 1
    for consultation in examples:  # warm up
        plan(consultation, kb)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        for consultation in examples:
            plan(consultation, kb)
        count += len(examples)
    elapsed = time.perf_counter() - start
    rate = count / elapsed
    verdict = "meets" if rate >= TARGET else "BELOW"
    print(
        f"engine: {rate:,.0f} plans/s ({1000 / rate:.3f} ms/plan) over {len(examples)} examples, one core "
        f"({verdict} the {TARGET:,} plans/s target)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
