"""The shared face-third page: tap an area on the map, then pick concern, severity and target."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from core.vocabulary import Area, Third
from gui.labels import area_name
from gui.pages.base import ConsultPage, card, label
from gui.widgets.choice import ChoiceButtons
from gui.widgets.face_map import FaceMap
from gui.widgets.live_plan import LivePlan

if TYPE_CHECKING:
    from core.consultation import Concern, Consultation

GRADES = tuple((g, str(g)) for g in range(5))
GRADE_HINT = "0 none · 1 mild · 2 moderate · 3 severe · 4 very severe"


class ThirdPage(ConsultPage):
    THIRD: Third = Third.UPPER
    FILL_HEIGHT = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.selected: Area | None = None

    @cached_property
    def areas(self) -> list[Area]:
        """Read once the knowledge base is there (pages are built after `start`), not on every change."""
        return [a for a, info in self.kb.areas.items() if info.third is self.THIRD]

    def build(self) -> None:
        name = self.kb.text().thirds[self.THIRD].name
        self.set_title(name)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.body.addLayout(row, 1)
        left = QVBoxLayout()
        self.face = FaceMap(f"Face map, {name.lower()}", self.areas, self.content)
        self.face.setMinimumSize(400, 470)
        self.face.area_tapped.connect(self.select)
        left.addWidget(self.face, 1)
        row.addLayout(left, 2)
        self.editor_holder = QWidget(self.content)
        self.editor_layout = QVBoxLayout(self.editor_holder)
        self.editor_layout.setContentsMargins(0, 0, 0, 0)
        self.area_buttons = ChoiceButtons(
            "Area", [(a, area_name(self.kb, a)) for a in self.areas], self.editor_holder, columns=4, min_width=150
        )
        self.area_buttons.chosen.connect(self.select)
        self.editor_layout.addWidget(self.area_buttons)
        self.editor_box: QWidget | None = None
        row.addWidget(self.editor_holder, 3)
        self.live = LivePlan(self.kb, self.content)
        self.body.addWidget(self.live)

    # --- selection and editing ------------------------------------------------------------------
    def select(self, area: Area | None) -> None:
        if area is not None and not self.draft.concerns_in(area):
            kinds = self.kb.concern_kinds(area)
            if len(kinds) == 1:
                self.edit(self.model.set_concern, area, kinds[0])
        self.selected = area
        self._show()

    def _clear(self, area: Area) -> None:
        self.edit(self.model.clear_area, area)
        self._show()

    def _toggle_kind(self, area: Area, kind: str, on: bool) -> None:
        if on:
            self.edit(self.model.set_concern, area, kind)
        else:
            self.edit(self.model.remove_concern, area, kind)
        self._show()

    def _show(self) -> None:
        if self.editor_box is not None:
            self.editor_box.hide()
            self.editor_box.deleteLater()
        self.editor_box = QWidget(self.editor_holder)
        self.editor = QVBoxLayout(self.editor_box)
        self.editor.setContentsMargins(0, 0, 0, 0)
        self.editor_layout.addWidget(self.editor_box)
        self.face.set_selected(self.selected)
        self.area_buttons.set_value(self.selected)
        if self.selected is None:
            box, layout = card(self.editor_box)
            layout.addWidget(label("Tap an area on the face to mark it.", box, "section"))
            layout.addWidget(label("Marked areas are hatched and outlined. Tap again to edit or clear.", box, "hint"))
            self.editor.addWidget(box)
            self.editor.addStretch(1)
            self.editor_box.show()
            return
        area = self.selected
        text = self.kb.text()
        head = QHBoxLayout()
        head.addWidget(label(text.areas[area].name, self.editor_box, "title"), 1)
        clear = QPushButton("Clear area", self.editor_box)
        clear.setAccessibleName(f"{text.areas[area].name}: clear")
        clear.setEnabled(bool(self.draft.concerns_in(area)))
        clear.clicked.connect(lambda: self._clear(area))
        head.addWidget(clear)
        self.editor.addLayout(head)
        self.editor.addWidget(label(GRADE_HINT, self.editor_box, "hint"))
        for kind in self.kb.concern_kinds(area):
            self.editor.addWidget(self._kind_card(area, kind))
        self.editor.addStretch(1)
        self.editor_box.show()

    def _kind_card(self, area: Area, kind: str) -> QWidget:
        assert self.editor_box is not None
        kind_name = self.kb.text().concerns[area][kind].name
        concern = next((c for c in self.draft.concerns_in(area) if c.kind == kind), None)
        box, layout = card(self.editor_box, "card" if concern is None else "info")
        toggle = QPushButton(("☑  " if concern else "☐  ") + kind_name, box)
        toggle.setCheckable(True)
        toggle.setChecked(concern is not None)
        toggle.setAccessibleName(f"Concern: {kind_name}")
        toggle.clicked.connect(lambda on: self._toggle_kind(area, kind, on))
        layout.addWidget(toggle)
        if concern is None:
            return box
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for index, (key, title, clearable) in enumerate((
            ("severity_rest", "At rest", False),
            ("severity_movement", "On movement", False),
            ("target_grade", "Patient's target grade (optional)", True),
        )):
            grid.addWidget(label(title, box), index, 0)
            choice = ChoiceButtons(f"{kind_name}: {title}", GRADES, box, clearable=clearable)
            choice.set_value(getattr(concern, key))
            choice.chosen.connect(lambda v, k=key: self.edit(self.model.set_concern, area, kind, **{k: v}))
            grid.addWidget(choice, index, 1)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        return box

    # --- page hooks -----------------------------------------------------------------------------
    def load(self, draft: Consultation) -> None:
        self._show()

    def changed(self, draft: Consultation) -> None:
        self.face.set_marked({c.area for c in draft.concerns if c.area in self.areas})
        self.live.show_plan(self.plan)

    def _ungraded(self) -> list[Concern]:
        return [c for c in self.draft.concerns if c.area in self.areas and c.severity == 0]

    def problem(self) -> str | None:
        ungraded = self._ungraded()
        if ungraded:
            names = ", ".join(self.kb.text().areas[c.area].name for c in ungraded)
            return f"grade the severity for {names} (or clear it)."
        return None
