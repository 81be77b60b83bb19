package org.tapercds.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code taper.security.ehr.*}: which EHRs may call the CDS Hooks endpoints (docs/security.md).
 * Checked at start-up by {@link EhrTokenVerifier} (issuers, algorithms) and {@link AuthOffGuard}
 * (auth off only on loopback).
 *
 * @param enabled whether every CDS Hooks call needs a valid EHR JWT; {@code false} only in the local
 *     default profile bound to loopback
 * @param algorithms the JWS algorithms accepted (RSA or EC signatures only; never {@code none}, never HMAC)
 * @param clockSkew tolerance for {@code exp}, {@code iat} and {@code nbf}
 * @param replayWindow how long a {@code jti} is remembered; a token may not live longer than this
 * @param jwksRefreshInterval the shortest interval between JWKS downloads of one key set (Nimbus's
 *     rate limiter allows two per interval: the regular refresh and one for an unknown {@code kid})
 * @param issuers the trusted EHRs
 */
@ConfigurationProperties("taper.security.ehr")
public record EhrSecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"RS384", "ES384"}) List<String> algorithms,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("1h") Duration replayWindow,
        @DefaultValue("1m") Duration jwksRefreshInterval,
        List<Issuer> issuers) {

    public EhrSecurityProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        algorithms = List.copyOf(algorithms);
    }

    /**
     * One trusted EHR.
     *
     * @param issuer the exact {@code iss} of its tokens
     * @param jwksUri its public keys: {@code https:} (or {@code http:}) URL, or a {@code file:} JWKS
     * @param allowedJku the {@code jku} URLs its tokens may name instead (a {@code jku} elsewhere is refused)
     * @param tenants when not empty, the {@code tenant} claim must be one of these
     * @param fhirServers URL prefixes this EHR may name as {@code fhirServer}
     */
    public record Issuer(
            String issuer, URI jwksUri, List<URI> allowedJku, List<String> tenants, List<String> fhirServers) {

        public Issuer {
            allowedJku = allowedJku == null ? List.of() : List.copyOf(allowedJku);
            tenants = tenants == null
                    ? List.of()
                    : tenants.stream().filter(t -> !t.isBlank()).toList();
            fhirServers = fhirServers == null
                    ? List.of()
                    : fhirServers.stream().filter(s -> !s.isBlank()).toList();
        }
    }
}
