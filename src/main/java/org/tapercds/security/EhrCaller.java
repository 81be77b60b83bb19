package org.tapercds.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.tapercds.system.UrlPrefix;

/**
 * The EHR whose JWT authenticated the current CDS Hooks call: its issuer, the tenant the token
 * named (if the issuer's allow-list checked it) and the FHIR servers it may send as {@code fhirServer} (the issuer's configured
 * {@code fhir-servers} URL prefixes).
 *
 * @param issuer the verified {@code iss}
 * @param tenant the token's {@code tenant} claim, when the issuer's {@code tenants} allow-list
 *     checked it (empty for an issuer without one: the claim is then not verified)
 * @param fhirServers URL prefixes from {@code taper.security.ehr.issuers[i].fhir-servers}
 */
public record EhrCaller(String issuer, Optional<String> tenant, List<String> fhirServers) {

    public EhrCaller {
        fhirServers = List.copyOf(fhirServers);
    }

    /**
     * The caller of the request being handled on this thread. Empty when EHR authentication is off
     * ({@code taper.security.ehr.enabled=false}, local profile only): then no caller is known and a
     * FHIR-server fallback uses its own allow-list. With authentication on, a CDS Hooks request only
     * reaches a controller with a caller.
     */
    public static Optional<EhrCaller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof EhrAuthentication ehr ? Optional.of(ehr.getPrincipal()) : Optional.empty();
    }

    /**
     * Waits for the replay store's answer on the current call's token and refuses the call (401,
     * reason {@code replayed}) when the token was used before, or (reason {@code replay-check-failed})
     * when the store could not check it. The shared store's insert runs beside
     * the call (ADR 0015), so a controller calls this before it fetches, stores or answers anything.
     * Without EHR authentication it does nothing.
     */
    public static void confirmFirstUse() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof EhrAuthentication ehr) {
            ehr.confirmFirstUse();
        }
    }

    /**
     * Whether {@code fhirServer} lies under one of {@link #fhirServers()}: same scheme, host and port,
     * no user info, and a path equal to the prefix's or below it at a {@code /} boundary (so
     * {@code https://fhir.example.org/R4} admits {@code .../R4/} and {@code .../R4/x} but not
     * {@code .../R4x} or {@code https://fhir.example.org.evil.test/R4}).
     */
    public boolean allowsFhirServer(String fhirServer) {
        return fhirServers.stream().anyMatch(prefix -> {
            try {
                return UrlPrefix.of(prefix).contains(fhirServer);
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }
}
