"""`python -m gui.screenshots OUT_DIR`: every page at 1280×800 (and 1920×1080) with a synthetic consult,
patient mode full screen on a 1280×800 tablet (the screening page, then the practitioner's review),
every page in Hebrew (OUT_DIR/he, right to left) and page 1 of the Hebrew and Arabic takeaways.

The patient is invented; nothing here comes from a real consultation.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from core.consultation import Consultation, Screening
from core.vocabulary import Area, Expectation, Medication, Reply

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from core.knowledge.models import KnowledgeBase

SIZES = ((1280, 800, ""), (1920, 1080, "1920x1080"))
SELECTED = {4: Area.GLABELLA, 5: Area.CHEEKS, 6: Area.LIPS}
ANSWERS = [name for name, field in Screening.model_fields.items() if field.annotation is Reply]


def sample(today: dt.date) -> Consultation:
    """A realistic, invented 'tired face' consult with a lip wish and a supplement to screen: every
    safety question asked (no, but fish oil)."""
    return Consultation.model_validate(
        {
            "consult_date": today,
            "patient": {"name": "Sample Patient", "date_of_birth": today.replace(year=today.year - 48)},
            "practitioner": "Dr. Example",
            "history": {
                "last_neuromodulator": today - dt.timedelta(days=240),
                "earlier_fillers": [{"area": Area.CHEEKS, "date": today - dt.timedelta(days=400), "product": "HA"}],
            },
            "screening": {
                **{answer: Reply.NO for answer in ANSWERS},
                "bleeding_risk_medicines": Reply.YES,
                "medications": [Medication.FISH_OIL],
            },
            "bddq": {"q1": True, "q2": False},
            "concerns": [
                {"area": Area.GLABELLA, "kind": "frown_lines", "severity_rest": 2, "severity_movement": 3},
                {"area": Area.FOREHEAD, "kind": "horizontal_lines", "severity_rest": 1, "severity_movement": 3},
                {"area": Area.CROWS_FEET, "kind": "crows_feet_lines", "severity_rest": 1, "severity_movement": 2},
                {"area": Area.CHEEKS, "kind": "volume_loss", "severity_rest": 3, "severity_movement": 3},
                {"area": Area.TEAR_TROUGH, "kind": "hollows", "severity_rest": 2, "severity_movement": 2},
                {"area": Area.LIPS, "kind": "thin_lips", "severity_rest": 2, "severity_movement": 2, "target_grade": 1},
            ],
            "skin": {"texture": 1, "hydration": 2, "dullness": 2, "glogau": "III", "fitzpatrick": "II"},
            "goals": {
                "in_patient_words": "People keep asking if I'm tired. I want to look rested, not different.",
                "expectation": Expectation.NATURAL,
                "budget": Decimal("2500"),
            },
        }
    )


TABLET = {"screens": [{"name": "tablet", "x": 0, "y": 0, "width": 1280, "height": 800,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def tablet_screen() -> None:
    """Offscreen, the screen is a 1280×800 tablet, so patient mode's full screen is that size."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        config = Path(tempfile.gettempdir()) / "thirds-tablet-screen.json"
        config.write_text(json.dumps(TABLET))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    tablet_screen()
    from gui.app import create_app

    app = create_app()
    from core.knowledge.loader import clinic_knowledge_base

    kb = clinic_knowledge_base()
    written = []
    for width, height, folder in SIZES:
        written += wizard_shots(kb, out / folder if folder else out, width, height)
    written += patient_mode_shots(out, kb)
    written += clinical_record_shots(out, kb)
    from gui.app import use_language

    use_language(app, "he")
    try:
        written += wizard_shots(kb.for_language("he"), out / "he", 1280, 800)
    finally:
        use_language(app, "en")
    written += takeaway_shots(out, kb)
    for path in written:
        print(path)
    return 0


def wizard_shots(kb: KnowledgeBase, target: Path, width: int, height: int) -> list[Path]:
    """Every page of the wizard with the sample consult, in the GUI's current language."""
    from PySide6.QtWidgets import QApplication

    from gui.pages.third import ThirdPage
    from gui.wizard import ConsultationWizard

    target.mkdir(parents=True, exist_ok=True)
    written = []
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    wizard.model.load(sample(dt.date.today()))
    wizard.resize(width, height)
    wizard.show()
    for index, page in enumerate(wizard.pages):
        if isinstance(page, ThirdPage) and index in SELECTED:
            page.select(SELECTED[index])
        QApplication.processEvents()
        name = type(page).__name__.removesuffix("Page").lower()
        path = target / f"{index + 1:02d}-{name}.png"
        wizard.grab().save(str(path))
        written.append(path)
        if index + 1 < len(wizard.pages):
            wizard.next()
    wizard.dirty = False
    wizard.close()
    wizard.deleteLater()
    QApplication.processEvents()
    return written


def takeaway_shots(out: Path, kb: KnowledgeBase) -> list[Path]:
    """Page 1 of the sample's takeaway in Hebrew and in Arabic, as the patient gets it."""
    import pypdfium2

    from core.engine import plan
    from core.takeaway import takeaway_pdf

    consultation = sample(dt.date.today())
    written = []
    for language in ("he", "ar"):
        speaking = kb.for_language(language)
        document = pypdfium2.PdfDocument(takeaway_pdf(consultation, plan(consultation, speaking), speaking))
        try:
            path = out / f"takeaway-{language}-page1.png"
            document[0].render(scale=1.5).to_pil().save(path)
            written.append(path)
        finally:
            document.close()
    return written


def patient_mode_shots(out: Path, kb: KnowledgeBase) -> list[Path]:
    """Patient mode on the tablet (full screen): the screening page in the patient's words, then the
    practitioner's review of what the patient changed."""
    from PySide6.QtWidgets import QApplication

    from core.records import Records
    from core.records.pin import PinLock
    from gui.pages.base import ConsultPage
    from gui.records.patient_mode import PatientMode
    from gui.widgets.rows import ReplyRow
    from gui.wizard import ConsultationWizard

    with tempfile.TemporaryDirectory() as folder:
        records = Records.open(f"sqlite:///{Path(folder) / 'shots.sqlite3'}")
        lock = PinLock(records)
        lock.set_pin("482135")
        wizard = ConsultationWizard(kb, confirm=lambda *_: True)
        wizard.model.load(sample(dt.date.today()))
        wizard.resize(1280, 800)
        wizard.show()
        mode = PatientMode(wizard, lock, ask=lambda *_: True)
        mode.enter()
        wizard.model.set_goals(in_patient_words="I look tired all the time. I want to look rested, not different.")
        for _ in range(2):
            wizard.next()
        page = wizard.currentPage()
        assert isinstance(page, ConsultPage)
        for answer, reply in (("pregnant_or_breastfeeding", Reply.YES), ("cold_sore_history", Reply.YES)):
            row = next(r for r in page.findChildren(ReplyRow) if r.accessibleName() == f"Screening: {answer}")
            row.choice.chosen.emit(reply)
            row.set_value(reply)
        QApplication.processEvents()
        page.show_question("bleeding_risk_medicines")  # the patient's words for the medicines, below it
        bar = page.scroll_area.verticalScrollBar()
        bar.setValue(bar.value() + 120)
        QApplication.processEvents()
        shots = [out / "patient-mode-screening.png", out / "patient-review.png"]
        wizard.grab().save(str(shots[0]))
        mode.leave()
        review = wizard.review
        assert review is not None
        review.resize(1280, 800)
        QApplication.processEvents()
        review.grab().save(str(shots[1]))
        review.done(0)
        wizard.dirty = False
        wizard.close()
        wizard.deleteLater()
        QApplication.processEvents()
        records.close()
    return shots


def synthetic_face(skin: tuple[int, int, int], lines: int) -> bytes:
    """A drawn face (no person): an oval, eyes, brows, `lines` forehead lines and a mouth, as a JPEG."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 480), (214, 208, 202))
    draw = ImageDraw.Draw(image)
    draw.rectangle((140, 360, 220, 480), fill=skin)
    draw.ellipse((80, 70, 280, 360), fill=skin, outline=(170, 130, 110), width=3)
    for x in (130, 195):
        draw.ellipse((x, 180, x + 35, 200), fill=(90, 70, 60))
    draw.line((125, 160, 170, 155), fill=(120, 90, 70), width=4)
    draw.line((190, 155, 235, 160), fill=(120, 90, 70), width=4)
    for y in range(110, 110 + 12 * lines, 12):
        draw.arc((120, y - 10, 240, y + 10), 200, 340, fill=(170, 130, 110), width=2)
    draw.line((180, 200, 172, 260, 186, 262), fill=(180, 140, 120), width=3)
    draw.arc((145, 280, 215, 320), 20, 160, fill=(160, 80, 80), width=4)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _stroke(pad: QWidget, points: list[tuple[float, float]]) -> None:
    """A finger stroke across a signature pad, as Qt delivers it (mouse events from a touch)."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    at = [QPointF(x * pad.width(), y * pad.height()) for x, y in points]
    for index, point in enumerate(at):
        kind = (QEvent.Type.MouseButtonPress if index == 0 else QEvent.Type.MouseButtonRelease
                if index == len(at) - 1 else QEvent.Type.MouseMove)
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        QApplication.sendEvent(pad, QMouseEvent(kind, point, pad.mapToGlobal(point), Qt.MouseButton.LeftButton,
                                                buttons, Qt.KeyboardModifier.NoModifier))


def _scrolled(page: QWidget, fraction: float) -> None:
    from PySide6.QtWidgets import QApplication

    bar = page.scroll_area.verticalScrollBar()  # type: ignore[attr-defined]
    QApplication.processEvents()
    bar.setValue(round(bar.maximum() * fraction))
    QApplication.processEvents()


def clinical_record_shots(out: Path, kb: KnowledgeBase) -> list[Path]:
    """The consent step (the text, then both pads signed), the photo compare with the overlay half way,
    and the Given step with an entry recorded."""
    import math

    from PySide6.QtWidgets import QApplication

    from core.consultation import Photo, PhotoView
    from core.photos import import_photo
    from core.records.photos import EarlierPhotos
    from gui.pages.consent import ConsentPage
    from gui.pages.given import GivenPage
    from gui.pages.photos import PhotosPage
    from gui.widgets.signature_pad import SignaturePad
    from gui.wizard import ConsultationWizard

    today = dt.date.today()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    earlier_photo = {"view": PhotoView.FRONT_REST, "jpeg": import_photo(synthetic_face((226, 188, 160), 4)),
                     "added_at": now - dt.timedelta(days=120)}
    earlier = EarlierPhotos(today - dt.timedelta(days=120), (Photo.model_validate(earlier_photo),))
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    wizard.model.load(sample(today), earlier)
    wizard.resize(1280, 800)
    wizard.show()
    shots: list[Path] = []

    def shot(name: str) -> None:
        QApplication.processEvents()
        path = out / f"record-{name}.png"
        wizard.grab().save(str(path))
        shots.append(path)

    while not isinstance(wizard.currentPage(), ConsentPage):
        wizard.next()
    page = wizard.currentPage()
    shot("consent-text")
    page.photo_choice.choice.chosen.emit(True)  # type: ignore[attr-defined]
    page.photo_choice.set_value(True)  # type: ignore[attr-defined]
    _scrolled(page, 1.0)
    pads = [p for p in page.findChildren(SignaturePad)]
    loop = [(0.08 + 0.5 * i / 60, 0.55 - 0.3 * math.sin(3 * math.pi * i / 60) * (1 - i / 80)) for i in range(61)]
    _stroke(pads[0], loop)
    _stroke(pads[0], [(0.1, 0.85), (0.75, 0.8)])
    _stroke(pads[1], [(0.1, 0.6), (0.2, 0.3), (0.25, 0.65), (0.35, 0.35), (0.45, 0.6), (0.7, 0.45), (0.9, 0.5)])
    QApplication.processEvents()
    _scrolled(page, 1.0)
    shot("consent-signed")
    page.sign_button.click()  # type: ignore[attr-defined]
    _scrolled(page, 0.0)
    shot("consent-saved")
    wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, PhotosPage)
    now_jpeg = import_photo(synthetic_face((232, 196, 170), 1))
    wizard.model.set_photo(PhotoView.FRONT_REST, now_jpeg, now)
    wizard.model.set_photo(PhotoView.LEFT_45, now_jpeg, now)
    page.show_current()
    shot("photos")
    page.overlay.setValue(50)
    _scrolled(page, 1.0)
    shot("photos-compare")
    wizard.dirty = False
    wizard.close()
    wizard.deleteLater()
    # The Given step on a treatment visit: the example with consent, a photo and the toxin given.
    example = Path(__file__).resolve().parent.parent / "examples" / "treatment_visit_record.json"
    visit = Consultation.model_validate(json.loads(example.read_text(encoding="utf-8")))
    wizard = ConsultationWizard(kb, confirm=lambda *_: True)
    wizard.model.load(visit.model_copy(update={"consult_date": today}))
    wizard.resize(1280, 800)
    wizard.show()
    while not isinstance(wizard.currentPage(), GivenPage):
        wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, GivenPage) and page.map is not None
    page.per_point.set_value(4)
    QApplication.processEvents()
    centre = page.map.area_center(Area.FOREHEAD)
    for dx in (-75, -25, 25, 75):
        tap_at = ((centre.x() + dx) / page.map.width(), centre.y() / page.map.height())
        _stroke(page.map, [tap_at, tap_at])  # a tap: pressed and released on the spot
    _scrolled(page, 0.45)
    shot("given")
    wizard.dirty = False
    wizard.close()
    wizard.deleteLater()
    QApplication.processEvents()
    return shots


if __name__ == "__main__":
    sys.exit(main())
