"""Handing the takeaway over: on paper through the system print dialog, or in the system's PDF viewer.

Printing needs no network: pdfium draws each page of the takeaway PDF at up to 300 dpi and Qt's print
support (QtPrintSupport, part of PySide6-Essentials) puts it on the printer, fitted to the page. A Qt
built without print support gets a plain sentence, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2
from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import QDialog, QWidget

from gui.widgets.pdf_pages import page_image
from gui.words import ui

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300  # sharp on paper; a 1200 dpi printer would need half a gigabyte a page
ChoosePrinter = Callable[[QWidget, "QPrinter", int], bool]  # (parent, printer, pages) -> print?
OpenUrl = Callable[[QUrl], bool]



class PrintFailed(RuntimeError):
    """Said to the practitioner as it is: the printer could not be started or took no page."""


def can_print() -> bool:
    try:
        from PySide6 import QtPrintSupport  # noqa: F401 - only whether it is there
    except ImportError:
        return False
    return True


def ask_printer(parent: QWidget, printer: QPrinter, pages: int) -> bool:
    """The system print dialog: printer, copies and pages; True when the practitioner chose Print."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(ui().printing.title)
    dialog.setMinMax(1, pages)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def fitted(width: float, height: float, area: QRectF) -> QRectF:
    """A page of this shape as large as fits in `area`, centred."""
    scale = min(area.width() / width, area.height() / height)
    w, h = width * scale, height * scale
    return QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)


def print_pdf(pdf: Path | bytes, printer: QPrinter) -> int:
    """Draw the PDF's pages (those the dialog chose) on the printer; returns how many were printed."""
    from PySide6.QtPrintSupport import QPrinter

    document = pypdfium2.PdfDocument(pdf)
    try:
        count = len(document)
        first, last = printer.fromPage() or 1, min(printer.toPage() or count, count)  # 0: every page
        pages = list(range(first - 1, last)) * (1 if printer.supportsMultipleCopies() else printer.copyCount())
        painter = QPainter()
        if not pages or not painter.begin(printer):
            raise PrintFailed(ui().printing.not_started)
        try:
            paint = printer.pageRect(QPrinter.Unit.DevicePixel)
            area = QRectF(0, 0, paint.width(), paint.height())  # the painter starts at the printable area
            for n, index in enumerate(pages):
                if n and not printer.newPage():
                    raise PrintFailed(ui().printing.no_page)
                width, height = document.get_page_size(index)
                painter.drawImage(fitted(width, height, area), page_image(document[index], PRINT_DPI / 72))
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def print_file(parent: QWidget, path: Path, choose: ChoosePrinter = ask_printer) -> tuple[bool, str]:
    """Print the PDF at `path` after the print dialog; (printed, what to tell the practitioner)."""
    words = ui().printing
    if not can_print():
        return False, words.no_printing
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    try:
        document = pypdfium2.PdfDocument(path)
        pages = len(document)
        document.close()
    except (pypdfium2.PdfiumError, OSError) as error:
        return False, words.fill("unreadable", error=error)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    if not choose(parent, printer, pages):
        return False, words.cancelled
    try:
        printed = print_pdf(path, printer)
    except PrintFailed as error:
        return False, words.fill("not_printed", why=error)
    sheets = words.page_one if printed == 1 else words.fill("pages", n=printed)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        note = "" if QPrinterInfo.availablePrinters() else words.no_printer
        return True, words.fill("to_file", pages=sheets, path=printer.outputFileName()) + note
    return True, words.fill("sent", pages=sheets, printer=printer.printerName() or words.the_printer)


def open_file(path: Path, open_url: OpenUrl = QDesktopServices.openUrl) -> tuple[bool, str]:
    """Open the file in the system's viewer for its type."""
    if open_url(QUrl.fromLocalFile(str(path))):
        return True, ui().printing.fill("opened", path=path)
    return False, ui().printing.fill("no_viewer", path=path)
