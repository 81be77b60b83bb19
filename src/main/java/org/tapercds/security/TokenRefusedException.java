package org.tapercds.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * A refused EHR token, with the reason for the log and the metric. The issuer and key id are the
 * token's own unverified claims (for the operator's log), never the token.
 */
final class TokenRefusedException extends OAuth2AuthenticationException {

    private static final BearerTokenError INVALID_TOKEN = BearerTokenErrors.invalidToken("Invalid token");

    private final RefusalReason reason;
    private final String issuer;
    private final String keyId;

    TokenRefusedException(RefusalReason reason, String issuer, String keyId) {
        super(INVALID_TOKEN, reason.tag());
        this.reason = reason;
        this.issuer = issuer;
        this.keyId = keyId;
    }

    TokenRefusedException(RefusalReason reason) {
        this(reason, null, null);
    }

    RefusalReason reason() {
        return reason;
    }

    String issuer() {
        return issuer;
    }

    String keyId() {
        return keyId;
    }
}
