"""The writes of a tablet whose clinic server may be away (core/records/outbox.py says how they are
kept). Each write gets an operation id; it goes straight to the server when nothing waits before it,
else behind what waits. Sent later, in order, each exactly once:

- a draft another window took over meanwhile is kept beside it, as a copy of its own (one per draft
  and window), never over it; a draft erased meanwhile is not written again;
- a consultation saved on another tablet meanwhile is kept beside that one (optimistic versioning,
  `Saved.conflict_of`), and the writes queued after it follow it there.
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from core.consultation import Consultation
from core.plan import Plan
from core.records.failures import disk_full
from core.records.files import fold
from core.records.leases import LeaseLost
from core.records.models import RecordNotFound, Saved
from core.records.outbox import Op, new_op

if TYPE_CHECKING:
    from core.records.repository import Records

AWAY_S = 15.0  # after the server could not be reached, writes go to the outbox this long without trying it


def offline(records: Records, error: BaseException) -> bool:
    """The server cannot be reached (gone, restarting, the network down): keep the write on the tablet.
    Anything else (a refusal, a full disk on the server) is not hidden behind "saved on this tablet"."""
    if records.engine.dialect.name == "sqlite" or disk_full(error):
        return False
    return isinstance(error, DBAPIError) and (error.connection_invalidated or _connection_error(error))


def _connection_error(error: DBAPIError) -> bool:
    orig = getattr(error, "orig", None)
    name = type(orig).__name__ if orig is not None else ""
    return name in ("OperationalError", "InterfaceError") and getattr(orig, "sqlstate", None) in (
        None, "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03")


def away(records: Records) -> bool:
    """The server could not be reached a moment ago: do not try it again yet (a network that answers
    nothing costs the connect timeout on every try, and the wizard must not freeze on each answer)."""
    return time.monotonic() < records.away_until


def _went_away(records: Records) -> None:
    records.away_until = time.monotonic() + AWAY_S


def _first(records: Records) -> bool:
    """Nothing waits before a new write (what waited was sent now, if it could be)."""
    if records.outbox is None or records.outbox.waiting() == 0:
        return not away(records)
    return send(records)


def save_draft(records: Records, key: str, consultation: Consultation, page_id: str, revision: int,
               **where: Any) -> bool:
    assert records.outbox is not None
    op_id = new_op()
    payload = {"key": key, "answers": consultation.model_dump(mode="json"), "page_id": page_id,
               "revision": revision, "name_key": fold(consultation.patient.name), **where}
    if _first(records):
        try:
            return records.save_draft(key, consultation, page_id, revision, op_id=op_id, **where)
        except SQLAlchemyError as error:
            if not offline(records, error):
                raise
            _went_away(records)
    records.outbox.add(op_id, "draft", payload)
    return True


def save_consultation(records: Records, consultation: Consultation, plan: Plan | None, **args: Any) -> Saved:
    assert records.outbox is not None
    op_id = new_op()
    args["consultation_uid"] = args.get("consultation_uid") or str(uuid.uuid4())  # its uid from now on
    if _first(records):
        try:
            return records.save_consultation(consultation, plan, op_id=op_id, **args)
        except SQLAlchemyError as error:
            if not offline(records, error):
                raise
            _went_away(records)
    records.outbox.add(op_id, "consultation", {
        "answers": consultation.model_dump(mode="json"), "plan": plan.model_dump(mode="json") if plan else None,
        "name_key": fold(consultation.patient.name), **args})
    return Saved(args.get("patient_uid") or "", args["consultation_uid"], (args.get("expected_version") or 0) + 1,
                 args.get("patient_version") or 1, queued=True)


def send(records: Records) -> bool:
    """Send the outbox, oldest first, each write once; stop at the first the server cannot take now.
    True when nothing waits any more."""
    assert records.outbox is not None
    if away(records):
        return records.outbox.waiting() == 0
    for op in records.outbox.ops():
        try:
            _apply(records, op)
        except SQLAlchemyError as error:
            if offline(records, error):
                _went_away(records)
                return False
            raise
        records.outbox.sent(op.seq)
    return True


def _apply(records: Records, op: Op) -> None:
    p = dict(op.payload)
    p.pop("name_key", None)
    consultation = Consultation.model_validate(p.pop("answers"))
    if op.kind == "draft":
        key, page_id, revision = p.pop("key"), p.pop("page_id"), p.pop("revision")
        try:
            records.save_draft(key, consultation, page_id, revision, op_id=op.op_id, **p)
        except LeaseLost:  # taken over while this tablet was away: kept beside, never over it
            copy = str(uuid.uuid5(uuid.NAMESPACE_URL, f"thirds-copy:{key}:{p.get('holder')}"))
            records.save_draft(copy, consultation, page_id, revision, op_id=op.op_id,
                               **{**p, "copy_of": key, "consultation_uid": None})
        except RecordNotFound:
            pass  # erased meanwhile: not written again
        return
    plan = Plan.model_validate(p.pop("plan")) if p.get("plan") else None
    p.pop("plan", None)
    try:
        saved = records.save_consultation(consultation, plan, op_id=op.op_id, **p)
    except RecordNotFound:
        return  # the patient was erased meanwhile
    if saved.conflict_of:  # the writes queued after this one follow the copy it was kept as
        assert records.outbox is not None
        for later in records.outbox.ops():
            if later.seq > op.seq and later.kind == "consultation" and \
                    later.payload.get("consultation_uid") == saved.conflict_of:
                records.outbox.rewrite(later.seq, {**later.payload, "consultation_uid": saved.consultation_uid,
                                                   "expected_version": saved.version})
