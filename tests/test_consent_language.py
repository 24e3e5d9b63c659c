"""The patient reads the consent forms in their own language, chosen with one tap on the Consent page;
the signing records that language, the record and the FHIR export say it, the Finish page's takeaway
follows the same choice, and a signing from before the choice existed says its language was not
recorded (never the clinic's, guessed)."""

from __future__ import annotations

import json
import re
import unicodedata

import pypdfium2
from PySide6.QtWidgets import QLabel, QWidget
from test_gui_clinical_record import on_page, sign

from conftest import ROOT, load_example
from core.consultation import Consultation
from core.fhir import bundle as export_bundle
from core.knowledge.ui import language_name
from core.takeaway import write_record
from gui.pages.consent import ConsentPage
from gui.pages.finish import FinishPage
from gui_taps import find, tap


def pdf_text(path) -> str:  # type: ignore[no-untyped-def]
    document = pypdfium2.PdfDocument(str(path))
    try:
        return unicodedata.normalize("NFKC", "".join(document[i].get_textpage().get_text_range()
                                                     for i in range(len(document))))
    finally:
        document.close()


def texts(widget: QWidget) -> list[str]:
    return [child.text() for child in widget.findChildren(QLabel) if child.isVisibleTo(widget)]


def test_a_tap_shows_the_forms_in_the_patients_language_and_the_signing_records_it(qtbot, kb, tmp_path) -> None:
    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    english, arabic = kb.text().consent_forms["neuromodulator"], kb.for_language("ar").text().consent_forms["neuromodulator"]
    form = find(page, "Consent form neuromodulator")
    assert english.title in texts(form) and page.languages.buttons["en"].isChecked()
    button = page.languages.buttons["ar"]
    page.scroll_area.ensureWidgetVisible(button)
    tap(qtbot, button)
    assert wizard.draft.patient_language == "ar" and button.isChecked()
    form = find(page, "Consent form neuromodulator")
    shown = texts(form)
    assert arabic.title in shown and arabic.what in shown and english.title not in shown
    said = kb.for_language("ar").text().clinical_record
    assert page.photo_choice.label.text() == said.photo_consent_question
    assert page.patient_title.text() == said.patient_signs
    shown = set(texts(page.forms_box))
    sign(qtbot, page)
    [consent] = wizard.draft.consent
    assert consent.language == "ar"
    # the signing keeps the very words the patient read: every line of them was on the page
    from core.consent import form_text

    [signed] = consent.forms
    assert signed.text == form_text("neuromodulator", kb.for_language("ar"), False)
    assert signed.text is not None and set(signed.text.splitlines()) <= shown
    # Finish: the same choice for the takeaway, kept in the draft
    while not isinstance(wizard.currentPage(), FinishPage):
        wizard.next()
    finish = wizard.currentPage()
    assert finish.patient_language == "ar" and finish.language_buttons["ar"].isChecked()
    record = write_record(wizard.draft, wizard.plan, kb, tmp_path / "record.pdf")
    text = pdf_text(record)
    assert "Read and signed in" in text and "not recorded" not in text
    bundle = export_bundle(wizard.draft, wizard.plan, kb)
    [fhir_consent] = [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == "Consent"]
    assert fhir_consent["sourceAttachment"]["language"] == "ar" and "language" not in fhir_consent
    import base64

    assert base64.b64decode(fhir_consent["sourceAttachment"]["data"]).decode("utf-8") == signed.text
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(json.loads(json.dumps(bundle)))  # valid FHIR R4B


def test_back_to_the_clinics_language_is_kept_as_chosen(qtbot, kb) -> None:
    """Stored as chosen, the clinic's own too: a wizard elsewhere speaking another language shows the
    patient's, not its own."""
    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    for code in ("he", "en"):
        button = page.languages.buttons[code]
        page.scroll_area.ensureWidgetVisible(button)
        tap(qtbot, button)
    assert wizard.draft.patient_language == "en" and page.languages.buttons["en"].isChecked()


def test_signatures_given_under_one_language_are_asked_again_under_another(qtbot, kb) -> None:
    """The pads hold signatures to the forms on the page: a tap on another language, here or on the
    Finish page before Save, clears them, so a signing can only record the language it was read in."""
    from test_gui_clinical_record import SCRIBBLE, draw

    from gui.widgets.signature_pad import SignaturePad

    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    tap(qtbot, page.languages.buttons["ar"])
    draw(find(page, "Patient signature", SignaturePad), SCRIBBLE)
    draw(find(page, "Practitioner signature", SignaturePad), [(0.2, 0.5), (0.8, 0.4)])
    assert page.patient_pad.signed and page.practitioner_pad.signed
    tap(qtbot, page.languages.buttons["he"])
    assert not page.patient_pad.signed and not page.practitioner_pad.signed and not page.sign_button.isEnabled()
    draw(find(page, "Patient signature", SignaturePad), SCRIBBLE)
    draw(find(page, "Practitioner signature", SignaturePad), [(0.2, 0.5), (0.8, 0.4)])
    assert wizard.model.set_consult(patient_language="ar") is None  # as a tap on the Finish page would
    page.show_current()  # back on the Consent page
    assert not page.patient_pad.signed and not page.practitioner_pad.signed
    assert find(page, "Consent form neuromodulator") is not None
    sign(qtbot, page)
    assert [c.language for c in wizard.draft.consent] == ["ar"]
    assert page.patient_clear.text() == kb.for_language("ar").text().clinical_record.clear


def test_a_signing_from_before_schema_4_says_its_language_was_not_recorded(kb, tmp_path) -> None:
    """examples/treatment_visit_record.json is a schema-3 record with a signing: no language then."""
    data = json.loads((ROOT / "examples" / "treatment_visit_record.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 3 and data["consent"]
    c = Consultation.model_validate(data)
    assert c.schema_version == 4 and c.patient_language is None and c.consent[0].language is None
    from core.engine import plan

    record = write_record(c, plan(c, kb), kb, tmp_path / "record.pdf")
    assert "was not recorded" in pdf_text(record)
    bundle = export_bundle(c, plan(c, kb), kb)
    assert all("sourceAttachment" not in entry["resource"] for entry in bundle["entry"]
               if entry["resource"]["resourceType"] == "Consent")


def test_every_language_has_its_own_name() -> None:
    assert [language_name(code) for code in ("en", "he", "ar", "xx")] == ["English", "עברית", "العربية", "xx"]
    assert load_example("tired_face").patient_language is None


def test_right_to_left_the_patients_signature_comes_first_on_the_right(kb) -> None:
    """In a Hebrew or Arabic record the signatures read right to left: the patient's (and its heading)
    in the right-hand column, each aligned to the right; left to right as before in English."""
    from reportlab.platypus import KeepTogether, Table

    from core.engine import plan
    from core.takeaway import _context
    from core.takeaway.clinical import consent_section

    c = load_example("treatment_visit_record")

    def columns(speaking) -> list[str]:  # type: ignore[no-untyped-def]
        ctx = _context(c, plan(c, speaking), speaking, 10)
        [block] = [f for f in consent_section(ctx) if isinstance(f, KeepTogether)][:1]
        [table] = [f for f in block._content if isinstance(f, Table)]
        return [re.sub(r"<[^>]+>", "", cell.text) for cell in table._cellvalues[0]]  # the script's font tags off

    english, hebrew = kb.text().clinical_record, kb.for_language("he").text().clinical_record
    assert columns(kb) == [english.record_patient_signature, english.record_practitioner_signature]
    assert columns(kb.for_language("he")) == [hebrew.record_practitioner_signature, hebrew.record_patient_signature]


def test_signatures_are_asked_again_when_an_off_label_part_appears_before_save(qtbot, kb) -> None:
    """Signed, not saved; the masseter (off-label for the toxin) is then planned: the form's off-label
    part appears, and signatures given to the words without it are not kept for the words with it."""
    from test_gui_clinical_record import SCRIBBLE, draw

    from core.vocabulary import Area
    from gui.widgets.signature_pad import SignaturePad

    wizard, page = on_page(qtbot, kb, "forehead_lines_only", ConsentPage)
    draw(find(page, "Patient signature", SignaturePad), SCRIBBLE)
    draw(find(page, "Practitioner signature", SignaturePad), [(0.2, 0.5), (0.8, 0.4)])
    assert page.patient_pad.signed
    assert wizard.model.set_concern(Area.MASSETER, "masseter_bulk", severity_rest=2, severity_movement=2) is None
    page.show_current()
    off_label = kb.text().consent_forms["neuromodulator"].off_label
    assert off_label in texts(page.forms_box)  # the off-label part is on the page now
    assert not page.patient_pad.signed and not page.practitioner_pad.signed
    sign(qtbot, page)
    [consent] = wizard.draft.consent
    assert consent.forms[0].off_label and consent.forms[0].text and off_label in consent.forms[0].text
