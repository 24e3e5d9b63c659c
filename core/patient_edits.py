"""Who answered what (issue 9): the answers the patient gives or changes in patient mode.

A safety answer, one a screening item reads (`read_paths` in core/engine/safety.py), does not take
effect when the patient gives it: the draft keeps the earlier answer, so the plan is made from that,
and the edit waits, pending, until the practitioner confirms it or keeps the earlier answer. Any
other answer takes effect at once and is noted as applied.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from core.consultation import Consultation, PatientEdit
from core.engine.safety import read_paths
from core.knowledge.models import KnowledgeBase


class _Part(dict[str, Any]):
    """The changes inside one part of the consultation (a plain dict is a value to set)."""


def with_changes(c: Consultation, changes: Mapping[str, Any]) -> Consultation:
    """`c` with dotted fields set ("patient.name": "A"), validated (pydantic's ValidationError, located by
    the field's whole path). Only what changes is validated again: the other parts go in as the validated
    models they are, which pydantic does not revalidate, and the whole-consult checks run once."""
    tree = _Part()
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, _Part())
        node[leaf] = value
    return Consultation.model_validate(_merged(c, tree))


def _merged(model: BaseModel, changes: _Part) -> dict[str, Any]:
    data = dict(model)
    for name, value in changes.items():
        data[name] = _merged(getattr(model, name), value) if isinstance(value, _Part) else value
    return data


def safety_paths(kb: KnowledgeBase) -> tuple[str, ...]:
    return tuple(dict.fromkeys(path for item in kb.screening.values() for path in read_paths(item.reads)))


def is_safety(path: str, kb: KnowledgeBase) -> bool:
    """A screening item reads this answer (or a part of it, or a whole it is part of)."""
    return any(path == p or path.startswith(p + ".") or p.startswith(path + ".") for p in safety_paths(kb))


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def encoded(c: Consultation, path: str) -> str:
    """One answer of `c` as JSON, the form an edit keeps it in."""
    return json.dumps(_get(c.model_dump(mode="json"), path), ensure_ascii=False, sort_keys=True)


def pending(c: Consultation) -> list[int]:
    return [index for index, edit in enumerate(c.patient_edits) if edit.status == "pending"]


def shown(c: Consultation) -> Consultation:
    """The answers as the patient gave them: `c` with every pending answer in place. Only the pages of
    patient mode show it; the plan is always made from `c`."""
    waiting = {c.patient_edits[index].path: json.loads(c.patient_edits[index].after) for index in pending(c)}
    if not waiting:
        return c
    try:
        return with_changes(c, waiting)
    except ValidationError:  # an answer the practitioner has changed since: the draft wins
        return c


def _open_edit(edits: list[PatientEdit], path: str, since: int) -> int | None:
    """The edit of `path` that a new answer changes: a pending one, or one applied since `since`."""
    for index in reversed(range(len(edits))):
        edit = edits[index]
        if edit.path == path:
            open_ = edit.status == "pending" or edit.status == "applied" and index >= since
            return index if open_ else None
    return None


def patient_answers(
    c: Consultation, changes: Mapping[str, Any], kb: KnowledgeBase, *, at: dt.datetime | None = None, since: int = 0
) -> Consultation:
    """The draft after the patient's `changes`, each noted in `patient_edits`: safety answers pending
    (the draft keeps the earlier answer), the others in effect. A second change of the same answer
    updates its edit; a change back to the earlier answer drops it. `since`: edits before this index
    are from an earlier hand-over and stay as they are (except pending ones, still open)."""
    wanted = with_changes(shown(c), changes)
    wanted_data = wanted.model_dump()
    edits = list(c.patient_edits)
    in_effect: dict[str, Any] = {}
    for path in changes:
        before, after = encoded(c, path), encoded(wanted, path)
        safety = is_safety(path, kb)
        if not safety:
            in_effect[path] = _get(wanted_data, path)
        index = _open_edit(edits, path, since)
        if index is None:
            if before != after:
                status = "pending" if safety else "applied"
                edits.append(PatientEdit(path=path, before=before, after=after, safety=safety, status=status, at=at))
            continue
        first = before if edits[index].status == "pending" else edits[index].before
        if after == first:
            del edits[index]
        else:
            edits[index] = edits[index].model_copy(update={"before": first, "after": after, "at": at})
    return with_changes(c, {**in_effect, "patient_edits": [edit.model_dump() for edit in edits]})


def decide(c: Consultation, index: int, confirm: bool) -> Consultation:
    """The practitioner's decision on a pending answer: confirmed (the patient's answer takes effect)
    or restored (the earlier answer stays). Anything but a pending edit is left as it is."""
    edit = c.patient_edits[index]
    if edit.status != "pending":
        return c
    edits = [e.model_dump() for e in c.patient_edits]
    edits[index]["status"] = "confirmed" if confirm else "restored"
    changes: dict[str, Any] = {"patient_edits": edits}
    if confirm:
        changes[edit.path] = json.loads(edit.after)
    return with_changes(c, changes)


def confirm_all(c: Consultation) -> Consultation:
    for index in pending(c):
        c = decide(c, index, confirm=True)
    return c


def review_order(c: Consultation, indexes: list[int]) -> list[int]:
    """Safety answers first, then the rest, each in the order the patient gave them."""
    return sorted(indexes, key=lambda index: (not c.patient_edits[index].safety, index))
