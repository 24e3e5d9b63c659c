"""The records: find a patient, open an earlier consult read-only, start a review consult, see who
should come in and why (booked visits, top-ups due), and export or erase everything held about a patient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from itertools import groupby
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScroller,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.dates import show_moment
from core.knowledge.models import KnowledgeBase
from core.plan import Treatment
from core.records import (
    DraftMatch,
    FollowUp,
    ImportFailed,
    PatientSummary,
    Records,
    erase_patient,
    export_patient,
    import_consultation,
)
from core.vocabulary import SessionKind, Tool
from gui.labels import day
from gui.records.offline import needs_server
from gui.words import ui

UID = Qt.ItemDataRole.UserRole
WEEKS = (2, 4, 8, 12)
Confirm = Callable[[QWidget, str], bool]
ChoosePath = Callable[[QWidget, str, str], Path | None]


def ask(parent: QWidget, question: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Thirds", question, parent=parent)  # the app's name
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def choose_save(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, ui().records_window.export_filter,
                                          options=QFileDialog.Option.DontUseNativeDialog)
    return Path(name) if name else None


def choose_open(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, suggested, ui().records_window.import_filter,
                                          options=QFileDialog.Option.DontUseNativeDialog)
    return Path(name) if name else None


def touch_list(parent: QWidget, name: str) -> QListWidget:
    widget = QListWidget(parent)
    widget.setAccessibleName(name)
    widget.setStyleSheet("QListWidget::item { min-height: 52px; }")
    QScroller.grabGesture(widget.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return widget


def button(parent: QWidget, text: str, slot: Callable[[], object]) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(text)
    widget.setMinimumHeight(52)
    widget.clicked.connect(lambda: slot())
    return widget


def isolated(text: str) -> str:
    """Text of either direction set apart in a line of the other (Unicode first-strong isolate)."""
    return f"\u2068{text}\u2069"


def patient_line(kb: KnowledgeBase, p: PatientSummary) -> str:
    words = ui().records_window
    parts = [isolated(p.name)]  # a Latin name in a Hebrew line keeps its place (and a Hebrew one in English)
    if p.patient_ref:
        parts.append(isolated(p.patient_ref))
    if p.date_of_birth:
        parts.append(words.fill("born", date=day(kb, p.date_of_birth)))
    if p.last_consult:
        parts.append(words.fill("last_consult", date=day(kb, p.last_consult), n=p.consultations))
    return " · ".join(parts)


class PatientList(QWidget):
    open_requested = Signal(str)
    review_requested = Signal(str)
    patient_erased = Signal(str)

    def __init__(self, records: Records, kb: KnowledgeBase, parent: QWidget, *, confirm: Confirm = ask,
                 choose_save: ChoosePath = choose_save, choose_open: ChoosePath = choose_open) -> None:
        super().__init__(parent)
        self.records, self.kb = records, kb
        self.confirm, self.choose_save, self.choose_open = confirm, choose_save, choose_open
        words = ui().records_window
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(words.search_name)
        self.search.setPlaceholderText(words.search_hint)
        self.search.setMinimumHeight(52)
        self.search.textChanged.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        clear = QPushButton(words.clear, self)  # Qt's built-in clear icon is a 22 px target
        clear.setAccessibleName(words.clear_name)
        clear.setProperty("role", "quiet")
        clear.clicked.connect(self.search.clear)
        row.addWidget(clear)
        layout.addLayout(row)
        lists = QHBoxLayout()
        self.patients = touch_list(self, words.patients)
        self.patients.currentItemChanged.connect(self._patient_chosen)
        self.consults = touch_list(self, words.consults_name)
        self.consults.itemActivated.connect(lambda _item: self._open())
        lists.addWidget(self.patients, 3)
        lists.addWidget(self.consults, 2)
        layout.addLayout(lists, 1)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
        self.message.setAccessibleName(words.message_name)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.open_button = button(self, words.open, self._open)
        self.review_button = button(self, words.review, self._review)
        self.export_button = button(self, words.export, self._export)
        self.erase_button = button(self, words.erase, self._erase)
        self.import_button = button(self, words.import_button, self._import)
        for widget in (self.open_button, self.review_button, self.export_button, self.erase_button,
                       self.import_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.refresh()

    def say_away(self) -> None:
        self.message.setText(ui().records_window.server_away)

    def patient_uid(self) -> str | None:
        item = self.patients.currentItem()
        return None if item is None else str(item.data(UID))

    def refresh(self, *_: object) -> None:
        chosen = self.patient_uid()
        self.patients.clear()
        for summary in self._found() or []:  # away: said, not waited for on every keystroke
            item = QListWidgetItem(patient_line(self.kb, summary), self.patients)
            item.setData(UID, summary.uid)
            if summary.uid == chosen:
                self.patients.setCurrentItem(item)
        self._patient_chosen()

    @needs_server
    def _found(self) -> list[PatientSummary]:
        return self.records.search_patients(self.search.text())

    def select(self, patient_uid: str) -> None:
        for row in range(self.patients.count()):
            if self.patients.item(row).data(UID) == patient_uid:
                self.patients.setCurrentRow(row)

    @needs_server
    def _patient_chosen(self, *_: object) -> None:
        self.consults.clear()
        uid = self.patient_uid()
        words = ui().records_window
        for summary in self.records.consultations_of(uid) if uid else []:
            text = f"{day(self.kb, summary.consult_date)} · {isolated(summary.practitioner or words.no_practitioner)}"
            if summary.status != "final":
                text += f" · {words.draft}"
            if summary.conflict_of:
                text += f" · {words.conflicting}"
            item = QListWidgetItem(text, self.consults)
            item.setData(UID, summary.uid)
        if self.consults.count():
            self.consults.setCurrentRow(0)
        for widget in (self.review_button, self.export_button, self.erase_button):
            widget.setEnabled(uid is not None)
        self.open_button.setEnabled(self.consults.count() > 0)

    @needs_server
    def _open(self) -> None:
        item = self.consults.currentItem()
        if item is not None:
            self.open_requested.emit(str(item.data(UID)))

    @needs_server
    def _review(self) -> None:
        uid = self.patient_uid()
        if uid is not None:
            self.review_requested.emit(uid)

    @needs_server
    def _export(self) -> None:
        uid = self.patient_uid()
        if uid is None:
            return
        words = ui().records_window
        path = self.choose_save(self, words.export_title, words.export_file)
        if path is None:
            return
        try:
            export_patient(self.records, uid, path)
        except OSError as error:
            self.message.setText(words.fill("not_written", path=path, error=error.strerror or error))
            return
        self.message.setText(words.fill("exported", path=path))

    @needs_server
    def _erase(self) -> None:
        uid = self.patient_uid()
        if uid is None:
            return
        name = self.records.patient(uid).name
        if not self.confirm(self, ui().records_window.fill("erase_question", name=name)):
            return
        folder = self.kb.settings.records.backup_folder.value
        erased = erase_patient(self.records, uid, ask_about_drafts=self._erase_unlinked_too,
                               backup_folder=Path(folder).expanduser() if folder else None)
        self.message.setText(" ".join(erased.report()))
        self.patient_erased.emit(uid)
        self.refresh()

    def _erase_unlinked_too(self, drafts: list[DraftMatch]) -> bool:
        """Unfinished consults not linked to the patient that name the same person: listed, and erased
        only when the practitioner says so."""
        words = ui().records_window
        lines = [
            " · ".join(part for part in (
                isolated(d.name or words.no_name), isolated(d.patient_ref) if d.patient_ref else "",
                words.fill("born", date=day(self.kb, d.date_of_birth)) if d.date_of_birth else "",
                words.fill("last_saved", moment=show_moment(d.updated_at, self.kb.settings.clinic.locale)),
                d.why) if part)
            for d in drafts
        ]
        return self.confirm(self, words.fill("unlinked", drafts="\n".join(lines)))

    @needs_server
    def _import(self) -> None:
        words = ui().records_window
        path = self.choose_open(self, words.import_title, "")
        if path is None:
            return
        try:
            saved = import_consultation(self.records, path.read_bytes(), self.kb)
        except ImportFailed as error:
            self.message.setText(words.fill("not_imported", problems="; ".join(error.problems)))
            return
        except OSError as error:
            self.message.setText(words.fill("not_read", path=path, error=error.strerror or error))
            return
        self.message.setText(words.imported)
        self.search.clear()
        self.refresh()
        self.select(saved.patient_uid)


def listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ui().records_window.fill("list_and", items=", ".join(parts[:-1]),
                                                                      last=parts[-1])


def lower_first(name: str) -> str:
    """'Crow's feet' → 'crow's feet' inside a sentence; an acronym ('DAO') stays as it is."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def treatment_words(kb: KnowledgeBase, treatments: Iterable[Treatment]) -> str:
    """'Hyaluronic acid (HA) filler, chin and jawline': each tool once, with its areas."""
    t = kb.text()
    areas: dict[Tool, list[str]] = {}
    for item in treatments:
        where = lower_first(t.areas[item.area].name) if item.area is not None else ui().records_window.whole_face
        if where not in areas.setdefault(item.tool, []):
            areas[item.tool].append(where)
    return "; ".join(f"{t.tools[tool].name}, {listed(where)}" for tool, where in areas.items())


def follow_up_why(kb: KnowledgeBase, item: FollowUp, treatments: Iterable[Treatment] = ()) -> str:
    """Why the patient should come in, in words: a booked visit and what it is for, or a top-up."""
    words = ui().records_window
    if item.top_up:
        return words.fill("top_up", treatments=treatment_words(kb, treatments or item.treatments))
    parts = []
    if SessionKind.REVIEW in item.kinds:
        parts.append(words.review_visit)
    if SessionKind.REASSESSMENT in item.kinds:
        parts.append(words.reassessment)
    if item.treatments:
        parts.append(treatment_words(kb, item.treatments))
    return words.fill("visit", n=item.visit, why="; ".join(parts))


def follow_up_lines(kb: KnowledgeBase, due: list[FollowUp]) -> list[tuple[str, str]]:
    """One line a reason, by date: the date, the patient and why. The top-ups a patient has due on
    one day share a line."""
    lines = []
    for (_, _, top_up), group in groupby(due, key=lambda f: (f.date, f.patient_uid, f.top_up)):
        items = list(group)
        whys = ([follow_up_why(kb, items[0], [t for f in items for t in f.treatments])] if top_up
                else [follow_up_why(kb, f) for f in items])
        first = items[0]
        lines += [(f"{day(kb, first.date)} · \u2068{first.name}\u2069 · {why}", first.patient_uid) for why in whys]
    return lines


class FollowUpList(QWidget):
    review_requested = Signal(str)

    def __init__(self, records: Records, kb: KnowledgeBase, parent: QWidget,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.records, self.kb, self.today = records, kb, today
        self.weeks = 4
        words = ui().records_window
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        for weeks in WEEKS:
            choice = QPushButton(words.fill("weeks", n=weeks), self)
            choice.setAccessibleName(words.fill("due_name", n=weeks))
            choice.setProperty("weeks", weeks)
            choice.setCheckable(True)
            choice.setChecked(weeks == self.weeks)
            choice.setMinimumHeight(52)
            choice.clicked.connect(lambda _=False, w=weeks: self.show_weeks(w))
            self.group.addButton(choice)
            row.addWidget(choice)
        layout.addLayout(row)
        self.list = touch_list(self, words.due_list_name)
        self.list.setWordWrap(True)  # a long reason wraps; a tablet has no sideways scrolling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.list, 1)
        self.review_button = button(self, words.review, self._review)
        layout.addWidget(self.review_button)
        self.refresh()

    def show_weeks(self, weeks: int) -> None:
        self.weeks = weeks
        for choice in self.group.buttons():
            choice.setChecked(choice.property("weeks") == weeks)
        self.refresh()

    def say_away(self) -> None:
        QListWidgetItem(ui().records_window.server_away, self.list)

    @needs_server
    def _due(self) -> list[FollowUp]:
        return self.records.follow_ups(self.today(), self.weeks)

    def refresh(self) -> None:
        self.list.clear()
        due = self._due()
        if due is None:  # the server is away: said in the list (say_away)
            return
        for text, uid in follow_up_lines(self.kb, due):
            QListWidgetItem(text, self.list).setData(UID, uid)
        if not self.list.count():
            QListWidgetItem(ui().records_window.fill("no_one_due", n=self.weeks), self.list)

    def _review(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(UID):
            self.review_requested.emit(str(item.data(UID)))


class RecordsDialog(QDialog):
    """Patients and follow-ups in two tabs; the caller connects open/review to the wizard."""

    def __init__(self, records: Records, kb: KnowledgeBase, parent: QWidget, **options: object) -> None:
        super().__init__(parent)
        words = ui().records_window
        self.setWindowTitle(words.title)
        self.setAccessibleName(words.name)
        self.resize(1100, 720)
        layout = QVBoxLayout(self)
        tabs = QTabWidget(self)
        self.patients = PatientList(records, kb, tabs, **options)  # type: ignore[arg-type]
        self.follow_ups = FollowUpList(records, kb, tabs)
        self.patients.patient_erased.connect(lambda _uid: self.follow_ups.refresh())
        tabs.addTab(self.patients, words.patients)
        tabs.addTab(self.follow_ups, words.follow_ups)
        from gui.records.lot_search import LotList

        self.lots = LotList(records, kb, tabs)
        self.lots.open_requested.connect(self.patients.open_requested)
        tabs.addTab(self.lots, kb.text().clinical_record.lots_heading)
        layout.addWidget(tabs, 1)
        layout.addWidget(button(self, words.close, self.accept))
