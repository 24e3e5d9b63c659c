"""Every size, colour and spacing of both PDFs: one place, legible printed in black and white."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from core.takeaway.fonts import BOLD, REGULAR, register_fonts

PAPER = {"A4": A4, "Letter": LETTER}
MARGIN = 18 * mm
FOOTER_SPACE = 12 * mm
INK = colors.black
RULE = colors.Color(0.45, 0.45, 0.45)
SHADE = colors.Color(0.88, 0.88, 0.88)
MARKED = colors.Color(0.42, 0.42, 0.42)
FOOTER_SIZE = 9


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    user: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    small: ParagraphStyle
    align: str


def build_styles(rtl: bool, body_size: float = 11.5) -> Styles:
    """Patient PDFs use body_size >= 11; the record is denser but still >= 9."""
    register_fonts()
    alignment = TA_RIGHT if rtl else TA_LEFT
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=body_size,
        leading=body_size * 1.38,
        textColor=INK,
        alignment=alignment,
        spaceAfter=body_size * 0.5,
        splitLongWords=1,
    )

    def like(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    side = "rightIndent" if rtl else "leftIndent"
    return Styles(
        title=like("title", fontName=BOLD, fontSize=body_size + 9, leading=(body_size + 9) * 1.2, spaceAfter=6),
        h1=like(
            "h1",
            fontName=BOLD,
            fontSize=body_size + 4.5,
            leading=(body_size + 4.5) * 1.25,
            spaceBefore=body_size * 1.1,
            spaceAfter=body_size * 0.45,
            keepWithNext=1,
        ),
        h2=like(
            "h2",
            fontName=BOLD,
            fontSize=body_size + 1,
            leading=(body_size + 1) * 1.3,
            spaceBefore=body_size * 0.5,
            spaceAfter=body_size * 0.2,
            keepWithNext=1,
        ),
        body=base,
        bullet=like("bullet", **{side: body_size * 1.4}, bulletIndent=0, spaceAfter=body_size * 0.3),
        quote=like("quote", **{side: body_size * 1.4}),
        user=like("user"),
        cell=like("cell", spaceAfter=0, leading=body_size * 1.3),
        cell_bold=like("cell_bold", fontName=BOLD, spaceAfter=0, leading=body_size * 1.3),
        small=like("small", fontSize=max(9.0, body_size - 2), leading=max(9.0, body_size - 2) * 1.3),
        align="RIGHT" if rtl else "LEFT",
    )


def table_style(header: bool = True, total_row: bool = False) -> list[tuple[object, ...]]:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 1, INK)]
    if total_row:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 1.2, INK)]
    return commands
