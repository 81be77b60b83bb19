package org.tapercds.fhir;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.ErrorDetail;

/**
 * Completes the prefetch of a call: keys the EHR did not provide, failed to fetch or sent only the
 * first page of are offered to the {@link PrefetchFallback} (counted), and the call is refused with
 * 412 {@code prefetch-missing} naming every key still missing.
 */
@Component
class PrefetchCompletion {

    static final String FALLBACK_CALLS = "taper.prefetch.fallback.calls";
    static final String FALLBACK_FAILURES = "taper.prefetch.fallback.failures";

    private static final Logger log = LoggerFactory.getLogger(PrefetchCompletion.class);

    private final PrefetchFallback fallback;
    private final Counter fallbackCalls;
    private final Counter fallbackFailures;

    PrefetchCompletion(ObjectProvider<PrefetchFallback> fallback, MeterRegistry registry) {
        this.fallback = fallback.getIfAvailable(() -> PrefetchFallback.NONE);
        this.fallbackCalls = Counter.builder(FALLBACK_CALLS)
                .description("Calls of the prefetch fallback for keys the EHR did not provide or failed to fetch")
                .register(registry);
        this.fallbackFailures = Counter.builder(FALLBACK_FAILURES)
                .description("Prefetch fallback calls that failed or left a key missing (answered 412)")
                .register(registry);
    }

    /**
     * Offers absent, failed and partly paged keys to the fallback, then refuses the call if any is
     * still missing. An {@link ApiException} of the fallback (a {@code fhirServer} it may not reach)
     * is the answer.
     */
    Map<PrefetchKey, PrefetchData> complete(
            Map<PrefetchKey, PrefetchData> data, String patientId, Optional<FhirServerAccess> server) {
        Set<PrefetchKey> missing = missingKeys(data);
        if (missing.isEmpty()) {
            return data;
        }
        Map<PrefetchKey, PrefetchData> wanted = new EnumMap<>(PrefetchKey.class);
        missing.forEach(key -> wanted.put(key, data.get(key)));
        Map<PrefetchKey, PrefetchData> completed = new EnumMap<>(data);
        fetchMissing(wanted, patientId, server).forEach((key, fetched) -> {
            if (missing.contains(key) && fetched != null && (fetched.available() || fetched.hasMorePages())) {
                completed.put(key, fetched);
            }
        });
        Set<PrefetchKey> stillMissing = missingKeys(completed);
        if (!stillMissing.isEmpty()) {
            if (fallback != PrefetchFallback.NONE) {
                fallbackFailures.increment();
            }
            List<ErrorDetail> details = stillMissing.stream()
                    .map(key -> new ErrorDetail(message(key, completed.get(key)), key.path()))
                    .toList();
            throw new ApiException(ErrorCode.PREFETCH_MISSING, details);
        }
        return completed;
    }

    private static String message(PrefetchKey key, PrefetchData data) {
        if (data.hasMorePages()) {
            return key.path() + " has more pages (Bundle link next) than could be fetched";
        }
        if (data.status() == PrefetchData.Status.FAILED) {
            return "The EHR failed to fetch " + key.path() + " (OperationOutcome) and it could not be fetched";
        }
        return key.path() + " was not provided and could not be fetched";
    }

    /**
     * Asks the fallback, counting the call. A fallback that throws counts as a failure and fetched
     * nothing, so the call is answered 412 like any other missing key; an {@link ApiException} or a
     * refused EHR token is a deliberate answer and passes. The exception's message is not logged: it may quote the FHIR
     * server's answer about the patient.
     */
    private Map<PrefetchKey, PrefetchData> fetchMissing(
            Map<PrefetchKey, PrefetchData> wanted, String patientId, Optional<FhirServerAccess> server) {
        if (fallback == PrefetchFallback.NONE) {
            return Map.of();
        }
        fallbackCalls.increment();
        try {
            Map<PrefetchKey, PrefetchData> fetched = fallback.fetch(patientId, wanted, server);
            return fetched == null ? Map.of() : fetched;
        } catch (ApiException | AuthenticationException e) {
            // A deliberate answer: a fhirServer it may not reach, or a replayed EHR token found before
            // any fetch (ADR 0015).
            throw e;
        } catch (RuntimeException e) {
            log.warn(
                    "prefetch fallback failed for keys {}: {}",
                    wanted.keySet(),
                    e.getClass().getName());
            return Map.of();
        }
    }

    private static Set<PrefetchKey> missingKeys(Map<PrefetchKey, PrefetchData> data) {
        Set<PrefetchKey> missing = EnumSet.noneOf(PrefetchKey.class);
        data.forEach((key, value) -> {
            if (!value.available()) {
                missing.add(key);
            }
        });
        return missing;
    }
}
