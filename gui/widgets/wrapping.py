"""A word-wrapped label that remembers its height for a width.

Qt's layouts ask a wrapped label its height for a width many times a layout pass: a box layout keeps
one width's answer, and a label's minimum height for a width is never kept, so each question lays the
text out again. On the Plan page a decline asked its 90 labels about 1,050 times (~5 ms of a tap).
Here each answer is kept for its text and width; a new font or style sheet forgets them all. (Kept
for the texts before too: a tap often goes back to one, and asking a rich-text label again lays out
its document again, which repaints it in a second frame.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt


class WrappingLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[int, str], int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= 16:  # a few texts at a few widths; more is a label that keeps changing
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange):
            self._heights.clear()
        super().changeEvent(event)

    # Whatever else changes how the text wraps forgets the heights too.
    def setWordWrap(self, on: bool) -> None:  # noqa: N802
        self._heights.clear()
        super().setWordWrap(on)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:  # noqa: N802
        self._heights.clear()
        super().setTextFormat(text_format)

    def setMargin(self, margin: int) -> None:  # noqa: N802
        self._heights.clear()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:  # noqa: N802
        self._heights.clear()
        super().setIndent(indent)


def lay_out_now(widget: QWidget) -> None:
    """Lay out the widget and each parent above it now. Left to Qt, a widget that changed height is
    laid out, then its parent, then the scroll area, each in a later pass of the event loop, and the
    frame can come between them: a half-laid-out frame, then a second with the rest (issue 10)."""
    shown: QWidget | None = widget
    while shown is not None:
        if (layout := shown.layout()) is not None:
            layout.activate()
        shown = None if shown.isWindow() else shown.parentWidget()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # the scroll area, for one
