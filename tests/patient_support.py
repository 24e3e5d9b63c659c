"""What several test files need about patient mode and plain words: a wizard handed to the patient
behind a PIN, and a reading grade that needs no download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import textstat
import textstat.backend.counts._count_syllables as syllables

from core.consultation import Consultation
from core.records import Records
from core.records.pin import PinLock
from gui.records.patient_mode import PatientMode
from gui.wizard import ConsultationWizard

PIN = "482135"


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade; textstat's English syllable dictionary (nltk cmudict) is a run-time
    download, so syllables are counted with pyphen."""
    original = syllables.get_cmudict
    syllables.get_cmudict = lambda lang: None
    try:
        return float(textstat.flesch_kincaid_grade(text))
    finally:
        syllables.get_cmudict = original


def pin_lock(folder: Path) -> Iterator[PinLock]:
    """A PIN lock on a records file of its own, the PIN set to PIN."""
    records = Records.open(f"sqlite:///{folder / 'pin.sqlite3'}")
    lock = PinLock(records)
    lock.set_pin(PIN)
    yield lock
    records.close()


def handed_to_patient(qtbot, kb, lock: PinLock, consultation: Consultation,  # type: ignore[no-untyped-def]
                      step: int | None = None) -> Iterator[tuple[ConsultationWizard, PatientMode]]:
    """A consultation wizard (on `step`, if given) handed to the patient; the practitioner's PIN is
    accepted on leaving. Not added to qtbot: a locked wizard cannot close."""
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    wizard.model.load(consultation)
    wizard.show()
    qtbot.waitExposed(wizard)
    if step is not None:
        assert wizard.go_to_step(step) is None
    mode = PatientMode(wizard, lock, ask=lambda parent, lock_: lock_.verify(PIN).accepted)
    assert mode.enter()
    yield wizard, mode
    if mode.active:
        mode.leave()
    if wizard.review is not None:
        wizard.review.done(0)
    wizard.hide()
    wizard.dirty = False
    wizard.deleteLater()
    qtbot.wait(1)
