#!/usr/bin/env python3
"""Writes the benchmark requests under src/test/resources/bench/ (fixed dates; "today" is 2026-11-22).

small: Patient, 1 history MedicationRequest, 1 draft, 1 Observation, 1 Condition (5 resources).
large: Patient, 20 history MedicationRequests (an alprazolam -> diazepam cross-over and a 20-month
diazepam taper, a chronic zolpidem order, an old lorazepam PRN), 20 Observations (CIWA-B every
four weeks, AUDIT-C), 3 Conditions and 2 drafts (diazepam 8 -> 7 mg and zolpidem 10 -> 5 mg:
together a 27 % cut, so the request gets a taper-rate card and exercises card assembly).

Run from the repository root: python3 bench/make-requests.py
"""
import json
import pathlib

PATIENT = "pat-bench"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
PRODUCTS = {
    "alprazolam-0.5": ("308048", "alprazolam 0.5 MG Oral Tablet", "{tbl}", "tablet"),
    "diazepam-10": ("197589", "diazepam 10 MG Oral Tablet", "{tbl}", "tablet"),
    "diazepam-2": ("197590", "diazepam 2 MG Oral Tablet", "mg", "mg"),
    "zolpidem-10": ("854873", "zolpidem tartrate 10 MG Oral Tablet", "{tbl}", "tablet"),
    "zolpidem-5": ("854876", "zolpidem tartrate 5 MG Oral Tablet", "{tbl}", "tablet"),
    "lorazepam-1": ("197901", "lorazepam 1 MG Oral Tablet", "{tbl}", "tablet"),
}


def med_request(rid, product, per_dose, per_day, start, end=None, status="completed", draft=False, prn=False):
    code, display, ucum, unit = PRODUCTS[product]
    repeat = {"frequency": per_day, "period": 1, "periodUnit": "d"}
    if not draft:
        bounds = {"start": start}
        if end:
            bounds["end"] = end
        repeat["boundsPeriod"] = bounds
    dosage = {
        "timing": {"repeat": repeat},
        "doseAndRate": [{"doseQuantity": {"value": per_dose, "unit": unit, "system": UCUM, "code": ucum}}],
    }
    if prn:
        dosage["asNeededBoolean"] = True
    resource = {
        "resourceType": "MedicationRequest",
        "id": rid,
        "status": "draft" if draft else status,
        "intent": "order",
        "subject": {"reference": "Patient/" + PATIENT},
        "medicationCodeableConcept": {"coding": [{"system": RXNORM, "code": code, "display": display}], "text": display},
        "dosageInstruction": [dosage],
    }
    if not draft:
        resource["authoredOn"] = start
    return resource


def observation(oid, system, code, display, day, value, unit):
    return {
        "resourceType": "Observation",
        "id": oid,
        "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"}]}],
        "code": {"coding": [{"system": system, "code": code, "display": display}], "text": display},
        "subject": {"reference": "Patient/" + PATIENT},
        "effectiveDateTime": day,
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
    }


def condition(cid, code, display, onset):
    return {
        "resourceType": "Condition",
        "id": cid,
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": code, "display": display}], "text": display},
        "subject": {"reference": "Patient/" + PATIENT},
        "onsetDateTime": onset,
    }


def patient():
    return {"resourceType": "Patient", "id": PATIENT, "gender": "male", "birthDate": "1958-09-14"}


def bundle(kind, resources):
    return {"resourceType": "Bundle", "type": kind, "entry": [{"resource": r} for r in resources]}


def request(instance, drafts, history, observations, conditions):
    return {
        "hook": "order-sign",
        "hookInstance": instance,
        "context": {
            "userId": "Practitioner/dr-bench",
            "patientId": PATIENT,
            "encounterId": "enc-bench",
            "draftOrders": bundle("collection", drafts),
        },
        "prefetch": {
            "patient": patient(),
            "medications": bundle("searchset", history),
            "observations": bundle("searchset", observations),
            "conditions": bundle("searchset", conditions),
        },
    }


def large():
    h = []
    # Alprazolam 0.5 mg three times daily, crossed over to diazepam in two-week steps (Ashton).
    h.append(med_request("rx-alp-1", "alprazolam-0.5", 1, 3, "2024-06-01", "2025-01-09"))
    h.append(med_request("rx-alp-2", "alprazolam-0.5", 1, 2, "2025-01-10", "2025-01-23"))
    h.append(med_request("rx-dia-x1", "diazepam-10", 1, 1, "2025-01-10", "2025-01-23"))
    h.append(med_request("rx-alp-3", "alprazolam-0.5", 1, 1, "2025-01-24", "2025-02-06"))
    h.append(med_request("rx-dia-x2", "diazepam-10", 1, 2, "2025-01-24", "2025-02-06"))
    # Diazepam: 30 mg/day, then steps of at most ~17 % every four to eight weeks.
    taper = [
        ("2025-02-07", "2025-03-31", 30), ("2025-04-01", "2025-04-30", 25), ("2025-05-01", "2025-05-31", 22),
        ("2025-06-01", "2025-06-30", 20), ("2025-07-01", "2025-08-14", 18), ("2025-08-15", "2025-09-30", 16),
        ("2025-10-01", "2025-11-30", 15), ("2025-12-01", "2026-01-31", 14), ("2026-02-01", "2026-03-31", 12),
        ("2026-04-01", "2026-05-31", 10), ("2026-06-01", "2026-09-30", 9), ("2026-10-01", None, 8),
    ]
    for i, (start, end, mg) in enumerate(taper):
        h.append(med_request("rx-dia-%d" % (i + 1), "diazepam-2", mg, 1, start, end, "completed" if end else "active"))
    h.append(med_request("rx-zol-0", "zolpidem-5", 1, 1, "2023-09-01", "2024-01-14"))
    h.append(med_request("rx-zol-1", "zolpidem-10", 1, 1, "2024-01-15", None, "active"))
    h.append(med_request("rx-lor-prn", "lorazepam-1", 1, 1, "2024-03-01", "2024-05-31", "stopped", prn=True))
    assert len(h) == 20, len(h)
    obs = []
    day = ["2025-%02d-15" % m for m in range(1, 13)] + ["2026-%02d-15" % m for m in range(1, 9)]
    for i, d in enumerate(day[:16]):
        obs.append(observation("ciwa-%d" % i, "http://taper-cds.org/fhir/CodeSystem/withdrawal-assessment",
                               "ciwa-b-total", "CIWA-B total score", d, [12, 14, 11, 9, 10, 8, 9, 7][i % 8], "{score}"))
    for i, d in enumerate(["2025-01-15", "2025-07-15", "2026-01-15", "2026-07-15"]):
        obs.append(observation("auditc-%d" % i, "http://loinc.org", "75626-2", "AUDIT-C total score", d, [2, 1, 1, 0][i], "{score}"))
    assert len(obs) == 20
    conds = [
        condition("cond-gad", "21897009", "Generalized anxiety disorder", "2019-03-01"),
        condition("cond-insomnia", "193462001", "Insomnia", "2020-06-01"),
        condition("cond-htn", "38341003", "Hypertensive disorder", "2015-01-01"),
    ]
    drafts = [
        med_request("draft-dia", "diazepam-2", 7, 1, None, draft=True),
        med_request("draft-zol", "zolpidem-5", 1, 1, None, draft=True),
    ]
    return request("b3f7c2a0-4d1e-4f6b-9a55-0c8e2d7f1a42", drafts, h, obs, conds)


def small():
    history = [med_request("rx-1", "diazepam-10", 1, 2, "2026-05-20", None, "active")]
    drafts = [med_request("draft-1", "diazepam-10", 1, 1, None, draft=True)]
    obs = [observation("auditc-1", "http://loinc.org", "75626-2", "AUDIT-C total score", "2026-10-01", 1, "{score}")]
    conds = [condition("cond-gad", "21897009", "Generalized anxiety disorder", "2019-03-01")]
    return request("5e0c1d2a-7b3f-4c8e-a1d6-2f9b0e4c7a11", drafts, history, obs, conds)


out = pathlib.Path("src/test/resources/bench")
out.mkdir(parents=True, exist_ok=True)
for name, body in (("order-sign-small.json", small()), ("order-sign-large.json", large())):
    (out / name).write_text(json.dumps(body, indent=2) + "\n")
    print("wrote", out / name)
