"""Consultation files and stored records from older schema versions, carried forward on read.

Version 4 adds the patient's language (`patient_language`) and the language each consent was read
and signed in (`consent[].language`): absent before, they stay absent ("not recorded"), never the
clinic's language guessed after the fact.

Version 3 adds the clinical record: `consent`, `photos` and `treatments_given`, empty in older ones.

Version 1 held each screening answer as a boolean defaulting to false, so a question nobody asked
read as "no". Version 2 says yes / no / not asked. A version-1 `false` that was written stays "no"
(the wizard always wrote every answer); a version-1 answer that is absent becomes "not asked".
"""

from __future__ import annotations

from typing import Any

LATEST = 4

V1_ANSWERS = (
    "pregnant_or_breastfeeding",
    "toxin_hypersensitivity",
    "neuromuscular_disease",
    "cold_sore_history",
    "coagulation_disorder",
    "autoimmune_or_immunotherapy",
    "chemotherapy_last_12_months",
    "recent_dental_or_vaccination",
)
V1_MEDICINE_ANSWERS = {
    # a version-1 medicine in the list -> the version-2 answer that asks about it
    "aminoglycosides": "aminoglycosides",
    "other_toxin_3_months": "other_toxin_3_months",
    "curare_like": "toxin_interacting_medicines",
    "anticholinergics": "toxin_interacting_medicines",
    "muscle_relaxants": "toxin_interacting_medicines",
    "anticoagulants": "bleeding_risk_medicines",
    "antiplatelets": "bleeding_risk_medicines",
    "nsaids": "bleeding_risk_medicines",
    "fish_oil": "bleeding_risk_medicines",
    "vitamin_e": "bleeding_risk_medicines",
    "ginkgo": "bleeding_risk_medicines",
    "ginseng": "bleeding_risk_medicines",
}
V2_ONLY_MEDICINES = ("aminoglycosides", "other_toxin_3_months")  # answers of their own in version 2


def _reply(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value  # anything else is left for validation to name


def _screening_v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    new: dict[str, Any] = {}
    for name in V1_ANSWERS:
        if name in old:
            new[name] = _reply(old[name])
    if "active_infection" in old or "infection_areas" in old:
        sites = old.get("infection_areas") or []
        new["active_infection"] = "yes" if old.get("active_infection") is True or sites else _reply(
            old.get("active_infection", False)
        )
        new["infection_areas"] = sites
    if "ha_or_lidocaine_allergy" in old:
        # Version 1 asked one question for both. A yes may have been either allergy: both stay yes
        # (HA filler removed, lidocaine-free products) until the practitioner asks again.
        new["ha_allergy"] = new["lidocaine_allergy"] = _reply(old["ha_or_lidocaine_allergy"])
    if "medications" in old:
        medicines = old["medications"]
        listed = [m for m in medicines if isinstance(m, str)] if isinstance(medicines, list) else []
        for answer in dict.fromkeys(V1_MEDICINE_ANSWERS.values()):
            new[answer] = "yes" if any(V1_MEDICINE_ANSWERS.get(m) == answer for m in listed) else "no"
        new["medications"] = (
            [m for m in medicines if m not in V2_ONLY_MEDICINES] if isinstance(medicines, list) else medicines
        )
    for key, value in old.items():  # unknown keys go through, for validation to name them
        if key not in new and key not in (*V1_ANSWERS, "active_infection", "infection_areas",
                                            "ha_or_lidocaine_allergy", "medications"):
            new[key] = value
    return new


def _looks_v1(screening: Any) -> bool:
    if not isinstance(screening, dict):
        return False
    if "ha_or_lidocaine_allergy" in screening or any(isinstance(v, bool) for v in screening.values()):
        return True
    medicines = screening.get("medications")
    return isinstance(medicines, list) and any(m in V2_ONLY_MEDICINES for m in medicines)


def migrate(data: Any) -> Any:
    """A raw consultation dict of any known version, as the latest version; anything else as it is."""
    if not isinstance(data, dict):
        return data
    version = data.get("schema_version")
    if version is None:  # a file that does not say: version 1 only if its answers look like version 1
        version = 1 if _looks_v1(data.get("screening")) else LATEST
    if version == 1:
        data = dict(data)
        screening = data.get("screening")
        if isinstance(screening, dict):
            data["screening"] = _screening_v1_to_v2(screening)
        data["schema_version"] = version = 2
    if version == 2:  # version 3 adds the clinical record (consent, photos, treatments given), empty before
        data, version = {**data, "schema_version": 3}, 3
    if version == 3:  # version 4 adds the languages: unknown before, left unset
        data = {**data, "schema_version": 4}
    return data
