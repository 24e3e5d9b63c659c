"""What was given: the consent gate, lot and expiry checks, label doses, and tracing a lot (issue 12)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from clinical_support import AT, consented, given, with_given
from conftest import consult, load_example
from core.cli import main
from core.consultation import Consultation
from core.engine import plan
from core.given import check_given
from core.records import Records
from core.records.lots import who_received
from core.records.privacy import erase_patient, patient_data
from core.vocabulary import Area, Tool


def botox_consult(kb, name="Ada Lovelace", **patient):
    c = consult(("glabella", "frown_lines", 1, 3), patient={"name": name, "date_of_birth": "1980-05-01", **patient})
    return consented(c, kb, Tool.NEUROMODULATOR)


def test_a_treatment_cannot_be_recorded_as_given_without_signed_consent(kb):
    c = consult(("glabella", "frown_lines", 1, 3))
    with pytest.raises(ValidationError, match="treatments_given.0.tool: neuromodulator has no signed consent"):
        with_given(c, given())
    assert "signs its consent first" in check_given(given(), c, kb).refused
    assert with_given(consented(c, kb, Tool.NEUROMODULATOR), given()).treatments_given[0].lot == "C1234A"


def test_consent_for_one_tool_does_not_cover_another(kb):
    c = consented(consult(("lips", "thin_lips", 2, 2)), kb, Tool.NEUROMODULATOR)
    with pytest.raises(ValidationError, match="ha_filler has no signed consent"):
        with_given(c, given(Tool.HA_FILLER, Area.LIPS, amount=1))


def test_an_expired_lot_is_refused_and_one_expiring_within_30_days_is_warned(kb):
    c = botox_consult(kb)
    expired = given(expiry=dt.date(2026, 3, 1))  # the day before the consult
    assert "expired" in check_given(expired, c, kb).refused
    with pytest.raises(ValidationError, match="treatments_given.0.expiry: Lot C1234A expired on 2026-03-01"):
        with_given(c, expired)
    soon = check_given(given(expiry=dt.date(2026, 3, 30)), c, kb)
    assert soon.refused == "" and any("within 30 days" in w for w in soon.warnings)
    later = check_given(given(expiry=dt.date(2026, 6, 1)), c, kb)
    assert later.refused == "" and later.warnings == []


def test_a_product_not_on_the_clinics_list_and_a_wrong_unit_are_refused(kb):
    c = botox_consult(kb)
    assert check_given(given(product="Some other toxin"), c, kb).refused == kb.text().clinical_record.product_needed
    with pytest.raises(ValidationError, match="unit: neuromodulator is given in units, not mL"):
        with_given(c, given().model_copy(update={"unit": "mL"}))


def test_the_label_dose_check_applies_to_the_units_given(kb):
    c = with_given(botox_consult(kb), given(amount=20))
    over = check_given(given(amount=10, lot="C1234B"), c, kb)  # 30 U in the glabella: label 20 U, x1.25
    assert over.refused == "" and any("far over the label dose of 20 U" in w for w in over.warnings)
    assert check_given(given(amount=4), c, kb).warnings == []


def test_another_toxins_units_are_never_checked_against_the_onabotulinumtoxina_label(kb):
    """The label doses are BOTOX Cosmetic's, in onabotulinumtoxinA units. 50 units of a toxin the clinic
    has not marked `label_doses` (another toxin's units differ) is not called 'far over the label dose
    of 20 U': it is said to be not checked; and it is not added to the onabotulinumtoxinA units there."""
    from core.knowledge.models import Product

    other = Product(name="Another toxin (synthetic)", tool=Tool.NEUROMODULATOR, unit="units", source="test")
    settings = kb.settings.model_copy(update={"products": [*kb.settings.products, other]})
    clinic = kb.model_copy(update={"settings": settings})
    c = botox_consult(clinic)
    result = check_given(given(amount=50, product=other.name), c, clinic)
    words = clinic.text().clinical_record
    assert result.refused == "" and result.warnings == [words.dose_not_checked.format(
        units="50", product=other.name, area=clinic.text().areas[Area.GLABELLA].name)]
    assert not any("far over" in w for w in result.warnings)
    c = with_given(c, given(amount=50, product=other.name))
    both = check_given(given(amount=20, lot="C1234B"), c, clinic)  # 20 onabotulinumtoxinA U: within the label
    assert not any("far over" in w for w in both.warnings) and len(both.warnings) == 1
    assert [p.label_doses for p in kb.products_for(Tool.NEUROMODULATOR)] == [True]  # the shipped Botox product
    with pytest.raises(ValueError, match="label_doses"):
        Product(name="A filler", tool=Tool.HA_FILLER, unit="mL", label_doses=True, source="test")


def test_a_version_2_consult_is_carried_forward_with_an_empty_clinical_record():
    data = json.loads(load_example("tired_face").model_dump_json())
    data["schema_version"] = 2
    for key in ("consent", "photos", "treatments_given", "patient_language"):
        data.pop(key)
    c = Consultation.model_validate(data)
    assert (c.schema_version, c.consent, c.photos, c.treatments_given, c.patient_language) == (4, [], [], [], None)


@pytest.fixture
def records(database_url):
    opened = Records.open(database_url, actor="Dr Test")
    yield opened
    opened.close()


def test_a_lot_is_traced_to_every_patient_who_received_it_and_erasure_removes_the_trace(records, kb):
    ada = with_given(botox_consult(kb), given(lot="C1234A"), given(Tool.NEUROMODULATOR, Area.FOREHEAD, lot="X9"))
    grace = with_given(botox_consult(kb, "Grace Hopper", patient_id="G-2"), given(lot="c1234-a", amount=12))
    saved = records.save_consultation(ada, plan(ada, kb))
    records.save_consultation(grace, plan(grace, kb))
    found = who_received(records, " C1234 A ")
    assert [(r.name, r.amount, r.area) for r in found] == [("Ada Lovelace", 20, Area.GLABELLA),
                                                           ("Grace Hopper", 12, Area.GLABELLA)]
    assert found[0].expiry == dt.date(2027, 6, 30) and found[0].product.startswith("Botox")
    assert [r.name for r in who_received(records, "x9")] == ["Ada Lovelace"]
    assert who_received(records, "nothing") == []
    exported = patient_data(records, saved.patient_uid)
    assert exported["consultations"][0]["answers"]["treatments_given"][0]["lot"] == "C1234A"
    erase_patient(records, saved.patient_uid)
    assert [r.name for r in who_received(records, "C1234A")] == ["Grace Hopper"]
    assert who_received(records, "X9") == []


def test_thirds_lots_lists_the_patients_and_refuses_an_empty_lot(tmp_path, kb, capsys):
    url = f"sqlite:///{tmp_path / 'thirds.sqlite3'}"
    records = Records.open(url, actor="Dr Test")
    ada = with_given(botox_consult(kb), given(lot="C1234A"))
    records.save_consultation(ada, plan(ada, kb))
    records.close()
    assert main(["lots", "c1234a", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "Ada Lovelace" in out and "C1234A" in out and "20 units" in out
    assert main(["lots", "ZZZ", "--database", url]) == 0
    assert "No patient received lot ZZZ" in capsys.readouterr().out
    assert main(["lots", " - ", "--database", url]) == 2
    assert "LOT: give a lot or batch number" in capsys.readouterr().err


def test_the_records_window_lists_every_patient_who_received_a_lot(qtbot, tmp_path, kb):
    from PySide6.QtWidgets import QTabWidget

    from gui.records.records_dialog import RecordsDialog
    from gui_taps import tap_name, type_into

    records = Records.open(f"sqlite:///{tmp_path / 'lots.sqlite3'}", actor="Dr Test")
    ada = with_given(botox_consult(kb), given(lot="C1234A"))
    grace = with_given(botox_consult(kb, "Grace Hopper", patient_id="G-2"), given(lot="C1234A", amount=12))
    saved = records.save_consultation(ada, plan(ada, kb))
    records.save_consultation(grace, plan(grace, kb))
    dialog = RecordsDialog(records, kb, None)
    qtbot.addWidget(dialog)
    dialog.show()
    opened: list[str] = []
    dialog.patients.open_requested.connect(opened.append)
    dialog.findChild(QTabWidget).setCurrentWidget(dialog.lots)
    type_into(qtbot, dialog.lots, "Search lots", "c1234a")
    lines = [dialog.lots.list.item(i).text() for i in range(dialog.lots.list.count())]
    assert len(lines) == 2 and "Ada Lovelace" in lines[0] and "Grace Hopper" in lines[1] and "12 units" in lines[1]
    dialog.lots.list.setCurrentRow(0)
    tap_name(qtbot, dialog.lots, "Open read-only")
    assert opened == [saved.consultation_uid]
    dialog.lots.search.setText("NOPE")
    assert dialog.lots.list.item(0).text() == "No patient received lot NOPE." and not dialog.lots.open_button.isEnabled()
    dialog.close()
    records.close()


def test_off_label_toxin_planned_after_signing_asks_for_its_off_label_part_before_it_is_given(kb):
    """Consent signed for the frown lines does not cover the masseter (off-label) added afterwards: its
    form's off-label part is read and signed first (review of issue 12)."""
    from core.consent import signing, unsigned

    c = consented(consult(("glabella", "frown_lines", 1, 3), ("masseter", "masseter_bulk", 2, 2)), kb,
                  Tool.NEUROMODULATOR)
    assert unsigned(c, [Tool.NEUROMODULATOR]) == []
    assert unsigned(c, [Tool.NEUROMODULATOR], off_label=[Tool.NEUROMODULATOR]) == [Tool.NEUROMODULATOR]
    masseter = given(area=Area.MASSETER, amount=25)
    assert "signs its consent first" in check_given(masseter, c, kb).refused
    assert check_given(given(), c, kb).refused == ""  # the frown lines were consented to
    pad = c.consent[0].patient_signature
    again = signing([Tool.NEUROMODULATOR], True, pad, pad, c.consent[0].signed_at, kb, [Tool.NEUROMODULATOR])
    assert [form.off_label for form in again.forms] == [True]
    c = Consultation.model_validate({**dict(c), "consent": [*c.consent, again]})
    assert unsigned(c, [Tool.NEUROMODULATOR], off_label=[Tool.NEUROMODULATOR]) == []
    assert check_given(masseter, c, kb).refused == ""


def test_photo_consent_is_not_withdrawn_while_photos_are_kept_and_nothing_crashes(kb):
    import base64
    import io

    from PIL import Image

    from core.consultation import PhotoView
    from gui.draft import DraftModel

    image = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 150, 120)).save(image, "JPEG")
    model = DraftModel()
    model.start(kb, consented(consult(("glabella", "frown_lines", 1, 3)), kb, Tool.NEUROMODULATOR))
    assert model.set_photo(PhotoView.FRONT_REST, base64.b64encode(image.getvalue()).decode(), AT) is None
    pad = model.draft.consent[0].patient_signature
    refused = model.sign_consent([Tool.NEUROMODULATOR], False, pad, pad, AT)
    assert refused and "remove them on the Photos step first" in refused
    assert len(model.draft.consent) == 1 and model.draft.photo_consent and len(model.draft.photos) == 1


def test_a_filler_amount_is_held_to_millilitres(kb):
    c = consented(consult(("lips", "thin_lips", 2, 2)), kb, Tool.HA_FILLER)
    assert with_given(c, given(Tool.HA_FILLER, Area.LIPS, amount=1)).treatments_given[0].amount == 1
    with pytest.raises(ValidationError, match="treatments_given.0.amount: 100 mL is more than 20 mL"):
        with_given(c, given(Tool.HA_FILLER, Area.LIPS, amount=100))  # a slip of the finger for 1.00


def test_kb_check_notes_a_neuromodulator_not_marked_for_the_label_doses(tmp_path):
    """A clinic upgrading with its own product list: its Botox entry without label_doses is valid, and
    `thirds kb check` says what that means (its amounts are not checked) and what to set."""
    import io

    config = tmp_path / "clinic.toml"
    config.write_text('[[products]]\nname = "Botox Cosmetic (onabotulinumtoxinA)"\ntool = "neuromodulator"\n'
                      'unit = "units"\nsource = "clinic default"\n', encoding="utf-8")
    out = io.StringIO()
    assert main(["kb", "check", "--config", str(config)], stdout=out) == 0
    assert "products.0 (Botox Cosmetic (onabotulinumtoxinA)): label_doses is not set" in out.getvalue()
    shipped = io.StringIO()
    assert main(["kb", "check"], stdout=shipped) == 0 and "note:" not in shipped.getvalue()
