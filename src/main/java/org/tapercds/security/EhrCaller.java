package org.tapercds.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The EHR whose JWT authenticated the current CDS Hooks call: its issuer, the tenant the token
 * named (if any) and the FHIR servers it may send as {@code fhirServer} (the issuer's configured
 * {@code fhir-servers} URL prefixes).
 *
 * @param issuer the verified {@code iss}
 * @param tenant the verified {@code tenant} claim, when the token has one
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
     * Whether {@code fhirServer} lies under one of {@link #fhirServers()}: same scheme, host and port,
     * no user info, and a path equal to the prefix's or below it at a {@code /} boundary (so
     * {@code https://fhir.example.org/R4} admits {@code .../R4/} and {@code .../R4/x} but not
     * {@code .../R4x} or {@code https://fhir.example.org.evil.test/R4}).
     */
    public boolean allowsFhirServer(String fhirServer) {
        return fhirServers.stream().anyMatch(prefix -> isUnder(fhirServer, prefix));
    }

    static boolean isUnder(String candidate, String prefix) {
        URI url;
        URI base;
        try {
            url = new URI(candidate).normalize();
            base = new URI(prefix).normalize();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (!url.isAbsolute() || url.getRawUserInfo() != null || url.getHost() == null || base.getHost() == null) {
            return false;
        }
        if (!url.getScheme().equalsIgnoreCase(base.getScheme())
                || !url.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
                || port(url) != port(base)) {
            return false;
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (path.contains("/../") || path.endsWith("/..")) {
            return false;
        }
        String root = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : "http".equalsIgnoreCase(url.getScheme()) ? 80 : -1;
    }
}
