"""One page template for both PDFs: margins by paper size, a footer with 'page X of Y'."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from core.takeaway.paragraph import Paragraph
from core.takeaway.styles import FOOTER_SPACE, MARGIN, PAPER, RULE, Styles
from core.takeaway.words import Words


def _numbered_canvas(words: Words, styles: Styles, footer: str) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each footer knows the page count."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            usable = width - 2 * MARGIN
            y = MARGIN - FOOTER_SPACE * 0.55
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, y + styles.small.leading + 2, width - MARGIN, y + styles.small.leading + 2)
            page = words.fill("page_of", page=str(self._pageNumber), pages=str(total))
            left, right = (page, footer) if words.rtl else (footer, page)
            for markup, align in ((left, 0), (right, 2)):
                style = styles.small.clone("footer", alignment=align)
                para = Paragraph(markup, style)
                para.wrapOn(self, usable, styles.small.leading * 2)
                para.drawOn(self, MARGIN, y)

    return NumberedCanvas


def render(
    story: Sequence[Flowable], *, paper: str, title: str, author: str, words: Words, styles: Styles, footer: str
) -> bytes:
    """The PDF bytes of a story; nothing touches the disk here."""
    buffer = io.BytesIO()
    size = PAPER[paper]
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_SPACE,
        title=title,
        author=author,
        creator="Thirds",
        lang=words.texts.language,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(list(story), canvasmaker=_numbered_canvas(words, styles, footer))
    return buffer.getvalue()
