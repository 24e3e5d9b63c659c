"""Store and forward: a tablet keeps saving while the clinic's server is away (issue 11).

When a write to the server fails because the server cannot be reached, the write goes into this
tablet's outbox, a small SQLite file beside its own records (owner-only: it holds answers), and the
wizard says "saved on this tablet". While anything waits there, every new write queues behind it, so
the server receives the writes in the order they were made. `Records.forward()` sends them, oldest
first, each with its operation id; the server stores that id in the same transaction as the write
(`applied_ops`), so a write whose acknowledgement was lost is never applied twice. A write is removed
from the outbox only after the server has committed it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_path

ENV_VAR = "THIRDS_OUTBOX"


def default_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or user_data_path("thirds", appauthor=False) / "outbox.sqlite3")


def new_op() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Op:
    seq: int
    op_id: str
    kind: str  # "draft" or "consultation"
    payload: dict[str, Any]


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA secure_delete=ON")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL UNIQUE,"
            " kind TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL)"
        )
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS set_aside (seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL, kind TEXT NOT NULL,"
            " payload TEXT NOT NULL, why TEXT NOT NULL)"
        )
        self._conn.execute("CREATE TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def keep(self, key: str, value: str | None) -> None:
        """A small fact this tablet needs while the server is away (the PIN's hash, its patient mode);
        None forgets it."""
        if value is None:
            self._conn.execute("DELETE FROM kept WHERE key = ?", (key,))
        else:
            self._conn.execute("INSERT OR REPLACE INTO kept (key, value) VALUES (?, ?)", (key, value))

    def kept(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM kept WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def add(self, op_id: str, kind: str, payload: dict[str, Any]) -> None:
        """Keep a write for the server (one fsync'd commit); the same op_id twice is kept once."""
        self._conn.execute(
            "INSERT OR IGNORE INTO ops (op_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            (op_id, kind, json.dumps(payload), dt.datetime.now(dt.UTC).isoformat()),
        )

    def waiting(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM ops").fetchone()[0])

    def ops(self) -> list[Op]:
        rows = self._conn.execute("SELECT seq, op_id, kind, payload FROM ops ORDER BY seq").fetchall()
        return [Op(seq, op_id, kind, json.loads(payload)) for seq, op_id, kind, payload in rows]

    def sent(self, seq: int) -> None:
        self._conn.execute("DELETE FROM ops WHERE seq = ?", (seq,))

    def set_aside(self, op: Op, why: str) -> None:
        """A write the server refused for good: kept here (never lost, never blocking the others)."""
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("INSERT OR REPLACE INTO set_aside (seq, op_id, kind, payload, why) VALUES (?, ?, ?, ?, ?)",
                               (op.seq, op.op_id, op.kind, json.dumps(op.payload), why))
            self._conn.execute("DELETE FROM ops WHERE seq = ?", (op.seq,))

    def aside(self) -> int:
        """How many writes the server refused are kept on this tablet."""
        return int(self._conn.execute("SELECT count(*) FROM set_aside").fetchone()[0])

    def rewrite(self, seq: int, payload: dict[str, Any]) -> None:
        """A later write retargeted (its consultation was kept beside another tablet's)."""
        self._conn.execute("UPDATE ops SET payload = ? WHERE seq = ?", (json.dumps(payload), seq))

    def forget_patient(self, patient_uid: str, draft_keys: set[str], name_key: str, ref_key: str) -> int:
        """Erasure on this tablet: the writes about this patient that were never sent go too. A write
        with no patient id yet is theirs when it has their name and no other clinic id; every write of
        a draft one of those belongs to goes with it (its first saves may have had half the name)."""
        def theirs(p: dict[str, Any]) -> bool:
            if p.get("patient_uid"):
                return bool(p["patient_uid"] == patient_uid)
            return p.get("key") in draft_keys or (
                bool(name_key) and p.get("name_key") == name_key and p.get("ref_key", "") in ("", ref_key))

        gone = 0
        for table in ("ops", "set_aside"):
            rows = [(seq, json.loads(payload)) for seq, payload in
                    self._conn.execute(f"SELECT seq, payload FROM {table}").fetchall()]  # noqa: S608 (a fixed name)
            keys = {p.get("key") for _, p in rows if theirs(p)} - {None}
            for seq, p in rows:
                if theirs(p) or p.get("key") in keys:
                    self._conn.execute(f"DELETE FROM {table} WHERE seq = ?", (seq,))  # noqa: S608
                    gone += 1
        if gone:  # secure_delete zeroes the pages; the log's older copies of them go too
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return gone

    def close(self) -> None:
        self._conn.close()
