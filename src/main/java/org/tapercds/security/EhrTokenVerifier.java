package org.tapercds.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a CDS Hooks JWT (CDS Hooks 2.0 "Trusting CDS Clients") with Nimbus JOSE: the signature
 * against the issuer's JWKS (cached, refreshed on an unknown {@code kid}, rate limited), then the
 * claims. The {@code iss} is read before the signature is checked only to choose the issuer's key
 * set; nothing else is trusted until the signature holds.
 */
final class EhrTokenVerifier {

    private static final int MAX_JTI_LENGTH = 256;

    private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
    private final Set<JWSAlgorithm> algorithms;
    private final Duration skew;
    private final Duration replayWindow;
    private final ReplayStore replays;
    private final Clock clock;

    EhrTokenVerifier(EhrSecurityProperties properties, ReplayStore replays, Clock clock) {
        this.algorithms = algorithms(properties.algorithms());
        this.skew = properties.clockSkew();
        this.replayWindow = properties.replayWindow();
        this.replays = replays;
        this.clock = clock;
        if (skew.isNegative() || replayWindow.isNegative() || replayWindow.isZero()) {
            throw new IllegalStateException(
                    "taper.security.ehr.clock-skew must not be negative and replay-window must be positive");
        }
        if (properties.issuers().isEmpty()) {
            throw new IllegalStateException("taper.security.ehr.enabled=true needs at least one trusted EHR in "
                    + "taper.security.ehr.issuers[i] (see docs/security.md)");
        }
        for (int i = 0; i < properties.issuers().size(); i++) {
            EhrSecurityProperties.Issuer issuer = properties.issuers().get(i);
            String name = "taper.security.ehr.issuers[" + i + "]";
            if (issuer.issuer() == null || issuer.issuer().isBlank()) {
                throw new IllegalStateException(name + ".issuer is required");
            }
            if (issuers.containsKey(issuer.issuer())) {
                throw new IllegalStateException(name + ".issuer repeats " + issuer.issuer());
            }
            issuers.put(issuer.issuer(), new TrustedIssuer(name, issuer, algorithms, properties.jwksRefreshInterval()));
        }
    }

    /** {@link #authenticate}, waiting for the replay store's answer. */
    EhrCaller verify(String token, String audience) {
        EhrAuthentication authentication = authenticate(token, audience);
        authentication.confirmFirstUse();
        return authentication.getPrincipal();
    }

    /**
     * @param token the bearer token
     * @param audience the exact URL of the endpoint called
     * @return the verified caller, with the replay store's answer perhaps still on its way
     * @throws TokenRefusedException with the reason, when any check fails
     */
    EhrAuthentication authenticate(String token, String audience) {
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        String keyId = header.getKeyID();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new TokenRefusedException(RefusalReason.ALG_NOT_ALLOWED, null, keyId);
        }
        if (header.getType() != null && !"JWT".equalsIgnoreCase(header.getType().getType())) {
            throw new TokenRefusedException(RefusalReason.BAD_TYP, null, keyId);
        }
        JWTClaimsSet unverified = claims(jwt);
        String iss = unverified.getIssuer();
        TrustedIssuer trusted = iss == null ? null : issuers.get(iss);
        if (trusted == null) {
            throw new TokenRefusedException(RefusalReason.UNKNOWN_ISSUER, iss, keyId);
        }
        DefaultJWTProcessor<SecurityContext> processor = trusted.processorFor(header.getJWKURL());
        if (processor == null) {
            throw new TokenRefusedException(RefusalReason.JKU_NOT_ALLOWED, iss, keyId);
        }
        JWTClaimsSet claims = verifySignature(processor, jwt, iss, keyId);
        return checkClaims(claims, trusted.config(), audience, keyId);
    }

    private EhrAuthentication checkClaims(
            JWTClaimsSet claims, EhrSecurityProperties.Issuer issuer, String audience, String keyId) {
        String iss = issuer.issuer();
        Instant now = clock.instant();
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new TokenRefusedException(RefusalReason.WRONG_AUDIENCE, iss, keyId);
        }
        Instant exp = instant(claims.getExpirationTime());
        if (exp == null) {
            throw new TokenRefusedException(RefusalReason.MISSING_EXP, iss, keyId);
        }
        if (!now.isBefore(exp.plus(skew))) {
            throw new TokenRefusedException(RefusalReason.EXPIRED, iss, keyId);
        }
        // A token that outlives the replay window could be replayed once its jti is forgotten.
        if (exp.isAfter(now.plus(replayWindow))) {
            throw new TokenRefusedException(RefusalReason.LIFETIME_TOO_LONG, iss, keyId);
        }
        Instant iat = instant(claims.getIssueTime());
        if (iat == null) {
            throw new TokenRefusedException(RefusalReason.MISSING_IAT, iss, keyId);
        }
        if (iat.isAfter(now.plus(skew))) {
            throw new TokenRefusedException(RefusalReason.IAT_IN_FUTURE, iss, keyId);
        }
        Instant nbf = instant(claims.getNotBeforeTime());
        if (nbf != null && nbf.isAfter(now.plus(skew))) {
            throw new TokenRefusedException(RefusalReason.NOT_YET_VALID, iss, keyId);
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            throw new TokenRefusedException(RefusalReason.MISSING_JTI, iss, keyId);
        }
        Optional<String> tenant = tenant(claims);
        if (!issuer.tenants().isEmpty()
                && (tenant.isEmpty() || !issuer.tenants().contains(tenant.get()))) {
            throw new TokenRefusedException(RefusalReason.WRONG_TENANT, iss, keyId);
        }
        // Last: a token refused for another reason does not use up its jti. It is remembered until the
        // token expires (exp + skew, within the replay window: longer lifetimes are refused above):
        // after that a replay is refused as expired, so keeping it longer would only cost memory
        // (at 1,500 calls a second, a 5-minute token kept for an hour is 12 times the entries).
        FirstUse firstUse = replays.start(iss, jti, exp.plus(skew));
        RefusalReason known = firstUse.knownRefusal();
        if (known != null) {
            throw new TokenRefusedException(known, iss, keyId);
        }
        // The tenant is carried only when the issuer's allow-list checked it: an unchecked claim could
        // name anything (it would pick the caller's share of the evaluation slots, ADR 0013).
        EhrCaller caller =
                new EhrCaller(iss, issuer.tenants().isEmpty() ? Optional.empty() : tenant, issuer.fhirServers());
        return new EhrAuthentication(caller, firstUse, keyId);
    }

    private static SignedJWT parse(String token) {
        // Only base64url and the dots (RFC 7515 §7.1): Nimbus also decodes + and /, so a signature
        // re-spelt with them would verify as the same token.
        if (!isCompact(token)) {
            throw new TokenRefusedException(RefusalReason.MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new TokenRefusedException(RefusalReason.MALFORMED);
        }
        if (jwt instanceof PlainJWT) {
            throw new TokenRefusedException(RefusalReason.ALG_NOT_ALLOWED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new TokenRefusedException(RefusalReason.MALFORMED); // encrypted
        }
        return signed;
    }

    /** Whether every character is base64url or a dot (a loop: the regex took 7 % of a token's check in JMH). */
    private static boolean isCompact(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRefusedException(
                    RefusalReason.MALFORMED, null, jwt.getHeader().getKeyID());
        }
    }

    private static JWTClaimsSet verifySignature(
            DefaultJWTProcessor<SecurityContext> processor, SignedJWT jwt, String iss, String keyId) {
        try {
            return processor.process(jwt, null);
        } catch (BadJWSException e) {
            throw new TokenRefusedException(RefusalReason.BAD_SIGNATURE, iss, keyId);
        } catch (BadJOSEException e) {
            // "Another algorithm expected, or no matching key(s) found", after a refresh of the JWKS
            throw new TokenRefusedException(RefusalReason.UNKNOWN_KEY, iss, keyId);
        } catch (RateLimitReachedException e) {
            throw new TokenRefusedException(RefusalReason.UNKNOWN_KEY, iss, keyId);
        } catch (KeySourceException e) {
            throw new TokenRefusedException(RefusalReason.JWKS_UNAVAILABLE, iss, keyId);
        } catch (JOSEException e) {
            throw new TokenRefusedException(RefusalReason.BAD_SIGNATURE, iss, keyId);
        }
    }

    private static Optional<String> tenant(JWTClaimsSet claims) {
        Object tenant = claims.getClaim("tenant");
        return tenant instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** RSA and EC signature algorithms only: {@code none} and HMAC (a shared secret) are refused at start. */
    static Set<JWSAlgorithm> algorithms(List<String> names) {
        Set<JWSAlgorithm> allowed = new HashSet<>();
        for (String name : names) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim());
            if (!JWSAlgorithm.Family.RSA.contains(algorithm) && !JWSAlgorithm.Family.EC.contains(algorithm)) {
                throw new IllegalStateException("taper.security.ehr.algorithms: " + name
                        + " is not allowed (RSA or EC signatures only, e.g. RS384, ES384; never none or HS*)");
            }
            allowed.add(algorithm);
        }
        if (allowed.isEmpty()) {
            throw new IllegalStateException("taper.security.ehr.algorithms is empty");
        }
        return Set.copyOf(allowed);
    }
}
