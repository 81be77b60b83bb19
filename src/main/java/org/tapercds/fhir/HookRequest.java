package org.tapercds.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.tapercds.facts.Hook;

/**
 * A validated CDS Hooks call with its FHIR content parsed by HAPI. Produced by the edge once the
 * envelope is valid and every required prefetch key is present; the evaluation never sees JSON.
 *
 * @param serviceId the service id called
 * @param hook the hook of the call (equal to the service's hook)
 * @param hookInstance the EHR's id of this call
 * @param patientId the patient id without the {@code Patient/} prefix
 * @param userId {@code context.userId} (may be null)
 * @param encounterId {@code context.encounterId} (may be null)
 * @param draftOrders the {@code MedicationRequest}s of {@code context.draftOrders} (order hooks)
 * @param selections {@code context.selections} as given ({@code MedicationRequest/id}), order-select only
 * @param patient the prefetched or fetched {@code Patient}, when there is one
 * @param medications history {@code MedicationRequest}s (prefetch {@code medications})
 * @param medicationResources {@code Medication} resources from any bundle, for references
 * @param observations prefetch {@code observations}
 * @param conditions prefetch {@code conditions}
 * @param leftOut per prefetch key, the entries not evaluated because the call sent more than {@code
 *     taper.limits.max-entries-per-key} (the oldest); empty when everything was read
 */
public record HookRequest(
        String serviceId,
        Hook hook,
        String hookInstance,
        String patientId,
        String userId,
        String encounterId,
        List<MedicationRequest> draftOrders,
        List<String> selections,
        Patient patient,
        List<MedicationRequest> medications,
        List<Medication> medicationResources,
        List<Observation> observations,
        List<Condition> conditions,
        Map<PrefetchKey, Integer> leftOut) {

    public HookRequest {
        leftOut = Map.copyOf(leftOut);
        draftOrders = List.copyOf(draftOrders);
        selections = List.copyOf(selections);
        medications = List.copyOf(medications);
        medicationResources = List.copyOf(medicationResources);
        observations = List.copyOf(observations);
        conditions = List.copyOf(conditions);
    }

    public Optional<Patient> patientResource() {
        return Optional.ofNullable(patient);
    }
}
