package org.tapercds.security;

/**
 * Why an EHR token was refused: logged and counted ({@code taper.security.token.refused}, tag
 * {@code reason}), never sent to the caller. The tag values are stable.
 */
enum RefusalReason {
    MISSING_TOKEN("missing-token"),
    MALFORMED("malformed"),
    ALG_NOT_ALLOWED("alg-not-allowed"),
    BAD_TYP("bad-typ"),
    UNKNOWN_ISSUER("unknown-issuer"),
    JKU_NOT_ALLOWED("jku-not-allowed"),
    UNKNOWN_KEY("unknown-key"),
    BAD_SIGNATURE("bad-signature"),
    JWKS_UNAVAILABLE("jwks-unavailable"),
    WRONG_AUDIENCE("wrong-audience"),
    MISSING_EXP("missing-exp"),
    EXPIRED("expired"),
    LIFETIME_TOO_LONG("lifetime-too-long"),
    MISSING_IAT("missing-iat"),
    IAT_IN_FUTURE("iat-in-future"),
    NOT_YET_VALID("not-yet-valid"),
    MISSING_JTI("missing-jti"),
    REPLAYED("replayed"),
    /** The replay store's check failed (not the database being away): refused, never let through. */
    REPLAY_CHECK_FAILED("replay-check-failed"),
    WRONG_TENANT("wrong-tenant");

    private final String tag;

    RefusalReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
