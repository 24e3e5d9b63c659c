"""Page 10, Finish: save the consultation as JSON, export the takeaway, record and calendar, print or
open the takeaway, and go on to the next patient.

Every failure is said in plain words and nothing entered is lost: the draft stays in the wizard.
"""

from __future__ import annotations

import importlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGridLayout, QPushButton

from gui import printing
from gui.labels import day, money
from gui.pages.base import ConsultPage, card, label, restyle
from gui.widgets.languages import LanguageButtons, patient_languages
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation
    from core.knowledge.models import KnowledgeBase
    from core.plan import Plan

EXPORTS = (
    ("write_takeaway", "takeaway", "takeaway", ".pdf"),  # (writer, its words in [finish], file stem, suffix)
    ("write_record", "record", "record", ".pdf"),
    ("write_ics", "calendar", "appointments", ".ics"),
)


def default_folder() -> Path:
    from platformdirs import user_documents_path

    return user_documents_path() / "Thirds"


def file_stem(draft: Consultation) -> str:
    name = re.sub(r"[^\w]+", "-", draft.patient.name, flags=re.UNICODE).strip("-").lower() or "patient"
    while len(name.encode()) > 120:  # file names stop at 255 bytes; Arabic or Chinese take 2-3 a letter
        name = name[:-1]
    return f"{draft.consult_date.isoformat()}-{name.rstrip('-')}"


def write_private(path: Path, text: str) -> None:
    """Write atomically, readable by the owner only: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at start-up: only saving needs it

    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".thirds-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def isolated(path: object) -> str:
    """A path kept whole in a right-to-left line (FSI … PDI): '/root/Documents' stays as it is."""
    return f"\u2068{path}\u2069"


def held_back(plan: Plan) -> list[str]:
    """What is not done now and why, so the summary never reads as 'everything is planned'."""
    lines, words = [], ui().finish
    if plan.missing:
        n = len(plan.missing)
        lines.append(words.fill("missing_one" if n == 1 else "missing_many", n=n, held=len(plan.held)))
    if plan.deferred:
        lines.append(words.fill("deferred", count=len(plan.deferred)))
    if plan.removed:
        lines.append(words.fill("removed", count=len(plan.removed)))
    return lines


def plain(error: OSError) -> str:
    return error.strerror or str(error)


class FinishPage(ConsultPage):
    WORDS = "finish"
    # The system's print dialog and PDF viewer; tests put their own in.
    choose_printer = staticmethod(printing.ask_printer)
    open_url = staticmethod(QDesktopServices.openUrl)

    def build(self) -> None:
        summary, layout = card(self.content)
        self.summary = label("", summary)
        self.summary.setAccessibleName(ui().finish.summary_name)
        layout.addWidget(self.summary)
        self.body.addWidget(summary)

        files, layout = card(self.content)
        words = ui().finish
        layout.addWidget(label(words.files, files, "section"))
        self.folder_label = label("", files, "hint")
        layout.addWidget(self.folder_label)
        grid = QGridLayout()
        grid.setSpacing(10)
        layout.addLayout(grid)
        self.save_button = self._button(files, words.save, self.save, primary=True)
        grid.addWidget(self.save_button, 0, 0)
        grid.addWidget(self._button(files, words.save_as, self.save_as), 0, 1)
        grid.addWidget(self._button(files, words.folder, self.choose_folder), 0, 2)
        for index, (function, title, stem, suffix) in enumerate(EXPORTS):
            button = self._button(files, getattr(words, title), lambda f=function, s=stem, x=suffix: self.export(f, s, x))
            grid.addWidget(button, 1, index)
        language, layout = card(self.content)
        layout.addWidget(label(words.patient_language, language, "section"))
        layout.addWidget(label(words.patient_language_hint, language, "hint"))
        self.languages = LanguageButtons(patient_languages(self.kb), language)
        self.languages.set_current(self.patient_language)
        self.languages.chosen.connect(self.speak)
        self.language_buttons = self.languages.buttons
        layout.addWidget(self.languages)
        self.body.addWidget(language)
        handover, row = self._row(words.handover)
        row.addWidget(self._button(handover, words.print, self.print_takeaway), 0, 0)
        row.addWidget(self._button(handover, words.open, self.open_takeaway), 0, 1)
        after, row = self._row(words.next_patient, words.next_hint)
        row.addWidget(self._button(after, words.next_patient, self.next_patient, primary=True), 0, 0)
        self.status, status_layout = card(self.content, "info")
        self.status.setVisible(False)
        self.status_text = label("", self.status)
        self.status_text.setAccessibleName(words.status_name)
        status_layout.addWidget(self.status_text)
        self.body.addWidget(files)
        self.body.addWidget(handover)
        self.body.addWidget(after)
        self.body.addWidget(self.status)

    def _row(self, title: str, hint: str = ""):  # type: ignore[no-untyped-def]
        """A card of buttons in three equal columns, lined up with those of 'Save and export'."""
        box, layout = card(self.content)
        layout.addWidget(label(title, box, "section"))
        if hint:
            layout.addWidget(label(hint, box, "hint"))
        row = QGridLayout()
        row.setSpacing(10)
        for column in range(3):
            row.setColumnStretch(column, 1)
        layout.addLayout(row)
        return box, row

    def _button(self, parent, text, slot, primary: bool = False) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text, parent)
        button.setAccessibleName(text)
        button.setMinimumHeight(56)
        if primary:
            button.setProperty("role", "primary")
        button.clicked.connect(lambda: slot())
        return button

    @property
    def clinic_language(self) -> str:
        return self.kb.settings.clinic.language

    @property
    def patient_language(self) -> str:
        return self.model.patient_kb.settings.clinic.language

    def speak(self, code: str) -> None:
        """The patient's language for the takeaway and the calendar (one tap; the record stays the
        clinic's). The draft keeps it: the consent page and a reprint from the records use it too."""
        self.edit(self.model.set_consult, patient_language=code)  # as chosen, even the clinic's own
        self.languages.set_current(self.patient_language)

    def _for_patient(self, stem: str, plan: Plan) -> tuple[KnowledgeBase, Plan]:
        """The knowledge base and plan a file is written with: the takeaway and the calendar in the
        patient's language (the same plan, its sentences in that language), the record in the clinic's."""
        if stem == "record" or self.patient_language == self.clinic_language:
            return self.kb, plan
        from core.engine import plan as make_plan

        speaking = self.model.patient_kb
        return speaking, make_plan(self.draft, speaking)

    @property
    def folder(self) -> Path:
        return self.model.output_dir or default_folder()

    def say(self, text: str, ok: bool = True) -> None:
        restyle(self.status, "info" if ok else "stop")
        self.status_text.setText(text)
        self.status.setVisible(True)
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(self.status))  # once laid out

    # --- saving ---------------------------------------------------------------------------------
    def save(self, path: Path | None = None) -> Path | None:
        path = path or self.folder / f"{file_stem(self.draft)}.json"
        text = json.dumps(self.draft.model_dump(mode="json"), indent=2, ensure_ascii=False)
        try:
            write_private(path, text + "\n")
        except OSError as error:
            self.say(ui().finish.fill("not_saved", folder=path.parent, error=plain(error)), ok=False)
            return None
        self.model.mark_saved(path)
        self.model.file_written.emit(path, "json")
        self.say(ui().finish.fill("saved", path=isolated(path)))
        return path

    def save_as(self) -> None:
        start = str(self.folder / f"{file_stem(self.draft)}.json")
        name, _ = QFileDialog.getSaveFileName(
            self, ui().finish.save_title, start, ui().finish.save_filter,
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if name:
            self.save(Path(name))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, ui().finish.folder_title, str(self.folder),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            self.model.output_dir = Path(folder)
            self.changed(self.draft)

    def export(self, function: str, stem: str, suffix: str) -> Path | None:
        plan = self.plan
        if plan is None:
            self.say(ui().finish.fill("no_plan", error=self.plan_error), ok=False)
            return None
        try:
            module = importlib.import_module("core.takeaway")
            write = getattr(module, function)
        except (ImportError, AttributeError):
            self.say(ui().finish.no_export, ok=False)
            return None
        path = self.folder / f"{file_stem(self.draft)}-{stem}{suffix}"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            kb, plan = self._for_patient(stem, plan)
            write(self.draft, plan, kb, path)
        except OSError as error:
            self.say(ui().finish.fill("not_written", name=path.name, folder=path.parent, error=plain(error)), ok=False)
            return None
        except Exception as error:  # noqa: BLE001 - an export bug must never lose the consult
            self.say(ui().finish.fill("export_failed", error=f"{type(error).__name__}: {error}"), ok=False)
            return None
        self.model.file_written.emit(path, stem)
        self.say(ui().finish.fill("exported", path=isolated(path)))
        return path

    # --- handing it over, the next patient -----------------------------------------------------
    def print_takeaway(self) -> bool:
        if not printing.can_print():
            self.say(ui().printing.no_printing, ok=False)
            return False
        path = self.export("write_takeaway", "takeaway", ".pdf")
        if path is None:
            return False
        printed, text = printing.print_file(self, path, self.choose_printer)
        self.say(text, ok=printed)
        return printed

    def open_takeaway(self) -> bool:
        path = self.export("write_takeaway", "takeaway", ".pdf")
        if path is None:
            return False
        opened, text = printing.open_file(path, self.open_url)
        self.say(text, ok=opened)
        return opened

    def next_patient(self) -> bool:
        """Without records the consultation is saved to its file first; with them, the records keep it."""
        if not self.model.autosaved and self.model.unsaved and self.save() is None:
            return False
        self.next_patient_requested.emit()  # the wizard (and with them the records) go on
        return True

    # --- page hooks -----------------------------------------------------------------------------
    def load(self, draft: Consultation) -> None:
        self.status.setVisible(False)  # what was said was about the consult as it was, or another one
        self.languages.set_current(self.patient_language)  # this patient's, kept in the draft

    def changed(self, draft: Consultation) -> None:
        plan = self.plan
        # Names are isolated (FSI … PDI): an Arabic or Hebrew name must not turn the line around.
        words = ui().finish
        name = f"\u2068{draft.patient.name}\u2069" if draft.patient.name else words.no_name
        lines = [words.fill("consult_on", name=name, date=day(self.kb, draft.consult_date))]
        if draft.practitioner:
            lines.append(words.fill("practitioner", name=f"\u2068{draft.practitioner}\u2069"))
        if plan is not None:
            visits = sum(1 for s in plan.sessions if s.treatments)
            lines.append(words.fill("planned", treatments=len(plan.planned), visits=visits,
                                    total=money(self.kb, plan.cost.total)))
            if plan.paused:
                lines.append(words.paused)
            lines += held_back(plan)
        self.summary.setText("\n".join(lines))
        self.folder_label.setText(words.fill("files_go", folder=isolated(self.folder)))

    def isFinalPage(self) -> bool:  # noqa: N802
        return True
