"""A PDF's own pages as images in a finger-scrollable column: fitted to the width, drawn at the
screen's pixel ratio so text stays crisp, and only the pages near the view held as pixmaps. The PDF
is read from bytes and never touches the disk; each page's text is its accessible description."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QScroller, QVBoxLayout, QWidget

from gui.theme import CARD, LINE, TOUCH
from gui.words import ui

ZOOMS = (0.5, 0.75, 1.0, 1.5, 2.0, 2.5)  # of the view's width: 1.0 fits it, 0.5 shows a whole page
FIT = ZOOMS.index(1.0)
GAP = 16


def page_image(page: pypdfium2.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    try:
        data = bytes(bitmap.buffer)
        return QImage(data, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888).copy()
    finally:
        bitmap.close()
        page.close()


def page_text(page: pypdfium2.PdfPage) -> str:
    """The page's words with whitespace collapsed, so a wrapped table cell reads as one line."""
    text = page.get_textpage()
    try:
        return " ".join(text.get_text_range().split())
    finally:
        text.close()
        page.close()


class PdfPages(QWidget):
    """Raises pypdfium2.PdfiumError for bytes that are not a PDF; `release` forgets the document."""

    def __init__(self, pdf: bytes, parent: QWidget | None) -> None:
        document = pypdfium2.PdfDocument(pdf)  # before the widget exists: a bad PDF leaves no half-built child
        super().__init__(parent)
        self.document: pypdfium2.PdfDocument | None = document
        self.sizes = [document.get_page_size(i) for i in range(len(document))]
        self.texts = [page_text(document[i]) for i in range(len(document))]
        self.zoom = FIT
        self.drawn: dict[int, int] = {}  # page index -> pixel width it was drawn at
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tools = row = QHBoxLayout()  # a caller may put its own line first
        self.position = QLabel("", self)
        words = ui().widgets
        self.position.setAccessibleName(words.page_name)
        row.addWidget(self.position)
        self.zoom_out = self._button("−", words.zoom_out, lambda: self.set_zoom(self.zoom - 1))
        self.fit = self._button(words.fit, words.fit_name, lambda: self.set_zoom(FIT))
        self.zoom_in = self._button("+", words.zoom_in, lambda: self.set_zoom(self.zoom + 1))
        for widget in (self.zoom_out, self.fit, self.zoom_in):
            row.addWidget(widget)
        layout.addLayout(row)
        self.area = QScrollArea(self)
        self.area.setAccessibleName(words.pages)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # no reflow as it comes and goes
        self.sheet = QWidget()
        self.area.setWidget(self.sheet)
        self.pages: list[QLabel] = []
        for index, text in enumerate(self.texts):
            label = QLabel(self.sheet)
            label.setAccessibleName(words.fill("page_of", n=index + 1, total=len(self.texts)))
            label.setAccessibleDescription(text)
            label.setStyleSheet(f"background: {CARD}; border: 1px solid {LINE};")
            self.pages.append(label)
        layout.addWidget(self.area, 1)
        viewport = self.area.viewport()
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
        viewport.installEventFilter(self)
        self.relayout_soon = QTimer(self, singleShot=True, interval=60)
        self.relayout_soon.timeout.connect(self.relayout)
        for bar in (self.area.verticalScrollBar(), self.area.horizontalScrollBar()):
            bar.valueChanged.connect(self._draw_near)
        self.set_zoom(FIT)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        widget = QPushButton(text, self)
        widget.setAccessibleName(name)
        widget.setMinimumSize(TOUCH + 16 if len(text) == 1 else TOUCH, TOUCH + 4)
        widget.clicked.connect(slot)
        return widget

    def text(self) -> str:
        return "\n\n".join(self.texts)

    def set_zoom(self, zoom: int) -> None:
        self.zoom = max(0, min(zoom, len(ZOOMS) - 1))
        self.zoom_out.setEnabled(self.zoom > 0)
        self.fit.setEnabled(self.zoom != FIT)
        self.zoom_in.setEnabled(self.zoom < len(ZOOMS) - 1)
        self.relayout()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.relayout_soon.start()  # a window edge dragged: once it rests
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.relayout()  # at the size it is shown at: no blank or narrow first moment

    def relayout(self) -> None:
        """Size and place every page for the view's width and the zoom; keep the reading position."""
        bar = self.area.verticalScrollBar()
        where = bar.value() / bar.maximum() if bar.maximum() else 0.0
        view = self.area.viewport().width()
        width = max(200, round((view - 2 * GAP) * ZOOMS[self.zoom]))
        y = GAP
        for label, (w_pt, h_pt) in zip(self.pages, self.sizes, strict=True):
            height = round(width * h_pt / w_pt)
            label.setGeometry(max(GAP, (view - width) // 2), y, width, height)
            y += height + GAP
        self.sheet.setFixedSize(max(view, width + 2 * GAP), y)
        bar.setValue(round(where * bar.maximum()))
        self._draw_near()

    def _draw_near(self) -> None:
        """Draw the pages within a screen of the view at the current size; forget the others."""
        if self.document is None or not self.isVisible():
            return
        top = self.area.verticalScrollBar().value()
        height = self.area.viewport().height()
        near = QRect(0, top - height, self.sheet.width(), 3 * height)
        ratio = self.devicePixelRatioF()
        for index, label in enumerate(self.pages):
            if not label.geometry().intersects(near):
                if self.drawn.pop(index, None) is not None:
                    label.setPixmap(QPixmap())
                continue
            width = label.width()
            if self.drawn.get(index) == width:
                continue
            pixmap = QPixmap.fromImage(page_image(self.document[index], width * ratio / self.sizes[index][0]))
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            self.drawn[index] = width
        middle = top + height // 2
        current = next((i for i, label in enumerate(self.pages) if label.geometry().bottom() + GAP >= middle),
                       len(self.pages) - 1)
        self.position.setText(ui().widgets.fill("page_of", n=current + 1, total=len(self.pages)))

    def release(self) -> None:
        """Forget the document, its text and its pictures: nothing of the patient stays in memory."""
        if self.document is None:
            return
        self.document.close()
        self.document = None
        self.drawn.clear()
        self.texts = []
        for label in self.pages:
            label.setPixmap(QPixmap())
            label.setAccessibleDescription("")
