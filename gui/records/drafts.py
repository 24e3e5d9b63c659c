"""The records keep the consult in progress: autosave of the one draft, recovery at start, and storing
the consultation when the Finish page saves or exports it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from core.records import MissingName, Records, Saved, StoredDraft, register_export
from core.records.leases import new_holder
from core.records.photos import EarlierPhotos
from gui.records.autosave import Autosaver
from gui.records.patient_mode import walk_to
from gui.records.recovery import Choice, RecoveryPrompt, confirm_discard
from gui.records.save_banner import SaveBanner
from gui.records.takeover import AskTakeover, ask_takeover, lease_label, take_over
from gui.widgets.question import Icon, Role, ask
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from core.records.pin import PinLock
    from gui.records.patient_mode import PatientMode
    from gui.wizard import Confirm, ConsultationWizard

AskRecovery = Callable[[QWidget, StoredDraft, int], Choice]


def conflict_message(saved: Saved) -> str:
    """Another tablet saved in between: both versions are kept, and the practitioner is told where."""
    words = ui().drafts
    parts = []
    if saved.conflict_of:
        parts.append(words.conflict)
    if saved.patient_kept:
        parts.append(words.patient_kept)
    return "\n\n".join(parts)


def tell(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, ui().records_window.title, text)


class Leaving(Enum):
    """What to do when closing while changes are not saved."""

    KEEP_OPEN = "keep"
    TRY_AGAIN = "try again"
    LOSE = "quit and lose"


def ask_unsaved(parent: QWidget, waiting: int, why: str) -> Leaving:
    """Closing while saves fail: keep Thirds open (it keeps trying), try again now, or quit and lose."""
    words = ui().drafts
    changes = ui().records.change_one if waiting == 1 else ui().records.fill("changes", n=waiting)
    return ask(parent, Icon.Warning, words.unsaved_title, words.fill("unsaved", changes=changes, why=why),
               [(Leaving.KEEP_OPEN, words.keep_open, Role.RejectRole), (Leaving.TRY_AGAIN, words.try_again, Role.AcceptRole),
                (Leaving.LOSE, words.fill("lose", changes=changes), Role.DestructiveRole)], safe=Leaving.KEEP_OPEN)


AskUnsaved = Callable[[QWidget, int, str], Leaving]


def ask_recovery(parent: QWidget, draft: StoredDraft, others: int, *, locale: str) -> Choice:
    prompt = RecoveryPrompt(draft, others, parent, locale=locale)
    prompt.exec()
    choice = prompt.choice()
    if choice is Choice.DISCARD and not confirm_discard(parent):
        return Choice.LATER
    return choice


class DraftKeeping(QObject):
    """The part of the records session (gui/records/session.py) that keeps the draft; the other parts
    build on it."""

    wizard: ConsultationWizard
    kb: KnowledgeBase
    records: Records
    lock: PinLock
    mode: PatientMode
    autosaver: Autosaver | None
    banner: SaveBanner  # the one line said while saves fail
    ask_unsaved: AskUnsaved
    ask_takeover: AskTakeover | None  # None: ask with a message box
    today: Callable[[], dt.date]
    stored: Consultation | None  # the draft as last stored in the records

    def page_id(self) -> str:
        page = self.wizard.currentPage()
        return type(page).__name__ if page is not None else ""

    def start(self, consultation: Consultation | None = None, *, key: str | None = None,
              revision: int = 0, patient_uid: str | None = None, consultation_uid: str | None = None,
              page_id: str = "", holder: str | None = None, earlier_photos: EarlierPhotos | None = None) -> None:
        """Begin (or resume) one consult: a fresh autosave key unless resuming a stored draft (whose
        lease `holder` this window has claimed). A review consult brings the last consult's photos
        (the Photos step compares today's with them)."""
        old = self.autosaver
        if old is not None and (old.flush() or not old.trouble):
            old.release()
            old.deleteLater()
        elif old is not None:  # its answers are not saved yet: it keeps them, and trying, until they are
            old.saved.connect(old.deleteLater)
        self.autosaver = Autosaver(self.records, self.page_id, self, key=key, revision=revision,
                                   patient_uid=patient_uid, consultation_uid=consultation_uid,
                                   holder=holder, label=lease_label(self.wizard.draft.practitioner))
        self.autosaver.failed.connect(lambda text: tell(self.wizard, text))
        self.autosaver.not_saved.connect(self.banner.not_saved)
        self.autosaver.saved.connect(self.banner.saved)
        self.autosaver.held.connect(self.banner.held)
        self.autosaver.handed_over.connect(self._handed_over)
        self.autosaver.lost.connect(self._lost)
        if consultation is None:
            return
        self.wizard.restart()
        self.wizard.model.load(consultation, earlier_photos)
        self.wizard.dirty = True
        target = next((i for i in self.wizard.pageIds()
                       if type(self.wizard.page(i)).__name__ == page_id), None)
        if target is not None:
            walk_to(self.wizard, target)

    def _draft_changed(self, consultation: Consultation) -> None:
        if self.autosaver is not None:
            self.autosaver.track(consultation)

    def _page_changed(self, *_: object) -> None:
        if self.autosaver is not None:
            self.autosaver.page_changed()

    def _wizard_closed(self, *_: object) -> None:
        """Closing keeps the draft (offered again at the next start); it is written now, and left free
        for another window to open."""
        if self.autosaver is not None and self.autosaver.flush():
            self.autosaver.release()

    def _handed_over(self, label: str) -> None:
        """Another window asked for this consult: its answers are saved, and it is there now."""
        words = ui().drafts
        tell(self.wizard, words.fill("handed_over", label=label or words.another))
        self.new_consult(self.wizard.draft.practitioner)

    def _lost(self, label: str, copy: str) -> None:
        """Another window took this consult without this one answering (it was busy or cut off)."""
        words = ui().drafts
        kept = words.lost_copy if copy else words.lost_saved
        tell(self.wizard, words.fill("lost", label=label or words.another, kept=kept))
        self.new_consult(self.wizard.draft.practitioner)

    def recover(self, ask: AskRecovery | None = None) -> StoredDraft | None:
        """Offer the newest unfinished consult; in remembered patient mode, resume it locked."""
        ask = ask or partial(ask_recovery, locale=self.kb.settings.clinic.locale)
        drafts = self.records.drafts()
        if not drafts:
            if self.lock.patient_mode:
                self.mode.enter()
            return None
        newest = drafts[0]
        locked = self.lock.patient_mode  # the patient may not discard: resume, locked
        holder, label = new_holder(), lease_label(self.wizard.draft.practitioner)
        where = self.records.claim_draft(newest.key, holder, label)
        if where is not None:  # open in another window: said, and taken over only when asked to
            asked = self.ask_takeover or partial(ask_takeover, locale=self.kb.settings.clinic.locale)
            if locked or not asked(self.wizard, newest, where):
                if locked:
                    self.mode.enter()
                return None
            take_over(self.records, newest.key, holder, label)
            found = self.records.draft(newest.key)  # with the other window's last answers
            if found is None:
                tell(self.wizard, ui().drafts.finished_elsewhere)
                return None
            newest = found
        else:
            choice = Choice.RESUME if locked else ask(self.wizard, newest, len(drafts) - 1)
            if choice is not Choice.RESUME:
                self.records.release_draft(newest.key, holder)
                if choice is Choice.DISCARD:
                    self.records.discard_draft(newest.key)
                return None
        self.start(newest.consultation, key=newest.key, revision=newest.revision,
                   patient_uid=newest.patient_uid, consultation_uid=newest.consultation_uid,
                   page_id=newest.page_id, holder=holder)
        if locked:
            self.mode.enter()
        return newest

    # --- storing --------------------------------------------------------------------------------
    def store(self) -> bool:
        """The consultation into the records, with its plan snapshot; its draft goes in the same commit."""
        saver = self.autosaver
        assert saver is not None
        try:
            saved = self.records.save_consultation(
                self.wizard.draft, self.wizard.plan, patient_uid=saver.patient_uid,
                consultation_uid=saver.consultation_uid, draft_key=saver.key,
                expected_version=saver.version, patient_version=saver.patient_version,
            )
        except (MissingName, SQLAlchemyError) as error:
            tell(self.wizard, ui().drafts.fill("not_stored", error=error))
            return False
        saver.patient_uid = saved.patient_uid or saver.patient_uid  # "" while kept on the tablet
        saver.consultation_uid = saved.consultation_uid
        saver.version = saved.version
        if not saved.patient_kept:  # else the details changed elsewhere stay the newer ones, next time too
            saver.patient_version = saved.patient_version
        if saved.conflict_of or saved.patient_kept:
            tell(self.wizard, conflict_message(saved))
        saver.forget_pending()
        self.stored = self.wizard.draft
        self.records.remember_practitioner(self.wizard.draft.practitioner)
        return True

    def next_patient(self) -> bool:
        """After Finish: the consult stored as it is now, no draft of it left behind, and a blank
        consult by the same practitioner on the first page."""
        if self.wizard.draft != self.stored and not self.store():
            return False
        if self.autosaver is not None:
            self.autosaver.forget()  # a page change since storing may have written the draft again
        self.new_consult(self.wizard.draft.practitioner)
        return True

    def new_consult(self, practitioner: str) -> None:
        """A blank consult on the first page; nothing is stored until its first answer."""
        self.start()
        self.wizard.start_blank(practitioner)
        self.records.actor = practitioner or self.records.actor
        if self.autosaver is not None:
            self.autosaver.forget_pending()

    def leaving_question(self) -> str:
        """What closing does to the consult, said before it happens; "" when nothing is at stake."""
        return "" if self.wizard.draft == self.stored else ui().drafts.closing

    def _not_saved(self) -> list[Autosaver]:
        """The autosavers holding changes that a save failed to write (an earlier consult's too)."""
        self.retry_saving()
        return [saver for saver in self.findChildren(Autosaver) if saver.pending and saver.trouble]

    def retry_saving(self) -> None:
        for saver in self.findChildren(Autosaver):
            if saver.pending:
                saver.flush()

    def may_leave(self, confirm: Confirm) -> bool:
        """Closing keeps the draft, saved as it closes. While saves fail it asks, in plain words: keep
        Thirds open (the answers stay in memory, tried again), try again now, or quit and lose them."""
        asked = False
        while failing := self._not_saved():
            asked = True
            choice = self.ask_unsaved(self.wizard, sum(s.waiting for s in failing), failing[-1].trouble)
            if choice is Leaving.LOSE:
                return True
            if choice is Leaving.KEEP_OPEN:
                return False
        if asked:  # tried again, and saved: the practitioner already chose to close
            return True
        question = self.leaving_question()
        return not question or confirm(self.wizard, question)

    def file_written(self, path: Path, kind: str) -> None:
        """The Finish page wrote a file about this patient: store the consult, remember the file."""
        if self.store() and self.autosaver is not None and self.autosaver.patient_uid:
            register_export(self.records, self.autosaver.patient_uid, Path(path), kind)
