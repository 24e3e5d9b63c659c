"""Autosave survives SIGKILL: after each of 50+ kills at random moments, every answer the process
reported as saved is recovered, and the database passes PRAGMA integrity_check."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from records_crash_worker import KEY, answers

from core.records import Records

WORKER = Path(__file__).with_name("records_crash_worker.py")
# `make test`: a short run; `make test-long` (THIRDS_LONG=1): 52 kills, the figure in the docstring.
KILLS_PER_LANE = 26 if os.environ.get("THIRDS_LONG") else 5
LANES = 2


def _run_and_kill(url: str, rng: random.Random) -> list[str]:
    """Start the worker, let it save for a random while (sometimes not at all), SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, str(WORKER), url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: list[str] = []
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0.0, 0.4))  # during start-up and opening
    else:
        first = process.stdout.readline()
        lines.append(first.strip())
        time.sleep(rng.uniform(0.0, 0.25))
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, err
    return lines + [line for line in out.splitlines() if line]


def _lane(folder: Path, seed: int, failures: list[str], kills: list[int]) -> None:
    rng = random.Random(seed)
    path = folder / f"lane{seed}.sqlite3"
    url = f"sqlite:///{path}"
    finals: set[int] = set()
    try:
        for _ in range(KILLS_PER_LANE):
            reported = _run_and_kill(url, rng)
            saved = [int(line.split()[1]) for line in reported if line.startswith("saved ")]
            finals |= {int(line.split()[1]) for line in reported if line.startswith("final ")}
            kills.append(1)
            records = Records.open(url)
            try:
                assert records.message == "", records.message
                drafts = [d for d in records.drafts() if d.key == KEY]
                if saved:
                    assert drafts, "a reported draft is missing"
                if drafts:
                    draft = drafts[0]
                    assert draft.revision >= max(saved, default=0), (draft.revision, max(saved))
                    assert draft.consultation == answers(draft.revision)
                    assert draft.page_id == f"page-{draft.revision % 10}"
                stored = {c.practitioner for p in records.search_patients("crash", limit=200)
                          for c in records.consultations_of(p.uid)}
                missing = {f"revision {n}" for n in finals} - stored
                assert not missing, missing
            finally:
                records.close()
            with sqlite3.connect(path) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            conn.close()
    except Exception as error:  # noqa: BLE001 - a lane reports, the test asserts
        failures.append(f"lane {seed}: {error!r}")


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_reported_answer(tmp_path):
    failures: list[str] = []
    kills: list[int] = []
    lanes = [
        threading.Thread(target=_lane, args=(tmp_path, seed, failures, kills))
        for seed in range(LANES)
    ]
    for lane in lanes:
        lane.start()
    for lane in lanes:
        lane.join()
    assert failures == []
    assert len(kills) == KILLS_PER_LANE * LANES
