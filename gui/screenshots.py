"""`python -m gui.screenshots OUT_DIR`: every page at 1280×800 (and 1920×1080) with a synthetic consult.

The patient is invented; nothing here comes from a real consultation.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from core.consultation import Consultation, Screening
from core.vocabulary import Area, Expectation, Medication, Reply

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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    from gui.app import create_app

    app = create_app()
    from core.knowledge.loader import clinic_knowledge_base
    from gui.pages.third import ThirdPage
    from gui.wizard import ConsultationWizard

    kb = clinic_knowledge_base()
    written = []
    for width, height, folder in SIZES:
        target = out / folder if folder else out
        target.mkdir(parents=True, exist_ok=True)
        wizard = ConsultationWizard(kb, confirm=lambda *_: True)
        wizard.load(sample(dt.date.today()))
        wizard.resize(width, height)
        wizard.show()
        for index, page in enumerate(wizard.pages):
            if isinstance(page, ThirdPage) and index in SELECTED:
                page.select(SELECTED[index])
            app.processEvents()
            name = type(page).__name__.removesuffix("Page").lower()
            path = target / f"{index + 1:02d}-{name}.png"
            wizard.grab().save(str(path))
            written.append(path)
            if index + 1 < len(wizard.pages):
                wizard.next()
        wizard.dirty = False
        wizard.close()
        wizard.deleteLater()
        app.processEvents()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
