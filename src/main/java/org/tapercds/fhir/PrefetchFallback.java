package org.tapercds.fhir;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fills prefetch keys the EHR did not provide (absent) or failed to fetch ({@code
 * OperationOutcome}), before the service decides to answer 412. The default fetches nothing; a
 * FHIR-client implementation registered as a bean replaces it.
 *
 * <p>It is called while the call holds an evaluation slot ({@code hooks.EvaluationGate}, one per
 * core; ADR 0005). A client that does network I/O must not run there: move the fetch before the
 * gate (or release the slot around it), or two slow fetches stall every other call.
 */
public interface PrefetchFallback {

    /**
     * @param patientId the patient id (no {@code Patient/} prefix)
     * @param keys the keys still missing
     * @param server the EHR's FHIR server from the request, when it offered one
     * @return the data found, by key; keys it could not fetch are left out (or map to a
     *     non-available {@link PrefetchData})
     */
    Map<PrefetchKey, PrefetchData> fetch(String patientId, Set<PrefetchKey> keys, Optional<FhirServerAccess> server);

    /** The default: no FHIR client, so nothing is fetched and missing keys lead to 412. */
    PrefetchFallback NONE = (patientId, keys, server) -> Map.of();
}
