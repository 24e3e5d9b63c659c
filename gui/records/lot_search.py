"""The Records window's lot search: every patient who received a lot (traceability, a recall)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidgetItem, QVBoxLayout, QWidget

from core.knowledge.models import KnowledgeBase
from core.records import Records
from core.records.lots import who_received
from gui.labels import area_name, day
from gui.records.offline import needs_server
from gui.words import ui

UID = Qt.ItemDataRole.UserRole


class LotList(QWidget):
    """Type a lot number; each treatment given from it is a line (date, patient, product, area, amount).
    Choosing a line and `Open read-only` opens that consult."""

    open_requested = Signal(str)  # a consultation uid

    def __init__(self, records: Records, kb: KnowledgeBase, parent: QWidget) -> None:
        from gui.records.records_dialog import button, touch_list

        super().__init__(parent)
        self.records, self.kb = records, kb
        words = kb.text().clinical_record
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(ui().lots.search_name)
        self.search.setPlaceholderText(words.lots_search)
        self.search.setMinimumHeight(52)
        self.search.textChanged.connect(self.refresh)
        layout.addWidget(self.search)
        self.list = touch_list(self, ui().lots.list_name)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self._open())
        layout.addWidget(self.list, 1)
        self.open_button = button(self, ui().lots.open, self._open)
        layout.addWidget(self.open_button)
        self.refresh()

    def say_away(self) -> None:
        self.list.clear()
        QListWidgetItem(ui().records_window.server_away, self.list)
        self.open_button.setEnabled(False)

    @needs_server
    def refresh(self, *_: object) -> None:
        from gui.pages.given import shown_unit

        self.list.clear()
        lot = self.search.text().strip()
        words = self.kb.text().clinical_record
        found = who_received(self.records, lot) if lot else []
        for row in found:
            text = words.lots_line.format(date=day(self.kb, row.given_on), name=f"\u2068{row.name}\u2069",
                                          product=row.product, lot=row.lot, area=area_name(self.kb, row.area),
                                          amount=f"{row.amount:g}", unit=shown_unit(row.unit))
            QListWidgetItem(text, self.list).setData(UID, row.consultation_uid)
        if lot and not found:
            QListWidgetItem(words.lots_none.format(lot=lot), self.list)
        self.open_button.setEnabled(bool(found))

    @needs_server
    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(UID):
            self.open_requested.emit(str(item.data(UID)))
