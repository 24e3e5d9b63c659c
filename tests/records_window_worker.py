"""One Thirds window (the real wizard with its records session, offscreen), for
tests/test_records_two_windows.py.

`URL NAME CHANGES`: opens the records as a window does at start (an unfinished consult is resumed;
one open in another window is taken over, as a practitioner answering "Take it over here" would),
then types CHANGES words into the practitioner's notes, one every 40 ms, each word NAME-<n>. It
prints one line per event, for the test to read:

    ready                       the window is up (it has resumed or taken over a draft, if any)
    saved <key> <word> …        draft <key> in the records holds the notes as they are now
    told <message>              what the practitioner was told in a message box
    copy <key>                  the window lost the draft and kept its unsaved words as this draft
    done                        CHANGES words typed; the window then closes as a practitioner would

After a hand-over or a loss the window stops typing into the consult it no longer has and closes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import gui.records.drafts as drafts  # noqa: E402
from core.knowledge.loader import load_knowledge_base  # noqa: E402
from core.records import Records  # noqa: E402
from gui.records.recovery import Choice  # noqa: E402
from gui.records.session import RecordsSession  # noqa: E402
from gui.wizard import ConsultationWizard  # noqa: E402


def say(line: str) -> None:
    print(line, flush=True)


def quicker_leases() -> None:
    """$HEARTBEAT_S: the test's own lease clock (the same protocol, shorter waits); else the app's."""
    from core.records import leases

    beat = float(os.environ.get("HEARTBEAT_S") or leases.HEARTBEAT_S)
    leases.HEARTBEAT_S, leases.TAKEOVER_WAIT_S, leases.STALE_S = beat, 3 * beat, 5 * beat


def main(url: str, name: str, changes: int) -> None:
    quicker_leases()
    app = QApplication([])
    kb = load_knowledge_base()
    drafts.tell = lambda _parent, text: say("told " + text.replace("\n", " "))
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    records = Records.open(url, actor=name)
    session = RecordsSession(wizard, kb, records)
    session.ask_takeover = lambda *_: True
    session.recover(lambda *_: Choice.RESUME)
    if not wizard.draft.patient.name:
        wizard.model.set_patient(name="Two Windows Test", date_of_birth="1980-05-01")
    wizard.show()
    words = wizard.draft.choices.notes.split()
    typed: dict[int, str] = {}  # revision -> the notes at that revision
    said = {"lost": False}

    def saved(revision: int) -> None:
        if revision in typed:
            say(f"saved {first.key} {typed[revision]}")

    def lost(_label: str, copy: str) -> None:
        said["lost"] = True
        if copy:
            say(f"copy {copy}")

    def handed(_label: str) -> None:
        said["lost"] = True

    def hook(saver: object) -> None:
        saver.saved.connect(saved)  # type: ignore[attr-defined]
        saver.lost.connect(lost)  # type: ignore[attr-defined]
        saver.handed_over.connect(handed)  # type: ignore[attr-defined]

    hook(session.autosaver)
    first = session.autosaver

    def type_one() -> None:
        if said["lost"] or session.autosaver is not first:
            timer.stop()
            QTimer.singleShot(500, close)
            return
        words.append(f"{name}-{len([w for w in words if w.startswith(name + '-')]) + 1}")
        wizard.model.set_choices(notes=" ".join(words))
        typed[first.revision] = " ".join(words)
        if len([w for w in words if w.startswith(name + "-")]) >= changes:
            timer.stop()
            say("done")
            QTimer.singleShot(500, close)

    def close() -> None:
        wizard.close()
        session.close()
        app.quit()

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(40)
    say("ready")
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
