package org.tapercds.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Gives Spring Security's bearer-token filter an authentication for each CDS Hooks request whose
 * expected audience is the exact URL called: {@code taper.public-base-url} + the request path (never
 * the Host header, which the caller controls). Times each check ({@value #CHECK}: parse, signature,
 * claims and starting the replay store's check, accepted or refused), which is what the check adds
 * to a call before its controller runs.
 */
final class EhrAuthenticationResolver implements AuthenticationManagerResolver<HttpServletRequest> {

    static final String CHECK = "taper.security.token.check";

    private final EhrTokenVerifier verifier;
    private final String publicBaseUrl;
    private final Timer checks;

    EhrAuthenticationResolver(EhrTokenVerifier verifier, String publicBaseUrl, MeterRegistry registry) {
        this.verifier = verifier;
        this.checks = Timer.builder(CHECK)
                .description("Time to check an EHR token: parse, signature, claims and starting the replay check")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        String audience = audience(request);
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            long start = System.nanoTime();
            try {
                return verifier.authenticate(token, audience);
            } catch (TokenRefusedException e) {
                throw e;
            } catch (RuntimeException e) {
                // Whatever a crafted token makes the parser throw is a refusal (401), not a 500.
                throw new TokenRefusedException(RefusalReason.MALFORMED);
            } finally {
                checks.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    String audience(HttpServletRequest request) {
        return publicBaseUrl
                + request.getRequestURI().substring(request.getContextPath().length());
    }
}
