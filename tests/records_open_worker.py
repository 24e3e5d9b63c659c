"""A Thirds process opening the records, for tests/test_records_opening.py.

`race FOLDER ROUNDS NAME [URL]`: says "ready", then for each round waits for FOLDER/go-<round> (all
its siblings wait for the same file, so they open at the same instant), opens FOLDER/round-<round>.sqlite3
(or URL, a PostgreSQL database say), autosaves a draft, reads it back, closes, and says how it went as
one line of JSON.

`hold URL`: opens the records, autosaves a draft, says "open", and keeps them open until a line on
standard input says "close" (then closes cleanly and exits) or it is killed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from core.consultation import Consultation  # noqa: E402
from core.records import Records  # noqa: E402
from core.records.schema import SchemaVersion  # noqa: E402


def consult(name: str) -> Consultation:
    return Consultation(consult_date=dt.date(2026, 11, 23), goals={"in_patient_words": f"saved by {name}"})


def autosave(records: Records, name: str) -> bool:
    """What the wizard's autosave does with a change: one draft, then read back."""
    records.save_draft(name, consult(name), "GoalsPage", 1)
    return any(d.key == name and d.consultation == consult(name) for d in records.drafts())


def one_round(folder: Path, number: int, name: str, url: str) -> dict[str, object]:
    go = folder / f"go-{number}"
    while not go.exists():
        time.sleep(0.0002)
    try:
        records = Records.open(url or f"sqlite:///{folder / f'round-{number}.sqlite3'}", actor=name)
        try:
            with records.engine.connect() as conn:
                version = conn.execute(select(func.max(SchemaVersion.version))).scalar()
            saved = autosave(records, name)
            message = records.message
        finally:
            records.close()
    except Exception as error:  # noqa: BLE001 - reported to the test, which asserts
        return {"round": number, "ok": False, "error": f"{type(error).__name__}: {error}"}
    return {"round": number, "ok": True, "version": version, "saved": saved, "message": message}


def race(folder: Path, rounds: int, name: str, url: str = "") -> None:
    print("ready", flush=True)
    for number in range(rounds):
        print(json.dumps(one_round(folder, number, name, url)), flush=True)


def hold(url: str) -> None:
    records = Records.open(url, actor="hold")
    autosave(records, f"hold-{os.getpid()}")
    print("open", flush=True)
    if sys.stdin.readline().strip() == "close":
        records.close()
        print("closed", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "race":
        race(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4], *sys.argv[5:])
    else:
        hold(sys.argv[2])
