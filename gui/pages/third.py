"""The shared face-third page: tap an area on the map, then grade each of its kinds of concern."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from core.vocabulary import Area, Third
from gui.labels import area_name
from gui.pages.base import ConsultPage, card, label
from gui.widgets.choice import ChoiceButtons
from gui.widgets.face_map import FaceMap
from gui.widgets.live_plan import LivePlan
from gui.widgets.rows import ToggleRow
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Concern, Consultation
    from gui.draft_edits import Grades

GRADES = tuple((g, str(g)) for g in range(5))
GRADE_ROWS = (  # (concern field, its words in [third], clearable); they name the buttons ("Lip flip: At rest: 2")
    ("severity_rest", "rest", False),
    ("severity_movement", "movement", False),
    ("target_grade", "target", True),
)
ROW_LABELS = {"target": "target_name"}  # shorter beside two kinds
GRADE_WIDTH = 50  # a grade button (at least theme.TOUCH): two kinds side by side fit beside the face at 1280 px
KIND_COLUMN = 5 * GRADE_WIDTH + 4 * 8


class ThirdPage(ConsultPage):
    """Tap an area (on the face or by name): an area with one kind of concern is marked at once; the
    grades of each of its kinds are shown side by side, so every grade is one tap and a grade given to
    a kind not marked yet marks it (no 'choose the concern' tap first). Nothing above or at a tapped
    control moves: the editor of an area keeps one shape, and a tap changes marks, never the layout."""

    THIRD: Third = Third.UPPER
    WORDS = "third"
    FILL_HEIGHT = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.selected: Area | None = None
        self.toggles: dict[str, ToggleRow] = {}  # the selected area's kinds
        self.grades: dict[tuple[str, str], ChoiceButtons] = {}  # (kind, grade field) of the selected area

    @cached_property
    def areas(self) -> list[Area]:
        """Read once the knowledge base is there (pages are built after `start`), not on every change."""
        return [a for a, info in self.kb.areas.items() if info.third is self.THIRD]

    def practitioner_title(self) -> str:
        """The third's name from the knowledge base's text (known once `start` hands it over)."""
        return self.kb.text().thirds[self.THIRD].name if self.model.kb is not None else ""

    def build(self) -> None:
        name = self.practitioner_title()
        row = QHBoxLayout()
        row.setSpacing(16)
        self.body.addLayout(row, 1)
        self.face = FaceMap(ui().third.fill("face_map", third=name.lower()), self.areas, self.content)
        self.face.setMinimumSize(300, 320)
        self.face.area_tapped.connect(self.select)
        row.addWidget(self.face, 2)
        self.editor_holder = QWidget(self.content)
        self.editor_layout = QVBoxLayout(self.editor_holder)
        self.editor_layout.setContentsMargins(0, 0, 0, 0)
        self.area_buttons = ChoiceButtons(
            ui().third.area, [(a, area_name(self.kb, a)) for a in self.areas], self.editor_holder, columns=4, min_width=150
        )
        self.area_buttons.chosen.connect(self.select)
        self.editor_layout.addWidget(self.area_buttons)
        self.editor_box: QWidget | None = None
        self.editor_layout.addStretch(1)
        row.addWidget(self.editor_holder, 3)
        self.live = LivePlan(self.kb, self.content)
        self.body.addWidget(self.live)

    # --- selection and editing ------------------------------------------------------------------
    def select(self, area: Area | None) -> None:
        if area is not None and not self.draft.concerns_in(area):
            kinds = self.kb.concern_kinds(area)
            if len(kinds) == 1:
                self.edit(self.model.set_concern, area, kinds[0])
        if area is self.selected and self.editor_box is not None:
            self._sync()
            return
        self.selected = area
        self._show()

    def _clear(self, area: Area) -> None:
        self.edit(self.model.clear_area, area)

    def _toggle_kind(self, area: Area, kind: str, on: bool) -> None:
        if on:
            self.edit(self.model.set_concern, area, kind)
        else:
            self.edit(self.model.remove_concern, area, kind)
        self._sync()

    def _grade(self, area: Area, kind: str, key: str, value: int | None) -> None:
        """One tap: the grade, and the concern marked with it if it was not yet."""
        grades = cast("Grades", {key: value})
        self.edit(self.model.set_concern, area, kind, **grades)
        self._sync()

    def _concern(self, area: Area, kind: str) -> Concern | None:
        return next((c for c in self.draft.concerns_in(area) if c.kind == kind), None)

    def _show(self) -> None:
        """The editor of the selected area, made anew when another area is selected."""
        if self.editor_box is not None:
            self.editor_box.hide()
            self.editor_box.deleteLater()
        self.toggles, self.grades = {}, {}
        self.editor_box = QWidget(self.editor_holder)
        self.editor = QVBoxLayout(self.editor_box)
        self.editor.setContentsMargins(0, 0, 0, 0)
        self.editor_layout.insertWidget(1, self.editor_box)
        self.face.set_selected(self.selected)
        self.area_buttons.set_value(self.selected)
        if self.selected is None:
            box, layout = card(self.editor_box)
            layout.addWidget(label(ui().third.tap_area, box, "section"))
            layout.addWidget(label(ui().third.marked, box, "hint"))
            self.editor.addWidget(box)
            self.editor_box.show()
            return
        area = self.selected
        head = QHBoxLayout()
        head.addWidget(label(self.kb.text().areas[area].name, self.editor_box, "strong"))
        head.addWidget(label(ui().third.scale, self.editor_box, "hint"), 1)
        self.editor.addLayout(head)
        self.editor.addWidget(self._grid(area))
        self.editor_box.show()
        self._sync()

    def _grid(self, area: Area) -> QWidget:
        """Clear and each kind's mark on top, then one row per grade with a column per kind."""
        assert self.editor_box is not None
        box, layout = card(self.editor_box)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        text = self.kb.text()
        words = ui().third
        self.clear_button = QPushButton(words.clear, box)
        self.clear_button.setAccessibleName(words.fill("clear_name", area=text.areas[area].name))
        self.clear_button.clicked.connect(lambda: self._clear(area))
        self.clear_button.ensurePolished()  # its width with the theme's padding, before the grid is laid out
        self.clear_button.setMinimumWidth(self.clear_button.sizeHint().width())
        grid.addWidget(self.clear_button, 0, 0)
        for index, (_key, title, _clearable) in enumerate(GRADE_ROWS, start=1):
            grid.addWidget(label(getattr(words, ROW_LABELS.get(title, title)), box), index, 0)
        for column, kind in enumerate(self.kb.concern_kinds(area), start=1):
            kind_name = text.concerns[area][kind].name
            toggle = ToggleRow(kind_name, words.fill("concern", concern=kind_name), box)
            toggle.toggled.connect(lambda on, k=kind: self._toggle_kind(area, k, on))
            grid.addWidget(toggle, 0, column)
            self.toggles[kind] = toggle
            for index, (key, title, clearable) in enumerate(GRADE_ROWS, start=1):
                choice = ChoiceButtons(f"{kind_name}: {getattr(words, title)}", GRADES, box, clearable=clearable, min_width=GRADE_WIDTH)
                for button in choice.buttons:
                    button.setProperty("role", "grade")  # narrow (theme): two kinds side by side beside the face
                choice.chosen.connect(lambda v, k=kind, g=key: self._grade(area, k, g, v))
                grid.addWidget(choice, index, column)
                self.grades[(kind, key)] = choice
            grid.setColumnMinimumWidth(column, KIND_COLUMN)
        grid.setColumnStretch(len(self.kb.concern_kinds(area)) + 1, 1)
        layout.addLayout(grid)
        return box

    def _sync(self) -> None:
        """Marks and grades of the selected area from the draft, in the widgets already there."""
        area = self.selected
        if area is None or not self.toggles:
            return
        marked = False
        for kind, toggle in self.toggles.items():
            concern = self._concern(area, kind)
            marked = marked or concern is not None
            if toggle.isChecked() != (concern is not None):
                toggle.setChecked(concern is not None)
            for key, _title, _clearable in GRADE_ROWS:
                self.grades[(kind, key)].set_value(getattr(concern, key) if concern is not None else None)
        self.clear_button.setEnabled(marked)

    # --- page hooks -----------------------------------------------------------------------------
    def load(self, draft: Consultation) -> None:
        self._show()

    def changed(self, draft: Consultation) -> None:
        self.face.set_marked({c.area for c in draft.concerns if c.area in self.areas})
        self._sync()
        self.live.show_plan(self.plan)

    def _ungraded(self) -> list[Concern]:
        return [c for c in self.draft.concerns if c.area in self.areas and c.severity == 0]

    def problem(self) -> str | None:
        ungraded = self._ungraded()
        if ungraded:
            names = ", ".join(self.kb.text().areas[c.area].name for c in ungraded)
            return ui().third.fill("need_grade", area=names)
        return None
