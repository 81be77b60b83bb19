package org.tapercds.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Gives Spring Security's bearer-token filter an authentication for each CDS Hooks request whose
 * expected audience is the exact URL called: {@code taper.public-base-url} + the request path (never
 * the Host header, which the caller controls).
 */
final class EhrAuthenticationResolver implements AuthenticationManagerResolver<HttpServletRequest> {

    private final EhrTokenVerifier verifier;
    private final String publicBaseUrl;

    EhrAuthenticationResolver(EhrTokenVerifier verifier, String publicBaseUrl) {
        this.verifier = verifier;
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        String audience = audience(request);
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            try {
                return new EhrAuthentication(verifier.verify(token, audience));
            } catch (TokenRefusedException e) {
                throw e;
            } catch (RuntimeException e) {
                // Whatever a crafted token makes the parser throw is a refusal (401), not a 500.
                throw new TokenRefusedException(RefusalReason.MALFORMED);
            }
        };
    }

    String audience(HttpServletRequest request) {
        return publicBaseUrl
                + request.getRequestURI().substring(request.getContextPath().length());
    }
}
