"""Photos: the standard views with an outline guide, added from files, only with photo consent; and the
same view from the last consult beside today's, with an overlay slider (a review consult opens here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QSlider, QVBoxLayout, QWidget

from core.consultation import PhotoView
from gui.pages.base import ConsultPage, card, label
from gui.widgets import camera
from gui.widgets.camera import Source
from gui.widgets.choice import ChoiceButtons
from gui.widgets.photo_views import PhotoCanvas, PhotoTile, pixmap
from gui.widgets.rows import YesNoRow
from gui.words import ui

if TYPE_CHECKING:
    from core.consultation import Consultation


def choose_photo(parent: QWidget, title: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", f"{ui().photos.file_filter} (*.jpg *.jpeg *.png *.heic *.tif *.tiff)",
                                          options=QFileDialog.Option.DontUseNativeDialog)
    return Path(name) if name else None


class PhotosPage(ConsultPage):
    WORDS = "photos"
    choose_file = staticmethod(choose_photo)  # tests put their own in
    camera_available = staticmethod(camera.available)
    ask_source = staticmethod(camera.ask_source)
    take_photo = staticmethod(camera.take_photo)

    def view_name(self, view: PhotoView) -> str:
        return self.record_words[f"view_{view.value}"]

    def build(self) -> None:
        words, names = self.record_words, ui().photos
        self.notice = label("", self.content, "reason")
        self.notice.setAccessibleName(names.message_name)
        self.body.addWidget(self.notice)
        grid_box = QWidget(self.content)
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.tiles: dict[PhotoView, PhotoTile] = {}
        for index, view in enumerate(PhotoView):
            tile = PhotoTile(view, self.view_name(view), words.photo_add, words.photo_remove, grid_box)
            tile.add_requested.connect(self._add)
            tile.remove_requested.connect(lambda v: self.edit(self.model.remove_photo, v))
            grid.addWidget(tile, index // 3, index % 3)
            self.tiles[view] = tile
        self.body.addWidget(grid_box)
        self.in_takeaway = YesNoRow(words.photos_in_takeaway, names.takeaway_name, self.content)
        self.in_takeaway.answered.connect(
            lambda value: self.edit(self.model.set_choices, photos_in_takeaway=bool(value)))
        self.body.addWidget(self.in_takeaway)
        compare, layout = card(self.content)
        self.compare_box = compare
        layout.addWidget(label(words.compare_heading, compare, "section"))
        self.compare_view = ChoiceButtons(names.compare_name, [(v, self.view_name(v)) for v in PhotoView], compare,
                                          min_width=120, columns=3)
        self.compare_view.chosen.connect(lambda _v: self._show_compare(self.draft))
        layout.addWidget(self.compare_view)
        pair = QHBoxLayout()
        self.earlier_label = label("", compare, "strong")
        self.now_label = label(words.compare_now, compare, "strong")
        self.earlier_canvas = PhotoCanvas(PhotoView.FRONT_REST, compare, guide=False)
        self.now_canvas = PhotoCanvas(PhotoView.FRONT_REST, compare, guide=False)
        self.earlier_canvas.setAccessibleName(names.earlier_name)
        self.now_canvas.setAccessibleName(names.now_name)
        for title, canvas in ((self.earlier_label, self.earlier_canvas), (self.now_label, self.now_canvas)):
            column = QWidget(compare)
            inner = QVBoxLayout(column)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(title)
            inner.addWidget(canvas, 1)
            canvas.setFixedHeight(420)
            pair.addWidget(column, 1)
        layout.addLayout(pair)
        layout.addWidget(label(words.compare_overlay, compare, "hint"))
        self.overlay = QSlider(Qt.Orientation.Horizontal, compare)
        self.overlay.setAccessibleName(names.overlay_name)
        self.overlay.setRange(0, 100)
        self.overlay.setMinimumHeight(52)
        self.overlay.setStyleSheet(  # a handle a finger can hold
            "QSlider::groove:horizontal { height: 8px; background: #d8d0ca; border-radius: 4px; }"
            "QSlider::handle:horizontal { width: 40px; margin: -16px 0; border-radius: 20px;"
            " background: #2e6f73; }")
        self.overlay.valueChanged.connect(lambda _v: self._show_compare(self.draft))
        layout.addWidget(self.overlay)
        self.body.addWidget(compare)

    def load(self, draft: Consultation) -> None:
        earlier = self.model.earlier_photos
        if earlier is not None and self.compare_view.value is None:
            self.compare_view.set_value(earlier.photos[0].view)

    def changed(self, draft: Consultation) -> None:
        allowed = draft.photo_consent
        self.in_takeaway.set_value(draft.choices.photos_in_takeaway)
        self.in_takeaway.setEnabled(bool(draft.photos))
        self.notice.setText("" if allowed else self.record_words.photos_no_consent)
        self.notice.setVisible(not allowed)
        mine = {photo.view: photo for photo in draft.photos}
        for view, tile in self.tiles.items():
            photo = mine.get(view)
            tile.canvas.set_photo(self._pixmap(photo.jpeg) if photo else None, self.record_words.photo_empty)
            tile.add_button.setEnabled(allowed)
            tile.remove_button.setEnabled(photo is not None)
        self._show_compare(draft)

    def _pixmap(self, stored: str):  # type: ignore[no-untyped-def]
        from core.photos import photo_bytes

        return pixmap(photo_bytes(stored))

    def _show_compare(self, draft: Consultation) -> None:
        from core.dates import show_date

        earlier = self.model.earlier_photos
        self.compare_box.setVisible(earlier is not None)
        if earlier is None:
            return
        view = self.compare_view.value or PhotoView.FRONT_REST
        before = next((p for p in earlier.photos if p.view is view), None)
        now = next((p for p in draft.photos if p.view is view), None)
        self.earlier_label.setText(self.record_words.compare_earlier.format(date=show_date(earlier.consult_date,
                                                                                    self.clinic_locale())))
        before_image = self._pixmap(before.jpeg) if before else None
        self.earlier_canvas.set_photo(before_image, self.record_words.compare_none)
        self.now_canvas.set_photo(self._pixmap(now.jpeg) if now else None, self.record_words.photo_empty)
        self.now_canvas.set_overlay(before_image, self.overlay.value() / 100)

    def _add(self, view: PhotoView) -> None:
        """A photo for `view`: from the camera where there is one (Qt Multimedia installed), else from
        a file; either way imported without location or device metadata."""
        from core.photos import PhotoUnreadable, import_photo

        title = self.view_name(view)
        source = self.ask_source(self, title) if self.camera_available() else Source.FILE
        try:
            if source is Source.CAMERA:
                data = self.take_photo(self, title)
            elif source is Source.FILE:
                path = self.choose_file(self, title)
                data = path.read_bytes() if path is not None else None
            else:
                data = None
            if data is None:
                return
            jpeg = import_photo(data)
        except PhotoUnreadable as error:
            reason = self.record_words[f"photo_reason_{error.kind}"].format(**error.values)
            self.notice.setText(self.record_words.photo_not_image.format(reason=reason))
            self.notice.setVisible(True)
            return
        except OSError:  # the file could not be read at all
            self.notice.setText(self.record_words.photo_not_image.format(reason=self.record_words.photo_reason_not_image))
            self.notice.setVisible(True)
            return
        self.edit(self.model.set_photo, view, jpeg, dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None))
