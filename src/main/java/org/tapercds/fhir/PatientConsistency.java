package org.tapercds.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.ErrorDetail;

/**
 * Refuses a call whose data belongs to another patient than {@code context.patientId}: a taper
 * check over someone else's history would be wrong in the most dangerous way. Resources without a
 * subject are accepted (the EHR fetched them for this patient).
 */
final class PatientConsistency {

    private PatientConsistency() {}

    static void check(HookRequest request) {
        String patientId = request.patientId();
        if (request.patient() != null && request.patient().getIdElement().hasIdPart()) {
            requireSame(patientId, "Patient/" + request.patient().getIdElement().getIdPart(), "prefetch.patient");
        }
        checkSubjects(patientId, request.draftOrders(), "context.draftOrders");
        checkSubjects(patientId, request.medications(), "prefetch.medications");
        for (Observation observation : request.observations()) {
            checkSubject(patientId, observation.getSubject(), "prefetch.observations", observation.getIdElement());
        }
        for (Condition condition : request.conditions()) {
            checkSubject(patientId, condition.getSubject(), "prefetch.conditions", condition.getIdElement());
        }
    }

    private static void checkSubjects(String patientId, List<MedicationRequest> orders, String path) {
        for (MedicationRequest order : orders) {
            checkSubject(patientId, order.getSubject(), path, order.getIdElement());
        }
    }

    private static void checkSubject(String patientId, Reference subject, String path, IdType resourceId) {
        if (subject == null || !subject.hasReference()) {
            return;
        }
        IdType reference = new IdType(subject.getReference());
        if (!"Patient".equals(reference.getResourceType())) {
            return;
        }
        String where = path
                + (resourceId.hasIdPart()
                        ? " (" + resourceId.getResourceType() + "/" + resourceId.getIdPart() + ")"
                        : "");
        requireSame(patientId, "Patient/" + reference.getIdPart(), where);
    }

    private static void requireSame(String patientId, String reference, String where) {
        if (!("Patient/" + patientId).equals(reference)) {
            throw new ApiException(
                    ErrorCode.PATIENT_MISMATCH,
                    List.of(new ErrorDetail(where + " is about another patient than context.patientId", where)));
        }
    }
}
