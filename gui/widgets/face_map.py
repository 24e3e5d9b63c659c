"""The face map: the shipped SVG, drawn once a size, with hit-testing on the real area shapes.

Area outlines come from the SVG path data (not bounding boxes), so a tap between the lips and the
chin marks nothing. Marked areas get a hatch and a thick outline, so the state never rests on colour.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.vocabulary import Area
from gui import theme

_TOKEN = re.compile(r"[MmLlHhVvCcQqZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4, "Z": 0}


def parse_path(data: str) -> QPainterPath:
    """SVG path data (M L H V C Q Z, absolute or relative) as a QPainterPath."""
    tokens = _TOKEN.findall(data)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                path.closeSubpath()
                x, y = path.currentPosition().x(), path.currentPosition().y()
                continue
        upper = command.upper()
        n = _ARITY[upper]
        args = [float(t) for t in tokens[i : i + n]]
        i += n
        rel = command.islower()
        if upper == "H":
            x = args[0] + (x if rel else 0)
            path.lineTo(x, y)
            continue
        if upper == "V":
            y = args[0] + (y if rel else 0)
            path.lineTo(x, y)
            continue
        pts = [QPointF(args[k] + (x if rel else 0), args[k + 1] + (y if rel else 0)) for k in range(0, n, 2)]
        if upper == "M":
            path.moveTo(pts[0])
            command = "l" if rel else "L"
        elif upper == "L":
            path.lineTo(pts[0])
        elif upper == "C":
            path.cubicTo(pts[0], pts[1], pts[2])
        elif upper == "Q":
            path.quadTo(pts[0], pts[1])
        x, y = pts[-1].x(), pts[-1].y()
    return path


@lru_cache(maxsize=2)
def area_shapes(svg: Path) -> dict[Area, QPainterPath]:
    """Each area's outline in SVG coordinates, keyed by the element id."""
    shapes: dict[Area, QPainterPath] = {}
    ids = {a.value for a in Area}
    import xml.etree.ElementTree as ET  # noqa: N817 (imported here: the first page paints without it)

    for element in ET.parse(svg).getroot().iter():
        ident = element.get("id")
        if ident in ids and element.tag.endswith("path"):
            shapes[Area(ident)] = parse_path(element.get("d", ""))
    missing = ids - {a.value for a in shapes}
    if missing:
        raise ValueError(f"{svg}: no path for area ids {sorted(missing)}")
    return shapes


class FaceMap(QWidget):
    """Tap an active area to emit `area_tapped(Area)`; arrows and Space work too."""

    area_tapped = Signal(object)

    def __init__(self, name: str, active: Iterable[Area], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtSvg import QSvgRenderer

        from core.assets import asset_path

        svg = asset_path("face", "face.svg")
        self._renderer = QSvgRenderer(str(svg), self)
        self._shapes = area_shapes(svg)
        self._active = [a for a in Area if a in set(active)]
        self._marked: set[Area] = set()
        self._selected: Area | None = None
        self._focus_index = 0
        self._drawn: tuple[tuple[QSize, float], QPixmap] | None = None  # the face for a size (`_face`)
        view = QRectF()
        for area in self._active:
            view = view.united(self._shapes[area].boundingRect())
        self._view = view.adjusted(-40, -30, 40, 30).intersected(self._renderer.viewBoxF())
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # --- state ----------------------------------------------------------------------------------
    @property
    def active_areas(self) -> list[Area]:
        return list(self._active)

    def set_marked(self, areas: Iterable[Area]) -> None:
        marked = set(areas)
        if marked != self._marked:  # a grade changes no mark: no repaint of the face for it
            self._marked = marked
            self.update()

    def set_selected(self, area: Area | None) -> None:
        if area is not self._selected:
            self._selected = area
            self.update()

    # --- geometry -------------------------------------------------------------------------------
    def _transform(self) -> QTransform:
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        scale = min(rect.width() / self._view.width(), rect.height() / self._view.height())
        dx = rect.x() + (rect.width() - self._view.width() * scale) / 2 - self._view.x() * scale
        dy = rect.y() + (rect.height() - self._view.height() * scale) / 2 - self._view.y() * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def area_at(self, point: QPoint | QPointF) -> Area | None:
        inverse, ok = self._transform().inverted()
        if not ok:
            return None
        local = inverse.map(QPointF(point))
        for area in reversed(self._active):
            if self._shapes[area].contains(local):
                return area
        return None

    def area_center(self, area: Area) -> QPoint:
        """The point deepest inside the area's shape, in widget coordinates (tests and keyboard)."""
        shape = self._shapes[area]
        box = shape.boundingRect()
        directions = ((1, 0), (-1, 0), (0, 1), (0, -1), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7))

        def clearance(p: QPointF) -> int:
            depth = 0
            for d in range(2, 40, 2):
                if not all(shape.contains(QPointF(p.x() + dx * d, p.y() + dy * d)) for dx, dy in directions):
                    break
                depth = d
            return depth

        grid = [
            QPointF(box.x() + box.width() * fx / 24, box.y() + box.height() * fy / 24)
            for fy in range(1, 24)
            for fx in range(1, 24)
        ]
        inside = [p for p in grid if shape.contains(p)]
        centre = box.center()
        best = max(inside, key=lambda p: (clearance(p), -abs(p.x() - centre.x()) - abs(p.y() - centre.y())))
        return self._transform().map(best).toPoint()

    # --- events ---------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            area = self.area_at(event.position())
            if area is not None:
                self._focus_index = self._active.index(area)
                self.area_tapped.emit(area)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._focus_index = (self._focus_index + 1) % len(self._active)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._focus_index = (self._focus_index - 1) % len(self._active)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.area_tapped.emit(self._active[self._focus_index])
        else:
            super().keyPressEvent(event)
            return
        self.update()

    def _face(self) -> QPixmap:
        """The face, rendered once for the widget's size: rendering the SVG took most of a repaint, and
        a tap changes the marks drawn over it, not the face."""
        ratio = self.devicePixelRatioF()
        key = (self.size(), ratio)
        if self._drawn is None or self._drawn[0] != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setTransform(self._transform())
            self._renderer.render(painter, self._renderer.viewBoxF())
            painter.end()
            self._drawn = (key, pixmap)
        return self._drawn[1]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._face())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self._transform()
        painter.setTransform(transform)
        scale = transform.m11()
        faded = QColor(theme.SURFACE)
        faded.setAlpha(170)
        accent = QColor(theme.ACCENT)
        for area, shape in self._shapes.items():
            if area not in self._active:
                painter.fillPath(shape, faded)
                continue
            if area in self._marked:
                fill = QColor(accent)
                fill.setAlpha(70)
                painter.fillPath(shape, fill)
                painter.fillPath(shape, QBrush(QColor(theme.ACCENT), Qt.BrushStyle.BDiagPattern))
                painter.strokePath(shape, QPen(accent, 3.0 / scale * 1.5))
            if area is self._selected:
                pen = QPen(QColor(theme.INK), 3.0 / scale * 1.5, Qt.PenStyle.DashLine)
                painter.strokePath(shape, pen)
        if self.hasFocus() and self._active:
            focus = self._active[self._focus_index % len(self._active)]
            painter.strokePath(self._shapes[focus], QPen(QColor("#d08a2c"), 2.0 / scale * 1.5, Qt.PenStyle.DotLine))
        painter.end()
