"""Fills a consult forever, printing "saved N" after each committed draft; the crash test kills it.

Every seventh revision also stores a final consultation and prints "final N".
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.consultation import Concern, Consultation  # noqa: E402
from core.records import Records  # noqa: E402
from core.vocabulary import Area  # noqa: E402

KEY = "crash-test-draft"
AREAS = (Area.FOREHEAD, Area.GLABELLA, Area.CROWS_FEET, Area.CHEEKS, Area.LIPS)
KINDS = {Area.FOREHEAD: "horizontal_lines", Area.GLABELLA: "frown_lines",
         Area.CROWS_FEET: "crows_feet_lines", Area.CHEEKS: "volume_loss", Area.LIPS: "thin_lips"}


def answers(revision: int) -> Consultation:
    """The answers after `revision` changes: every revision changes something different."""
    areas = [a for i, a in enumerate(AREAS) if revision >> i & 1]
    return Consultation(
        consult_date=dt.date(2026, 11, 23),
        patient={"name": f"Crash Test {revision % 97}", "patient_id": f"CT-{revision % 13}"},
        practitioner=f"revision {revision}",
        goals={"in_patient_words": f"words typed at revision {revision}", "budget": revision % 1000},
        skin={"texture": revision % 5, "hydration": (revision // 5) % 5},
        concerns=[Concern(area=a, kind=KINDS[a], severity_rest=revision % 5) for a in areas],
    )


def main(url: str) -> None:
    records = Records.open(url, actor="crash test")
    drafts = [d for d in records.drafts() if d.key == KEY]
    revision = drafts[0].revision if drafts else 0
    while True:
        revision += 1
        records.save_draft(KEY, answers(revision), f"page-{revision % 10}", revision)
        print(f"saved {revision}", flush=True)
        if revision % 7 == 0:
            records.save_consultation(answers(revision))
            print(f"final {revision}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
