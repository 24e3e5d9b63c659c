"""Movement / Quality / Structure as three labelled bars; the words carry the meaning, not colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.vocabulary import DIMENSION_ORDER
from gui import theme
from gui.words import ui

if TYPE_CHECKING:
    from core.knowledge.models import KnowledgeBase
    from core.plan import DimensionScores

ROW = 40


class DimensionBars(QWidget):
    def __init__(self, kb: KnowledgeBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = kb
        self.scores: DimensionScores | None = None
        self.setAccessibleName(ui().widgets.bars_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(ROW * 3 + 8)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, ROW * 3 + 8)

    def set_scores(self, scores: DimensionScores) -> None:
        self.scores = scores
        names = self.kb.text().dimensions
        self.setAccessibleDescription(", ".join(f"{names[d].name} {scores.of(d)}" for d in DIMENSION_ORDER))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.scores is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        names = self.kb.text().dimensions
        top = max(1, *(self.scores.of(d) for d in DIMENSION_ORDER))
        name_w, value_w = 100, 150
        bar_w = max(40, self.width() - name_w - value_w - 16)
        width = self.width()

        def place(rect: QRectF) -> QRectF:
            """Right to left (Hebrew, Arabic): the name on the right and the bar growing leftwards."""
            if not self.isRightToLeft():
                return rect
            return QRectF(width - rect.x() - rect.width(), rect.y(), rect.width(), rect.height())

        for index, dimension in enumerate(DIMENSION_ORDER):
            y = 4 + index * ROW
            score = self.scores.of(dimension)
            painter.setPen(QColor(theme.INK))
            painter.drawText(place(QRectF(0, y, name_w, ROW - 8)), Qt.AlignmentFlag.AlignVCenter, names[dimension].name)
            track = QRectF(name_w, y + 8, bar_w, ROW - 24)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.LINE))
            painter.drawRoundedRect(place(track), 6, 6)
            if score:
                painter.setBrush(QColor(theme.DIMENSION_COLOURS[dimension.value]))
                filled = QRectF(track.x(), track.y(), bar_w * score / top, track.height())
                painter.drawRoundedRect(place(filled), 6, 6)
            role = ""
            if dimension is self.scores.dominant:
                role = "dominant"
            elif dimension in self.scores.secondary:
                role = "secondary"
            painter.setPen(QColor(theme.INK))
            text = f"{score}" + (f"  · {getattr(ui().widgets, role)}" if role else "")
            font = painter.font()
            font.setBold(role == "dominant")
            painter.setFont(font)
            painter.drawText(
                place(QRectF(name_w + bar_w + 12, y, value_w, ROW - 8)), Qt.AlignmentFlag.AlignVCenter, text
            )
            font.setBold(False)
            painter.setFont(font)
        painter.end()
