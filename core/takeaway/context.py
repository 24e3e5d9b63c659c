"""What every section reads: the consult, the plan, the texts, the styles, and small layout helpers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Table, TableStyle

from core.consultation import Consultation
from core.engine.text import fill
from core.knowledge.models import KnowledgeBase, Texts
from core.plan import Plan, Treatment
from core.takeaway.paragraph import Paragraph
from core.takeaway.styles import Styles, table_style
from core.takeaway.words import Words, kb_text, user_block
from core.vocabulary import Area, Tool


@dataclass(frozen=True)
class Context:
    consultation: Consultation
    plan: Plan
    kb: KnowledgeBase
    words: Words
    styles: Styles
    width: float

    @property
    def texts(self) -> Texts:
        return self.words.texts

    def tool(self, tool: Tool) -> str:
        """The tool's short plain name (the takeaway table), escaped for a Paragraph."""
        return kb_text(self.words[f"tool_{tool.value}"])

    def area(self, area: Area | None) -> str:
        return kb_text(self.texts.areas[area].patient if area else self.words["whole_face"])

    def treatments(self, treatments: Iterable[Treatment]) -> str:
        """'Filler (HA): cheeks, lips' — one line per tool, areas in plan order."""
        by_tool: dict[Tool, list[Area | None]] = {}
        for item in treatments:
            by_tool.setdefault(item.tool, []).append(item.area)
        lines = [f"{self.tool(tool)}: {', '.join(self.area(a) for a in areas)}" for tool, areas in by_tool.items()]
        if len(lines) == 1:
            return lines[0]
        return "<br/>".join(f"• {line}" for line in lines)

    def heading(self, key: str) -> Paragraph:
        return Paragraph(kb_text(self.words[key]), self.styles.h1)

    def subheading(self, key: str) -> Paragraph:
        return Paragraph(kb_text(self.words[key]), self.styles.h2)

    def para(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, getattr(self.styles, style))

    def sentence(self, key: str, style: str = "body", **values: str) -> Paragraph:
        """A fixed sentence of the takeaway table; `values` are Paragraph markup already."""
        return Paragraph(self.markup(key, **values), getattr(self.styles, style))

    def markup(self, key: str, **values: str) -> str:
        return fill(kb_text(self.words[key]), **values)

    def typed(self, text: str, style: str = "user") -> Paragraph:
        """A paragraph a person typed; one that reads right to left is wrapped and aligned for it."""
        base = getattr(self.styles, style)
        markup, rtl = user_block(text)
        if rtl and not self.words.rtl:
            base = base.clone(f"{style}_rtl", alignment=TA_RIGHT)
        return Paragraph(markup, base)

    def bullets(self, items: Iterable[str], style: str = "bullet") -> list[Flowable]:
        return [Paragraph(item, getattr(self.styles, style), bulletText="•") for item in items]

    def table(
        self,
        rows: Sequence[Sequence[str]],
        fractions: Sequence[float],
        *,
        header: bool = True,
        total: bool = False,
        style: str = "cell",
    ) -> Table:
        """Paragraph cells; columns follow the text direction; long rows split across pages."""
        cell = getattr(self.styles, style)
        bold = (
            self.styles.cell_bold
            if style == "cell"
            else cell.clone("bold_" + style, fontName=self.styles.cell_bold.fontName)
        )
        data = []
        for index, row in enumerate(rows):
            strong = (header and index == 0) or (total and index == len(rows) - 1)
            cells = [Paragraph(text, bold if strong else cell) for text in row]
            data.append(list(reversed(cells)) if self.words.rtl else cells)
        widths = [self.width * f for f in (reversed(fractions) if self.words.rtl else fractions)]
        table = Table(data, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1, hAlign=self.styles.align)
        table.setStyle(TableStyle(table_style(header=header, total_row=total)))
        return table
