"""A draft open in another window: say where, and take it over only when asked to.

Taking over asks the other window to save and hand the draft over (core/records/leases.py); this
window waits for that, showing that it waits, for at most TAKEOVER_WAIT_S. A window that does not
answer (frozen, cut off from the records) is passed over: it keeps its unsaved answers as a copy of
its own when it wakes, so nothing it reported saved is overwritten and nothing it had is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QWidget

from core.dates import show_date
from core.records import Records, StoredDraft, leases
from core.records.leases import Elsewhere
from core.records.processes import HOST
from gui.widgets.question import Icon, Role, ask
from gui.words import ui

AskTakeover = Callable[[QWidget, StoredDraft, Elsewhere], bool]
POLL_S = 0.05


def lease_label(practitioner: str) -> str:
    """Where a draft is open, as another window shows it: this computer, and who is using it."""
    return f"{HOST} · {practitioner}" if practitioner else HOST


def describe(draft: StoredDraft, where: Elsewhere, locale: str) -> str:
    words = ui().takeover
    seen = words.just_now if where.seconds < 1 else words.fill("seconds_ago", n=f"{where.seconds:.0f}")
    return words.fill("question", name=draft.consultation.patient.name or ui().recovery.no_name,
                      date=show_date(draft.consultation.consult_date, locale),
                      where=where.label or ui().drafts.another, seen=seen)


def ask_takeover(parent: QWidget, draft: StoredDraft, where: Elsewhere, *, locale: str) -> bool:
    words = ui().takeover
    return ask(parent, Icon.Question, words.title, describe(draft, where, locale),
               [(True, words.take, Role.AcceptRole), (False, words.leave, Role.RejectRole)], safe=False)


def take_over(records: Records, key: str, holder: str, label: str, wait_s: float | None = None) -> bool:
    """Ask the holder to save and hand over, wait for it (the window stays painted), else take the
    draft anyway. True when the holder handed it over, False when it was passed over."""
    if not records.request_draft(key, holder, label):  # nobody holds it any more
        return records.claim_draft(key, holder, label) is None or take_over(records, key, holder, label, wait_s)
    deadline = time.monotonic() + (leases.TAKEOVER_WAIT_S if wait_s is None else wait_s)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        while time.monotonic() < deadline:
            if records.holds_draft(key, holder):
                return True
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            time.sleep(POLL_S)
    finally:
        QApplication.restoreOverrideCursor()
    records.claim_draft(key, holder, label, force=True)
    return False
