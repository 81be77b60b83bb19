package org.tapercds.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.tapercds.system.ErrorCode;
import org.tapercds.system.ErrorDetail;
import org.tapercds.system.LogSafe;
import org.tapercds.system.OperationOutcomes;

/**
 * Answers every refused CDS Hooks call the same way: 401, {@code WWW-Authenticate: Bearer
 * error="invalid_token"} (a bare {@code Bearer} when no token was sent, as RFC 6750 §3.1 asks) and
 * a fixed {@code OperationOutcome}. Why it was refused goes only to the log (reason, the token's
 * unverified issuer and key id, the path; never the token) and to the counter {@value #REFUSED}.
 */
final class TokenRefusalEntryPoint implements AuthenticationEntryPoint {

    static final String REFUSED = "taper.security.token.refused";
    static final String MESSAGE = "A valid CDS Hooks JWT from a trusted EHR is required";

    private static final Logger log = LoggerFactory.getLogger(TokenRefusalEntryPoint.class);

    private final byte[] body;
    private final Meter.MeterProvider<Counter> refused;

    TokenRefusalEntryPoint(OperationOutcomes outcomes, MeterRegistry registry) {
        this.body = outcomes.write(ErrorCode.INVALID_TOKEN, List.of(new ErrorDetail(MESSAGE, null)));
        this.refused = Counter.builder(REFUSED)
                .description("CDS Hooks calls refused for their EHR token, by reason")
                .withRegistry(registry);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        RefusalReason reason;
        String issuer = null;
        String keyId = null;
        if (e instanceof TokenRefusedException refusal) {
            reason = refusal.reason();
            issuer = refusal.issuer();
            keyId = refusal.keyId();
        } else if (e instanceof OAuth2AuthenticationException) {
            reason = RefusalReason.MALFORMED; // e.g. two Authorization headers, characters outside the token syntax
        } else {
            reason = RefusalReason.MISSING_TOKEN;
        }
        refused.withTags("reason", reason.tag()).increment();
        log.warn(
                "EHR token refused: reason={} issuer={} kid={} {} {}",
                reason.tag(),
                LogSafe.text(issuer),
                LogSafe.text(keyId),
                request.getMethod(),
                LogSafe.text(request.getRequestURI()));
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                reason == RefusalReason.MISSING_TOKEN ? "Bearer" : "Bearer error=\"invalid_token\"");
        response.setContentType(OperationOutcomes.FHIR_JSON.toString());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
