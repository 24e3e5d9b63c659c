"""The autosave under a file size limit, for tests/test_records_full_disk.py: saves one change, then
limits this process's file writes to what is written already (RLIMIT_FSIZE, SIGXFSZ ignored), makes
changes while every save fails, lifts the limit, and reports on one line of JSON."""

from __future__ import annotations

import datetime as dt
import json
import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer  # noqa: E402

from core.consultation import Consultation  # noqa: E402
from core.records import Records  # noqa: E402
from core.records.database import sqlite_path  # noqa: E402
from gui.records.autosave import Autosaver  # noqa: E402

CHANGES = 12


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def words(n: int) -> Consultation:
    return Consultation(consult_date=dt.date(2027, 5, 1), goals={"in_patient_words": f"change {n} " * 200})


def main(url: str) -> None:
    app = QCoreApplication([])
    records = Records.open(url, actor="size limit")
    owner = QObject()
    saver = Autosaver(records, lambda: "GoalsPage", owner, delay_ms=20, retry_ms=(50, 100))
    reasons: set[str] = set()
    tries = 0

    def failed(why: str, _waiting: int) -> None:
        nonlocal tries
        tries += 1
        reasons.add(why)

    saver.not_saved.connect(failed)
    saver.track(words(0))
    assert saver.flush()
    path = sqlite_path(url)
    assert path is not None
    wal = Path(f"{path}-wal")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (wal.stat().st_size, hard))  # the log cannot grow
    for n in range(1, CHANGES + 1):
        saver.track(words(n))
        wait(30)
    wait(400)
    limited_tries, waiting = tries, saver.waiting
    in_memory = saver.latest.goals.in_patient_words if saver.latest else ""
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    wait(400)
    print(json.dumps({
        "limited_tries": limited_tries, "reasons": sorted(reasons), "changes": CHANGES, "waiting": waiting,
        "in_memory": in_memory, "last_words": words(CHANGES).goals.in_patient_words,
        "saved_after_lifting": not saver.pending, "waiting_after": saver.waiting, "revision": saver.revision,
    }), flush=True)
    records.close()
    app.quit()


if __name__ == "__main__":
    main(sys.argv[1])
