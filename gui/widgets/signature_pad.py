"""A pad to sign on with a finger: the strokes are kept as vectors (fractions of the pad's size)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

Points = list[tuple[float, float]]
INK = QColor(20, 30, 60)
GUIDE = QColor(170, 160, 155)


class SignaturePad(QWidget):
    """Touch (Qt turns a finger into mouse events), a pen or a mouse draws; `strokes` returns what was
    drawn. `signed_changed` says whether anything is drawn, after each stroke and each clear."""

    signed_changed = Signal(bool)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)  # touches arrive as mouse events
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[Points] = []
        self._drawing = False

    def sizeHint(self):  # type: ignore[no-untyped-def]  # noqa: N802
        hint = super().sizeHint()
        hint.setHeight(180)
        return hint

    def strokes(self) -> list[Points]:
        return [list(stroke) for stroke in self._strokes]

    def aspect(self) -> float:
        return max(0.1, min(20.0, self.width() / max(1, self.height())))

    @property
    def signed(self) -> bool:
        return any(self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.signed_changed.emit(False)

    def _point(self, event: QMouseEvent) -> tuple[float, float]:
        pos = event.position()
        return (min(1.0, max(0.0, pos.x() / max(1, self.width()))),
                min(1.0, max(0.0, pos.y() / max(1, self.height()))))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._drawing = True
        self._strokes.append([self._point(event)])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drawing and self._strokes:
            self._strokes[-1].append(self._point(event))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drawing:
            self._drawing = False
            last = self._point(event)
            if self._strokes[-1][-1] != last:
                self._strokes[-1].append(last)
            self.update()
            self.signed_changed.emit(True)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(GUIDE, 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        line_y = self.height() * 0.78
        painter.setPen(QPen(GUIDE, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(24, line_y), QPointF(self.width() - 24, line_y))
        painter.setPen(QPen(INK, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            path = QPainterPath()
            first = stroke[0]
            path.moveTo(first[0] * self.width(), first[1] * self.height())
            for x, y in stroke[1:]:
                path.lineTo(x * self.width(), y * self.height())
            if len(stroke) == 1:
                painter.drawPoint(QPointF(first[0] * self.width(), first[1] * self.height()))
            else:
                painter.drawPath(path)
        painter.end()
