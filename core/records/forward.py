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
from dataclasses import replace
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

AWAY_S = 15.0  # after the server could not be reached: writes go to the outbox, and it is probed this often


def offline(records: Records, error: BaseException) -> bool:
    """The server cannot be reached (gone, restarting, the network down): keep the write on the tablet.
    Anything else (a refusal, a full disk on the server) is not hidden behind "saved on this tablet"."""
    if records.engine.dialect.name == "sqlite" or disk_full(error):
        return False
    return isinstance(error, DBAPIError) and (error.connection_invalidated or _connection_error(error))


def _connection_error(error: DBAPIError) -> bool:
    """The driver's own: an OperationalError or InterfaceError (or a kind of one: psycopg's
    ConnectionTimeout, when nothing answers) that is about the connection, not the statement."""
    orig = getattr(error, "orig", None)
    kinds = {kind.__name__ for kind in type(orig).__mro__} if orig is not None else set()
    return bool(kinds & {"OperationalError", "InterfaceError"}) and getattr(orig, "sqlstate", None) in (
        None, "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03")


def away(records: Records) -> bool:
    """The server could not be reached a moment ago, and the probe has not reached it since: do not
    try it on this thread (a network that answers nothing costs the connect timeout on every try, and
    the wizard must not freeze on each answer; core/records/probe.py tries it on a thread of its own)."""
    return time.monotonic() < records.away_until or records.probe.away


def went_away(records: Records) -> None:
    records.away_until = time.monotonic() + AWAY_S
    records.probe.went_away()


def _first(records: Records) -> bool:
    """Nothing waits before a new write (what waited was sent now, if it could be)."""
    if records.outbox is None or records.outbox.waiting() == 0:
        return not away(records)
    return send(records)


def _patient(records: Records, uid: str | None) -> str | None:
    """A patient id this tablet made while the server was away, as the server knows that patient."""
    return records.patient_alias.get(uid, uid) if uid else uid


def save_draft(records: Records, key: str, consultation: Consultation, page_id: str, revision: int,
               **where: Any) -> bool:
    assert records.outbox is not None
    op_id = new_op()
    where["patient_uid"] = _patient(records, where.get("patient_uid"))
    payload = {"key": key, "answers": consultation.model_dump(mode="json"), "page_id": page_id,
               "revision": revision, "name_key": fold(consultation.patient.name),
               "ref_key": fold(consultation.patient.patient_id), **where}
    if _first(records):
        try:
            return records.save_draft(key, consultation, page_id, revision, op_id=op_id, **where)
        except SQLAlchemyError as error:
            if not offline(records, error):
                raise
            went_away(records)
    records.outbox.add(op_id, "draft", payload)
    return True


def save_consultation(records: Records, consultation: Consultation, plan: Plan | None, **args: Any) -> Saved:
    """Store now, or keep on the tablet. The window goes on with the uids and versions returned; where
    a write it queued was kept beside another tablet's on sending, its next save follows the copy and
    says so (`conflict_of`), never over the other tablet's."""
    assert records.outbox is not None
    op_id = new_op()
    window_uid = args["consultation_uid"] = args.get("consultation_uid") or str(uuid.uuid4())
    args["patient_uid"] = _patient(records, args.get("patient_uid"))
    sent = records.followed.pop(window_uid, None)  # what became of this consult's queued saves
    if sent is not None:
        args.update(consultation_uid=sent.consultation_uid, expected_version=sent.version,
                    patient_uid=sent.patient_uid)
    if not args["patient_uid"]:  # a new patient: made with this id, unless the clinic id finds one
        args["new_patient_uid"] = str(uuid.uuid4())
    saved = None
    if _first(records):
        try:
            saved = records.save_consultation(consultation, plan, op_id=op_id, **args)
        except SQLAlchemyError as error:
            if not offline(records, error):
                raise
            went_away(records)
    if saved is None:
        records.outbox.add(op_id, "consultation", {
            "answers": consultation.model_dump(mode="json"), "plan": plan.model_dump(mode="json") if plan else None,
            "name_key": fold(consultation.patient.name), "ref_key": fold(consultation.patient.patient_id),
            "window_uid": window_uid, **args})
        saved = Saved(args["patient_uid"] or args["new_patient_uid"], args["consultation_uid"],
                      (args.get("expected_version") or 0) + 1, args.get("patient_version") or 1, queued=True)
    if sent is not None and sent.conflict_of and saved.conflict_of is None:
        saved = replace(saved, conflict_of=sent.conflict_of)  # said once, with the save that follows it
    return saved


def send(records: Records) -> bool:
    """Send the outbox, oldest first, each write once; stop at the first the server cannot take now.
    A write the server refuses for good (not for being away) is set aside in the outbox, kept and
    counted, never blocking the ones after it. True when nothing waits any more."""
    assert records.outbox is not None
    if away(records):
        return records.outbox.waiting() == 0
    for op in records.outbox.ops():
        try:
            _apply(records, op)
        except SQLAlchemyError as error:
            if offline(records, error):
                went_away(records)
                return False
            records.outbox.set_aside(op, type(error).__name__)
            continue
        except (LeaseLost, RecordNotFound, ValueError) as error:
            records.outbox.set_aside(op, type(error).__name__)
            continue
        records.outbox.sent(op.seq)
    return True


def _apply(records: Records, op: Op) -> None:
    p = dict(op.payload)
    for local in ("name_key", "ref_key", "window_uid"):
        p.pop(local, None)
    consultation = Consultation.model_validate(p.pop("answers"))
    if op.kind == "draft":
        _apply_draft(records, op, consultation, p)
        return
    plan = Plan.model_validate(p.pop("plan")) if p.get("plan") else None
    p.pop("plan", None)
    try:
        saved = records.save_consultation(consultation, plan, op_id=op.op_id, **p)
    except RecordNotFound:
        return  # the patient was erased meanwhile
    made = p.get("new_patient_uid")
    if made and saved.patient_uid != made:
        records.patient_alias[made] = saved.patient_uid  # the clinic id found them on the server
    records.followed[op.payload.get("window_uid") or p["consultation_uid"]] = saved
    assert records.outbox is not None
    for later in records.outbox.ops():  # the writes queued after this one follow what it became
        if later.seq <= op.seq:
            continue
        payload = dict(later.payload)
        if made and payload.get("patient_uid") == made:
            payload["patient_uid"] = saved.patient_uid
        if later.kind == "consultation" and payload.get("consultation_uid") == p["consultation_uid"]:
            payload.update(consultation_uid=saved.consultation_uid, expected_version=saved.version,
                           patient_uid=saved.patient_uid)
            payload.pop("new_patient_uid", None)
        if payload != later.payload:
            records.outbox.rewrite(later.seq, payload)


def _apply_draft(records: Records, op: Op, consultation: Consultation, p: dict[str, Any]) -> None:
    key, page_id, revision = p.pop("key"), p.pop("page_id"), p.pop("revision")
    p["patient_uid"] = _patient(records, p.get("patient_uid"))
    try:
        records.save_draft(key, consultation, page_id, revision, op_id=op.op_id, **p)
    except LeaseLost:  # taken over while this tablet was away: kept beside, never over it
        copy = records.kept_copies.get(key) or str(uuid.uuid5(uuid.NAMESPACE_URL, f"copy:{key}:{p.get('holder')}"))
        try:
            records.save_draft(copy, consultation, page_id, revision, op_id=op.op_id,
                               **{**p, "copy_of": key, "consultation_uid": None})
        except LeaseLost:  # that copy was opened in another window since: one more copy, of its own
            copy = str(uuid.uuid4())
            records.save_draft(copy, consultation, page_id, revision, op_id=op.op_id,
                               **{**p, "copy_of": key, "consultation_uid": None})
        records.kept_copies[key] = copy
    except RecordNotFound:
        if records.draft_erased(key):
            return  # erased meanwhile: not written again
        # its patient is not on the server (their first save was set aside): kept, unlinked
        records.save_draft(key, consultation, page_id, revision, op_id=op.op_id, **{**p, "patient_uid": None})
