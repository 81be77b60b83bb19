package org.tapercds.fhir;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The EHR FHIR servers the service may call and how (the prefetch fallback, SPEC §3).
 *
 * @param allowedServers URL prefixes of the FHIR servers a call may name as {@code fhirServer}
 *     while EHR authentication is off ({@code taper.fhir.allowed-servers}; none by default)
 * @param fallback the fetching limits ({@code taper.fhir.fallback.*})
 */
@ConfigurationProperties("taper.fhir")
public record FhirServerProperties(List<String> allowedServers, Fallback fallback) {

    public FhirServerProperties {
        allowedServers = allowedServers == null
                ? List.of()
                : allowedServers.stream().filter(s -> !s.isBlank()).toList();
        fallback = fallback == null ? new Fallback(null, null, null) : fallback;
    }

    /**
     * @param budget the hard limit on all fetching of one call, connections included ({@code
     *     taper.fhir.fallback.budget}, default 1 s)
     * @param maxPages the most page requests per prefetch key; a search with more pages is answered
     *     412 ({@code taper.fhir.fallback.max-pages}, default 10)
     * @param threads fetches running at once across all calls, and pooled connections per server
     *     ({@code taper.fhir.fallback.threads}, default 16); a fetch that finds none free before the
     *     budget ends fails
     */
    public record Fallback(Duration budget, Integer maxPages, Integer threads) {

        public Fallback {
            budget = budget == null ? Duration.ofSeconds(1) : budget;
            maxPages = maxPages == null ? 10 : maxPages;
            threads = threads == null ? 16 : threads;
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("taper.fhir.fallback.budget must be positive");
            }
            if (maxPages < 1) {
                throw new IllegalArgumentException("taper.fhir.fallback.max-pages must be at least 1");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("taper.fhir.fallback.threads must be at least 1");
            }
        }
    }
}
