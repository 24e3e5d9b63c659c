"""The face map for injection points: a tap inside the area being treated places a point; each point
is drawn with its amount. Points are stored as fractions of the face drawing (its SVG view box)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from core.vocabulary import Area
from gui import theme
from gui.widgets.face_map import FaceMap

Point = tuple[float, float, float]  # x, y (fractions of the face drawing), amount


class InjectionMap(FaceMap):
    point_tapped = Signal(float, float)  # fractions of the face drawing

    def __init__(self, name: str, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(name, [area], parent)
        self.points: list[Point] = []
        self.unit = ""
        self.set_marked([area])

    def set_points(self, points: list[Point], unit: str) -> None:
        self.points, self.unit = list(points), unit
        self.update()

    def _box(self) -> QRectF:
        return self._renderer.viewBoxF()

    def to_widget(self, x: float, y: float) -> QPointF:
        box = self._box()
        return self._transform().map(QPointF(box.x() + x * box.width(), box.y() + y * box.height()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.area_at(event.position()) is not None:
            inverse, ok = self._transform().inverted()
            if ok:
                local, box = inverse.map(event.position()), self._box()
                self.point_tapped.emit((local.x() - box.x()) / box.width(), (local.y() - box.y()) / box.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setPointSizeF(9)
        painter.setFont(font)
        for x, y, amount in self.points:
            at = self.to_widget(x, y)
            painter.setPen(QPen(QColor("white"), 2))
            painter.setBrush(QColor(theme.STOP))
            painter.drawEllipse(at, 6, 6)
            painter.setPen(QColor(theme.INK))
            painter.drawText(at + QPointF(-4, -10), f"{amount:g}")  # the unit is beside the field
        painter.end()
