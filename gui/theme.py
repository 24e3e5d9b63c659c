"""One calm palette and stylesheet for the whole app; pages never set colours themselves."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

INK = "#2f2a28"
MUTED = "#6f6460"
ACCENT = "#2f6f73"
ACCENT_SOFT = "#dcecec"
SURFACE = "#fbf8f6"
CARD = "#ffffff"
LINE = "#e4dcd6"
STOP = "#a23b2a"
STOP_SOFT = "#f8e4df"
CAUTION = "#8a5a00"
CAUTION_SOFT = "#fbf0d9"
INFO_SOFT = "#e8f0f5"
DIMENSION_COLOURS = {"movement": "#5b7fa3", "quality": "#c08a4b", "structure": "#7a9a6a"}
TOUCH = 48

STYLESHEET = f"""
QWidget {{ color: {INK}; font-size: 15px; }}
QWizard, QWizardPage, QScrollArea, QScrollArea > QWidget > QWidget {{ background: {SURFACE}; }}
QLabel[role="title"] {{ font-size: 24px; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: {MUTED}; font-size: 15px; }}
QLabel[role="section"] {{ font-size: 17px; font-weight: 600; padding-top: 8px; }}
QLabel[role="hint"] {{ color: {MUTED}; font-size: 14px; }}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="reason"] {{ color: {STOP}; font-size: 15px; font-weight: 600; }}
QLabel[role="refusal"] {{
    color: {STOP}; background: {STOP_SOFT}; border: 1px solid {STOP}; border-radius: 8px;
    font-weight: 600; padding: 8px 12px;
}}
QFrame[role="card"] {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; }}
QFrame[role="stop"] {{ background: {STOP_SOFT}; border: 1px solid {STOP}; border-radius: 10px; }}
QFrame[role="caution"] {{ background: {CAUTION_SOFT}; border: 1px solid #d9b56a; border-radius: 10px; }}
QFrame[role="info"] {{ background: {INFO_SOFT}; border: 1px solid #b9cfdd; border-radius: 10px; }}
QFrame[role="card"] QLabel, QFrame[role="stop"] QLabel, QFrame[role="caution"] QLabel,
QFrame[role="info"] QLabel {{ background: transparent; border: none; }}
QFrame[role="info"] QScrollArea, QFrame[role="info"] QScrollArea > QWidget {{ background: transparent; }}
QPushButton {{
    min-height: {TOUCH}px; min-width: {TOUCH}px; padding: 0 16px; border-radius: 8px;
    border: 1px solid #cfc4bd; background: {CARD};
}}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:checked {{ background: {ACCENT}; color: white; border: 2px solid #1f4f52; }}
QPushButton:disabled {{ color: #b3aaa5; background: #f3efec; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border: none; font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ background: #b7cfd0; }}
QPushButton[role="grade"] {{ min-width: 40px; padding: 0 4px; }}
QPushButton[role="quiet"] {{ border: none; background: transparent; color: {ACCENT}; font-weight: 600; }}
QPushButton[role="quiet"]:disabled {{ color: #b3aaa5; font-weight: 400; }}
QLineEdit, QPlainTextEdit {{
    min-height: {TOUCH}px; border: 1px solid #cfc4bd; border-radius: 8px; padding: 0 12px;
    background: {CARD}; font-size: 16px;
}}
QPlainTextEdit {{ padding: 8px 12px; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QFrame[role="keypad"] {{ background: {CARD}; border: 2px solid {ACCENT}; border-radius: 12px; }}
QFrame[role="keypad"] QPushButton {{ font-size: 22px; }}
QFrame[role="keypad"] QPushButton[role="quiet"], QFrame[role="keypad"] QPushButton[role="primary"] {{ font-size: 17px; }}
QLabel[role="keypad_value"] {{
    border: 1px solid #cfc4bd; border-radius: 8px; padding: 0 14px; background: {SURFACE};
    font-size: 30px; font-weight: 600;
}}
QLabel[role="keypad_value"][typed="false"] {{ color: {MUTED}; }}
QScrollBar:vertical {{ width: 10px; background: transparent; }}
QScrollBar::handle:vertical {{ background: #d5cbc5; border-radius: 5px; min-height: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""


def apply(app: QApplication) -> None:
    """Fusion everywhere: native Windows styles ignore palettes and stylesheets."""
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(SURFACE))
    palette.setColor(QPalette.ColorRole.Base, QColor(CARD))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Button, QColor(CARD))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
