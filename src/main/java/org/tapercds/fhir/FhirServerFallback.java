package org.tapercds.fhir;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;
import org.tapercds.system.ApiException;
import org.tapercds.system.UrlPrefix;

/**
 * The prefetch fallback of SPEC §3: fetches the keys a call lacks from the EHR's {@code fhirServer}
 * with HAPI's generic client, using the discovery templates' queries ({@link PrefetchQueries}) and
 * the call's {@code fhirAuthorization.access_token}, following {@code next} pages up to {@code
 * taper.fhir.fallback.max-pages} per key.
 *
 * <ul>
 *   <li>No {@code fhirServer}: nothing is fetched (the call gets 412).
 *   <li>A {@code fhirServer} the {@link FhirServerPolicy} refuses, or with user info, a query or a
 *       fragment, and a prefetched {@code next} link outside {@code fhirServer}: 400, and no
 *       connection is made.
 *   <li>One hard budget for all fetching of the call ({@code taper.fhir.fallback.budget}, default
 *       1 s), counted from here; the keys are fetched at once ({@link FallbackFetch}).
 *   <li>The fetching runs {@link BlockingSection#outside outside} the call's evaluation slot.
 * </ul>
 */
@Component
@Fallback
class FhirServerFallback implements PrefetchFallback {

    private final FhirClients clients;
    /** Resolved on first use: the templates are built from the rule base, which runs this reader at start-up. */
    private final ObjectProvider<PrefetchQueries> queries;

    private final FhirServerPolicy policy;
    private final BlockingSection blocking;
    private final long budgetNanos;
    private final int maxPages;

    FhirServerFallback(
            FhirClients clients,
            ObjectProvider<PrefetchQueries> queries,
            FhirServerPolicy policy,
            ObjectProvider<BlockingSection> blocking,
            FhirServerProperties properties) {
        this.clients = clients;
        this.queries = queries;
        this.policy = policy;
        this.blocking = blocking.getIfAvailable(() -> BlockingSection.NONE);
        this.budgetNanos = properties.fallback().budget().toNanos();
        this.maxPages = properties.fallback().maxPages();
    }

    @Override
    public Map<PrefetchKey, PrefetchData> fetch(
            String patientId, Map<PrefetchKey, PrefetchData> wanted, Optional<FhirServerAccess> server) {
        if (server.isEmpty() || wanted.isEmpty()) {
            return Map.of();
        }
        FhirServerAccess access = server.get();
        UrlPrefix base = allowedBase(access.baseUrl());
        wanted.forEach((key, given) -> given.nextPage().ifPresent(next -> {
            if (!base.contains(next)) {
                throw ApiException.invalid(key.path(), "has a link next that is not on fhirServer");
            }
        }));
        long deadline = System.nanoTime() + budgetNanos;
        FallbackFetch fetch = new FallbackFetch(clients, queries.getObject(), access, base, deadline, maxPages);
        return blocking.outside(() -> fetch.run(patientId, wanted));
    }

    private UrlPrefix allowedBase(URI fhirServer) {
        UrlPrefix base;
        try {
            base = UrlPrefix.of(fhirServer);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(
                    "fhirServer", "must be an http(s) base URL without user info, query or fragment");
        }
        if (!policy.allows(fhirServer)) {
            throw ApiException.invalid("fhirServer", "is not a FHIR server this service may fetch from");
        }
        return base;
    }
}
