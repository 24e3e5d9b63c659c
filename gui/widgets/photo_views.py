"""Standard-view photos: a tile with an outline guide per view, and the overlay of an earlier photo."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from core.consultation import PhotoView
from gui.words import ui

GUIDE = QColor(46, 111, 115, 170)


def pixmap(jpeg: bytes) -> QPixmap:
    image = QImage.fromData(jpeg)
    return QPixmap.fromImage(image)


def fitted(rect: QRectF, size_w: float, size_h: float) -> QRectF:
    """The largest rect of the size's proportions centred in `rect`."""
    scale = min(rect.width() / max(1.0, size_w), rect.height() / max(1.0, size_h))
    w, h = size_w * scale, size_h * scale
    return QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h)


def draw_outline(painter: QPainter, rect: QRectF, view: PhotoView) -> None:
    """The guide to line the face up with: head outline, eye line and centre or profile line."""
    painter.save()
    painter.setPen(QPen(GUIDE, 2, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    w, h, x0, y0 = rect.width(), rect.height(), rect.left(), rect.top()
    eye_y = y0 + h * 0.45
    if view in (PhotoView.FRONT_REST, PhotoView.FRONT_ANIMATED):
        painter.drawEllipse(QRectF(x0 + w * 0.22, y0 + h * 0.12, w * 0.56, h * 0.72))
        painter.drawLine(QPointF(x0 + w / 2, y0 + h * 0.08), QPointF(x0 + w / 2, y0 + h * 0.9))
        painter.drawLine(QPointF(x0 + w * 0.2, eye_y), QPointF(x0 + w * 0.8, eye_y))
    elif view in (PhotoView.LEFT_45, PhotoView.RIGHT_45):
        sign = -1 if view is PhotoView.LEFT_45 else 1
        painter.drawEllipse(QRectF(x0 + w * 0.24, y0 + h * 0.12, w * 0.52, h * 0.72))
        mid = x0 + w / 2 + sign * w * 0.1
        painter.drawLine(QPointF(mid, y0 + h * 0.12), QPointF(mid, y0 + h * 0.84))
        painter.drawLine(QPointF(x0 + w * 0.2, eye_y), QPointF(x0 + w * 0.8, eye_y))
    else:
        facing = -1 if view is PhotoView.LEFT_PROFILE else 1  # which way the nose points
        cx = x0 + w / 2
        path = QPainterPath()
        path.moveTo(cx - facing * w * 0.2, y0 + h * 0.12)
        path.cubicTo(cx + facing * w * 0.25, y0 + h * 0.08, cx + facing * w * 0.22, y0 + h * 0.35,
                     cx + facing * w * 0.26, y0 + h * 0.5)  # forehead to the nose tip
        path.lineTo(cx + facing * w * 0.18, y0 + h * 0.56)
        path.cubicTo(cx + facing * w * 0.2, y0 + h * 0.66, cx + facing * w * 0.2, y0 + h * 0.72,
                     cx + facing * w * 0.12, y0 + h * 0.8)  # lips to the chin
        path.cubicTo(cx, y0 + h * 0.84, cx - facing * w * 0.15, y0 + h * 0.78, cx - facing * w * 0.2, y0 + h * 0.7)
        painter.drawPath(path)
        painter.drawLine(QPointF(x0 + w * 0.2, eye_y), QPointF(x0 + w * 0.8, eye_y))
    painter.restore()


class PhotoCanvas(QWidget):
    """A photo (or its empty frame) with the outline guide over it; `earlier` blends over it at `opacity`."""

    def __init__(self, view: PhotoView, parent: QWidget | None = None, *, guide: bool = True) -> None:
        super().__init__(parent)
        self.view, self.guide = view, guide
        self.photo: QPixmap | None = None
        self.earlier: QPixmap | None = None
        self.opacity = 0.0
        self.empty = ""
        self.setMinimumSize(150, 200)
        self.setFixedHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_photo(self, photo: QPixmap | None, empty: str = "") -> None:
        self.photo, self.empty = photo, empty
        self.update()

    def set_overlay(self, earlier: QPixmap | None, opacity: float) -> None:
        self.earlier, self.opacity = earlier, max(0.0, min(1.0, opacity))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = fitted(QRectF(self.rect()).adjusted(2, 2, -2, -2), 3, 4)
        painter.fillRect(frame, QColor(238, 233, 229))
        if self.photo is not None and not self.photo.isNull():
            target = fitted(frame, self.photo.width(), self.photo.height())
            painter.drawPixmap(target, self.photo, QRectF(self.photo.rect()))
            if self.earlier is not None and not self.earlier.isNull() and self.opacity > 0:
                painter.setOpacity(self.opacity)
                painter.drawPixmap(fitted(frame, self.earlier.width(), self.earlier.height()), self.earlier,
                                   QRectF(self.earlier.rect()))
                painter.setOpacity(1.0)
        elif self.empty:
            painter.setPen(QColor(120, 110, 105))
            painter.drawText(frame.adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter) | int(
                                 Qt.TextFlag.TextWordWrap), self.empty)
        if self.guide:
            draw_outline(painter, frame, self.view)
        painter.end()


class PhotoTile(QFrame):
    """One standard view: its name, the photo with the guide, Add (from a file) and Remove."""

    add_requested = Signal(object)  # the PhotoView
    remove_requested = Signal(object)

    def __init__(self, view: PhotoView, title: str, add: str, remove: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setProperty("role", "card")
        self.setAccessibleName(ui().photos.fill("tile_name", view=title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        name = QLabel(title, self)
        name.setProperty("role", "strong")
        layout.addWidget(name)
        self.canvas = PhotoCanvas(view, self)
        layout.addWidget(self.canvas, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(add, self)
        self.add_button.setAccessibleName(ui().photos.fill("add_name", view=title))
        self.add_button.setMinimumHeight(52)
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.view))
        self.remove_button = QPushButton(remove, self)
        self.remove_button.setAccessibleName(ui().photos.fill("remove_name", view=title))
        self.remove_button.setMinimumHeight(52)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.view))
        row.addWidget(self.add_button, 1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
