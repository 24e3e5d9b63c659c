"""Page 8, Skin quality: each quality item 0-4, then Glogau and Fitzpatrick types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGridLayout

from core.vocabulary import SkinItem
from gui.pages.base import ConsultPage, card, label
from gui.pages.third import GRADES
from gui.widgets.choice import ChoiceButtons
from gui.widgets.live_plan import LivePlan
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation

GLOGAU = tuple((v, v) for v in ("I", "II", "III", "IV"))
FITZPATRICK = tuple((v, v) for v in ("I", "II", "III", "IV", "V", "VI"))


class SkinPage(ConsultPage):
    WORDS = "skin"

    def build(self) -> None:
        items, layout = card(self.content)
        text = ui().skin
        layout.addWidget(label(ui().third.scale, items, "hint"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        layout.addLayout(grid)
        self.grades: dict[SkinItem, ChoiceButtons] = {}
        names = self.kb.text().skin
        for index, item in enumerate(SkinItem):
            grid.addWidget(label(names[item], items, wrap=False), index, 0)
            choice = ChoiceButtons(text.fill("item", item=names[item]), GRADES, items)
            choice.chosen.connect(lambda v, i=item: self.edit(self.model.set_skin_grade, i, v))
            grid.addWidget(choice, index, 1)
            self.grades[item] = choice
        grid.setColumnStretch(2, 1)
        self.body.addWidget(items)

        types, layout = card(self.content)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        layout.addLayout(grid)
        grid.addWidget(label(text.glogau, types, wrap=False), 0, 0)
        self.glogau = ChoiceButtons(text.glogau_name, GLOGAU, types, clearable=True, min_width=64)
        self.glogau.chosen.connect(lambda v: self.edit(self.model.set_skin_types, glogau=v))
        grid.addWidget(self.glogau, 0, 1)
        grid.addWidget(label(text.fitzpatrick, types, wrap=False), 1, 0)
        self.fitzpatrick = ChoiceButtons(text.fitzpatrick_name, FITZPATRICK, types, clearable=True, min_width=64)
        self.fitzpatrick.chosen.connect(lambda v: self.edit(self.model.set_skin_types, fitzpatrick=v))
        grid.addWidget(self.fitzpatrick, 1, 1)
        grid.setColumnStretch(2, 1)
        self.body.addWidget(types)
        self.live = LivePlan(self.kb, self.content)
        self.body.addWidget(self.live)

    def load(self, draft: Consultation) -> None:
        for item, choice in self.grades.items():
            choice.set_value(draft.skin.grade(item))
        self.glogau.set_value(draft.skin.glogau)
        self.fitzpatrick.set_value(draft.skin.fitzpatrick)

    def changed(self, draft: Consultation) -> None:
        self.live.show_plan(self.plan)
