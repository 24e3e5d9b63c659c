"""Photos: metadata removed on import (checked with Pillow), only with photo consent, stored with the
record, exported and erased with the patient, compared with the last consult (issue 12)."""

from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
from PIL import Image
from PySide6.QtWidgets import QApplication

from clinical_support import consented
from conftest import load_example
from core.consultation import Consultation, PhotoView
from core.engine import plan
from core.photos import PhotoUnreadable, clean_jpeg, import_photo
from core.records import Records
from core.records.photos import earlier_photos
from core.records.privacy import erase_patient, patient_data
from core.vocabulary import Tool
from gui.pages.photos import PhotosPage
from gui.records.session import RecordsSession
from gui.wizard import ConsultationWizard
from gui_taps import tap_name

GPS, MAKE, MODEL, ORIENTATION, DATETIME = 0x8825, 0x010F, 0x0110, 0x0112, 0x0132


def camera_jpeg(width: int = 64, height: int = 48, colour: tuple[int, int, int] = (200, 150, 120)) -> bytes:
    """A synthetic camera photo: EXIF with GPS position, camera make, model and time, rotated 90°."""
    image = Image.new("RGB", (width, height), colour)
    image.paste((20, 20, 20), (0, 0, width // 4, height // 4))  # a dark corner, to see the rotation
    exif = Image.Exif()
    exif[MAKE], exif[MODEL], exif[DATETIME] = "SynthCam", "Model 7", "2026:03:02 10:00:00"
    exif[ORIENTATION] = 6  # rotate 90° clockwise to view
    exif.get_ifd(GPS).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"owner: somebody")
    return out.getvalue()


def test_location_and_device_metadata_are_removed_on_import():
    raw = camera_jpeg()
    before = Image.open(io.BytesIO(raw))
    assert before.getexif().get_ifd(GPS) and before.getexif()[MAKE] == "SynthCam"  # the test photo has them
    cleaned = Image.open(io.BytesIO(base64.b64decode(import_photo(raw))))
    assert cleaned.format == "JPEG"
    assert dict(cleaned.getexif()) == {} and cleaned.getexif().get_ifd(GPS) == {}
    assert not {"exif", "comment", "xmp", "icc_profile"} & set(cleaned.info)
    assert b"SynthCam" not in clean_jpeg(raw) and b"owner" not in clean_jpeg(raw)
    assert cleaned.size == (48, 64)  # the orientation was applied to the pixels, then dropped


def test_a_file_that_is_not_a_photo_is_refused_in_words():
    with pytest.raises(PhotoUnreadable):
        import_photo(b"%PDF-1.7 not a photo")


def with_photo(c: Consultation, view: PhotoView = PhotoView.FRONT_REST, colour=(200, 150, 120)) -> Consultation:
    photo = {"view": view, "jpeg": import_photo(camera_jpeg(colour=colour)), "added_at": dt.datetime(2026, 3, 2, 10)}
    return Consultation.model_validate({**dict(c), "photos": [*c.photos, photo]})


def test_photos_need_photo_consent(kb):
    c = load_example("forehead_lines_only")
    with pytest.raises(ValueError, match="photos: The patient has not given photo consent"):
        with_photo(c)
    with pytest.raises(ValueError, match="photo consent"):
        with_photo(consented(c, kb, Tool.NEUROMODULATOR, photos=False))
    assert with_photo(consented(c, kb, Tool.NEUROMODULATOR)).photos[0].view is PhotoView.FRONT_REST


def test_photos_are_stored_exported_and_erased_with_the_patient(tmp_path, kb):
    path = tmp_path / "photos.sqlite3"
    records = Records.open(f"sqlite:///{path}", actor="Dr Test")
    c = with_photo(consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR))
    saved = records.save_consultation(c, plan(c, kb))
    jpeg = c.photos[0].jpeg
    assert patient_data(records, saved.patient_uid)["consultations"][0]["answers"]["photos"][0]["jpeg"] == jpeg
    later = c.consult_date + dt.timedelta(days=30)
    found = earlier_photos(records, saved.patient_uid, later)
    assert found is not None and found.consult_date == c.consult_date and found.photos[0].jpeg == jpeg
    erase_patient(records, saved.patient_uid)
    records.close()
    held = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("photos.sqlite3"))
    assert jpeg[:200].encode() not in held and b"SynthCam" not in held


def on_photos(qtbot, kb, c: Consultation, earlier=None):  # type: ignore[no-untyped-def]
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    wizard.model.load(c, earlier)
    wizard.show()
    while not isinstance(wizard.currentPage(), PhotosPage):
        wizard.next()
    return wizard, wizard.currentPage()


def test_the_photos_step_adds_a_cleaned_photo_only_with_photo_consent(qtbot, kb, tmp_path, monkeypatch):
    photo_file = tmp_path / "front.jpg"
    photo_file.write_bytes(camera_jpeg())
    monkeypatch.setattr(PhotosPage, "choose_file", staticmethod(lambda _parent, _title: photo_file))
    wizard, page = on_photos(qtbot, kb, consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR,
                                                  photos=False))
    tile = page.tiles[PhotoView.FRONT_REST]
    assert not tile.add_button.isEnabled() and page.notice.text() == kb.text().clinical_record.photos_no_consent
    wizard.model.load(consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR))
    page.show_current()
    tap_name(qtbot, page, "Front, at rest: add photo")
    [photo] = wizard.draft.photos
    assert photo.view is PhotoView.FRONT_REST
    assert dict(Image.open(io.BytesIO(base64.b64decode(photo.jpeg))).getexif()) == {}
    assert tile.canvas.photo is not None and not tile.canvas.photo.isNull()
    photo_file.write_bytes(b"not a photo")
    tap_name(qtbot, page, "Left 45°: add photo")
    assert len(wizard.draft.photos) == 1 and "not a photo Thirds can read" in page.notice.text()
    tap_name(qtbot, page, "Front, at rest: remove photo")
    assert wizard.draft.photos == []


def test_the_compare_shows_the_earlier_photo_beside_todays_and_the_slider_blends_it(qtbot, kb):
    from core.records.photos import EarlierPhotos

    c = consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR)
    before = with_photo(c, PhotoView.FRONT_REST, (10, 10, 10))
    today = with_photo(c, PhotoView.FRONT_REST, (240, 240, 240))
    earlier = EarlierPhotos(dt.date(2025, 11, 1), tuple(before.photos))
    wizard, page = on_photos(qtbot, kb, today, earlier)
    QApplication.processEvents()
    assert page.compare_box.isVisible() and page.compare_view.value is PhotoView.FRONT_REST
    assert "1 November 2025" in page.earlier_label.text()
    assert page.earlier_canvas.photo is not None and page.now_canvas.photo is not None
    page.overlay.setValue(60)
    assert page.now_canvas.opacity == pytest.approx(0.6)
    grab = page.now_canvas.grab().toImage()
    centre = grab.pixelColor(grab.width() // 2, grab.height() // 2)
    assert 80 < centre.red() < 180  # today's light photo with the dark earlier one blended over it
    wizard.model.start_blank()
    assert wizard.model.earlier_photos is None  # the next patient never sees this one's photos


def test_a_review_consult_opens_on_the_photo_compare(qtbot, kb, tmp_path):
    records = Records.open(f"sqlite:///{tmp_path / 'review.sqlite3'}", actor="Dr Test")
    c = with_photo(consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR))
    saved = records.save_consultation(c, plan(c, kb))
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    qtbot.addWidget(wizard)
    session = RecordsSession(wizard, kb, records, today=lambda: c.consult_date + dt.timedelta(days=120))
    wizard.show()
    assert session.review(saved.patient_uid)
    assert isinstance(wizard.currentPage(), PhotosPage)
    assert wizard.draft.photos == [] and wizard.draft.consent == []  # today's are taken anew
    assert wizard.model.earlier_photos is not None and wizard.currentPage().compare_box.isVisible()
    wizard.close()
    records.close()


def test_with_a_camera_the_photo_is_taken_there_and_imported_without_its_metadata(qtbot, kb, monkeypatch):
    """Where Qt Multimedia and a camera are there, adding a photo asks camera or file; the camera's
    picture goes through the same import as a file. (This machine has no camera: the camera window
    itself stands in; `camera.available()` is tested below on what this machine really has.)"""
    from gui.widgets.camera import Source

    asked: list[str] = []
    monkeypatch.setattr(PhotosPage, "camera_available", staticmethod(lambda: True))
    monkeypatch.setattr(PhotosPage, "ask_source", staticmethod(lambda _p, title: asked.append(title) or Source.CAMERA))
    monkeypatch.setattr(PhotosPage, "take_photo", staticmethod(lambda _p, _title: camera_jpeg()))
    monkeypatch.setattr(PhotosPage, "choose_file", staticmethod(lambda *_: pytest.fail("no file asked for")))
    wizard, page = on_photos(qtbot, kb, consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR))
    tap_name(qtbot, page, "Front, at rest: add photo")
    [photo] = wizard.draft.photos
    assert asked == ["Front, at rest"]
    cleaned = Image.open(io.BytesIO(base64.b64decode(photo.jpeg)))
    assert dict(cleaned.getexif()) == {} and cleaned.size == (48, 64)
    monkeypatch.setattr(PhotosPage, "ask_source", staticmethod(lambda *_: None))  # closed the question
    tap_name(qtbot, page, "Left 45°: add photo")
    assert len(wizard.draft.photos) == 1


def test_without_qt_multimedia_or_a_camera_photos_come_from_files_and_nothing_is_asked(qtbot, kb, tmp_path,
                                                                                     monkeypatch):
    import builtins

    from gui.widgets import camera

    real_import = builtins.__import__

    def no_multimedia(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("PySide6.QtMultimedia"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_multimedia)
    assert camera.available() is False
    monkeypatch.setattr(builtins, "__import__", real_import)
    photo_file = tmp_path / "front.jpg"
    photo_file.write_bytes(camera_jpeg())
    monkeypatch.setattr(PhotosPage, "camera_available", staticmethod(lambda: False))
    monkeypatch.setattr(PhotosPage, "ask_source", staticmethod(lambda *_: pytest.fail("nothing to ask")))
    monkeypatch.setattr(PhotosPage, "choose_file", staticmethod(lambda _parent, _title: photo_file))
    wizard, page = on_photos(qtbot, kb, consented(load_example("forehead_lines_only"), kb, Tool.NEUROMODULATOR))
    tap_name(qtbot, page, "Front, at rest: add photo")
    assert len(wizard.draft.photos) == 1
