package org.tapercds.fhir;

import java.util.Map;
import java.util.Optional;

/**
 * Fills prefetch keys the EHR did not provide (absent), failed to fetch ({@code OperationOutcome})
 * or provided only in part (a Bundle with a {@code next} page), before the service decides to
 * answer 412. The service's implementation is {@link FhirServerFallback} (HAPI's generic client, a
 * hard time budget, only to an allowed {@code fhirServer}); a bean of this type registered by a
 * deployment or a test replaces it.
 *
 * <p>It is called while the call holds an evaluation slot ({@code hooks.EvaluationGate}, one per
 * core; ADR 0005). An implementation that does network I/O must do it through {@link
 * BlockingSection#outside}, which gives the slot up meanwhile (ADR 0009): two slow fetches holding
 * the slots would stall every other call.
 */
public interface PrefetchFallback {

    /**
     * @param patientId the patient id (no {@code Patient/} prefix)
     * @param wanted the keys still missing, with what the request held for each: {@link
     *     PrefetchData#ABSENT}, {@link PrefetchData#FAILED}, or the first part of a paged search
     *     ({@link PrefetchData#hasMorePages()})
     * @param server the EHR's FHIR server from the request, when it offered one
     * @return the data found, by key, complete (for a paged key: the given resources and the
     *     fetched pages); keys it could not fetch are left out or map to non-available data
     * @throws org.tapercds.system.ApiException to refuse the call (e.g. 400 for a {@code fhirServer}
     *     the service may not reach); any other exception counts as "nothing fetched" (412)
     */
    Map<PrefetchKey, PrefetchData> fetch(
            String patientId, Map<PrefetchKey, PrefetchData> wanted, Optional<FhirServerAccess> server);

    /** No FHIR client: nothing is fetched and missing keys lead to 412. */
    PrefetchFallback NONE = (patientId, wanted, server) -> Map.of();
}
