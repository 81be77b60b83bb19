package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapercds.security.TestTokens.claims;
import static org.tapercds.security.TestTokens.jwks;
import static org.tapercds.security.TestTokens.sign;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every check of a CDS Hooks JWT, with keys generated here, a JWKS served over HTTP on loopback (or
 * from a file) and a fixed clock. Each refusal names its reason.
 */
class EhrTokenVerifierTests {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String EHR = "https://ehr.example.org";
    static final String OTHER_EHR = "https://other-ehr.example.org";
    static final String AUD = "https://taper-cds.example.org/cds-services/benzo-taper-order-sign";
    static final String FHIR = "https://fhir.example.org/R4";

    static final RSAKey RSA = TestTokens.rsaKey("rsa-1");
    static final ECKey EC = TestTokens.ecKey("ec-1");
    static final RSAKey OTHER_RSA = TestTokens.rsaKey("other-1");
    static final RSAKey JKU_RSA = TestTokens.rsaKey("jku-1");

    static JwksServer keys;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private EhrTokenVerifier verifier;

    @BeforeAll
    static void startKeyServer() {
        keys = new JwksServer();
        keys.serve("/ehr/jwks.json", jwks(RSA, EC));
        keys.serve("/other/jwks.json", jwks(OTHER_RSA));
        keys.serve("/ehr/jku.json", jwks(JKU_RSA));
        keys.serve("/elsewhere/jwks.json", jwks(JKU_RSA));
    }

    @AfterAll
    static void stopKeyServer() {
        keys.close();
    }

    @BeforeEach
    void newVerifier() {
        verifier = verifier(properties(
                List.of(ehr(keys.url("/ehr/jwks.json"), List.of("tenant-a")), other(keys.url("/other/jwks.json")))));
    }

    @Test
    void acceptsAValidRs384TokenAndNamesTheCaller() {
        EhrCaller caller =
                verifier.verify(sign(RSA, valid().claim("tenant", "tenant-a").build()), AUD);

        assertThat(caller.issuer()).isEqualTo(EHR);
        assertThat(caller.tenant()).contains("tenant-a");
        assertThat(caller.fhirServers()).containsExactly(FHIR);
    }

    @Test
    void acceptsAValidEs384Token() {
        assertThat(verifier.verify(sign(EC, tenantA().build()), AUD).issuer()).isEqualTo(EHR);
    }

    @Test
    void toleratesEpicsSubAndAnNbfThatHasPassed() {
        JWTClaimsSet claims = tenantA()
                .subject("epic-client-id")
                .notBeforeTime(Date.from(NOW.minusSeconds(5)))
                .build();

        assertThat(verifier.verify(sign(RSA, claims), AUD).issuer()).isEqualTo(EHR);
    }

    @Test
    void acceptsATokenWithoutTyp() {
        String token = sign(RSA, tenantA().build(), header -> header.type(null));

        assertThat(verifier.verify(token, AUD).issuer()).isEqualTo(EHR);
    }

    @Test
    void refusesAlgNone() {
        String token = new PlainJWT(tenantA().build()).serialize();

        assertRefused(() -> verifier.verify(token, AUD), RefusalReason.ALG_NOT_ALLOWED);
    }

    @Test
    void refusesHs256SignedWithThePublicKeyAsSecret() throws Exception {
        byte[] publicKeyAsSecret = RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String token = TestTokens.sign(
                new MACSigner(publicKeyAsSecret),
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(RSA.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                tenantA().build());

        assertRefused(() -> verifier.verify(token, AUD), RefusalReason.ALG_NOT_ALLOWED);
    }

    @Test
    void refusesAnRsaAlgorithmThatIsNotOnTheAllowList() throws Exception {
        String token = TestTokens.sign(
                new com.nimbusds.jose.crypto.RSASSASigner(RSA),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID()).build(),
                tenantA().build());

        assertRefused(() -> verifier.verify(token, AUD), RefusalReason.ALG_NOT_ALLOWED);
    }

    @Test
    void refusesATypOtherThanJwt() {
        String token = sign(RSA, tenantA().build(), header -> header.type(new JOSEObjectType("at+jwt")));

        assertRefused(() -> verifier.verify(token, AUD), RefusalReason.BAD_TYP);
    }

    @Test
    void refusesAnIssuerThatIsNotTrusted() {
        JWTClaimsSet claims =
                tenantA().issuer("https://ehr.example.org.evil.test").build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.UNKNOWN_ISSUER);
    }

    @Test
    void refusesATokenThatNamesAnotherTrustedIssuerThanTheOneWhoseKeySignedIt() {
        // Signed with EHR's key but claiming OTHER_EHR: checked against OTHER_EHR's key set only.
        JWTClaimsSet claims = tenantA().issuer(OTHER_EHR).build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.UNKNOWN_KEY);
    }

    @Test
    void refusesAnUnknownKid() {
        RSAKey stranger = TestTokens.rsaKey("not-in-the-jwks");

        assertRefused(() -> verifier.verify(sign(stranger, tenantA().build()), AUD), RefusalReason.UNKNOWN_KEY);
    }

    @Test
    void refusesAKnownKidSignedByAnotherKey() {
        RSAKey impostor = TestTokens.rsaKey(RSA.getKeyID());

        assertRefused(() -> verifier.verify(sign(impostor, tenantA().build()), AUD), RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void refusesATamperedPayload() {
        String token = sign(RSA, tenantA().build());
        String tampered =
                TestTokens.withPayload(token, tenantA().subject("someone-else").build());

        assertRefused(() -> verifier.verify(tampered, AUD), RefusalReason.BAD_SIGNATURE);
    }

    @Test
    void refusesAnExpiredToken() {
        JWTClaimsSet claims = tenantA()
                .issueTime(Date.from(NOW.minusSeconds(600)))
                .expirationTime(Date.from(NOW.minusSeconds(31)))
                .build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.EXPIRED);
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() {
        JWTClaimsSet claims = tenantA()
                .issueTime(Date.from(NOW.minusSeconds(300)))
                .expirationTime(Date.from(NOW.minusSeconds(29)))
                .build();

        assertThat(verifier.verify(sign(RSA, claims), AUD).issuer()).isEqualTo(EHR);
    }

    @Test
    void refusesATokenWithoutExp() {
        JWTClaimsSet claims = tenantA().expirationTime(null).build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.MISSING_EXP);
    }

    @Test
    void refusesATokenThatLivesLongerThanTheReplayWindow() {
        JWTClaimsSet claims = tenantA()
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(2))))
                .build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.LIFETIME_TOO_LONG);
    }

    @Test
    void refusesAnIatInTheFuture() {
        JWTClaimsSet claims = tenantA()
                .issueTime(Date.from(NOW.plusSeconds(60)))
                .expirationTime(Date.from(NOW.plusSeconds(360)))
                .build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.IAT_IN_FUTURE);
    }

    @Test
    void acceptsAnIatWithinTheClockSkew() {
        JWTClaimsSet claims =
                tenantA().issueTime(Date.from(NOW.plusSeconds(29))).build();

        assertThat(verifier.verify(sign(RSA, claims), AUD).issuer()).isEqualTo(EHR);
    }

    @Test
    void refusesATokenWithoutIat() {
        JWTClaimsSet claims = tenantA().issueTime(null).build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.MISSING_IAT);
    }

    @Test
    void honoursNbf() {
        JWTClaimsSet claims =
                tenantA().notBeforeTime(Date.from(NOW.plusSeconds(60))).build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.NOT_YET_VALID);
    }

    @Test
    void refusesTheAudienceOfAnotherEndpoint() {
        JWTClaimsSet claims = tenantA()
                .audience("https://taper-cds.example.org/cds-services/benzo-taper-patient-view")
                .build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.WRONG_AUDIENCE);
    }

    @Test
    void refusesAnAudienceThatOnlyStartsWithTheEndpointUrl() {
        JWTClaimsSet claims = tenantA().audience(AUD + "/feedback").build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.WRONG_AUDIENCE);
    }

    @Test
    void refusesAReplayedJti() {
        String token = sign(RSA, tenantA().build());
        verifier.verify(token, AUD);

        assertRefused(() -> verifier.verify(token, AUD), RefusalReason.REPLAYED);
    }

    /** A store that could not check is a refusal of its own, not a replay (nor a pass). */
    @Test
    void refusesATokenTheReplayStoreCouldNotCheck() {
        ReplayStore broken = new ReplayStore() {
            @Override
            public boolean firstUse(String issuer, String jti, Instant forgetAfter) {
                throw new IllegalStateException("a bug in the store");
            }

            @Override
            public FirstUse start(String issuer, String jti, Instant forgetAfter) {
                return new FirstUse(
                        java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("a bug")));
            }
        };
        EhrTokenVerifier checking = new EhrTokenVerifier(
                properties(List.of(ehr(keys.url("/ehr/jwks.json"), List.of("tenant-a")))), broken, clock);

        assertRefused(() -> checking.verify(sign(RSA, tenantA().build()), AUD), RefusalReason.REPLAY_CHECK_FAILED);
    }

    @Test
    void refusesAReusedJtiInANewTokenOfTheSameIssuer() {
        JWTClaimsSet first = tenantA().jwtID("jti-1").build();
        verifier.verify(sign(RSA, first), AUD);

        assertRefused(() -> verifier.verify(sign(EC, tenantA().jwtID("jti-1").build()), AUD), RefusalReason.REPLAYED);
    }

    @Test
    void refusesATokenWithoutJti() {
        JWTClaimsSet claims = tenantA().jwtID(null).build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.MISSING_JTI);
    }

    @Test
    void refusesAValidTokenForTheWrongTenant() {
        JWTClaimsSet claims = valid().claim("tenant", "tenant-b").build();

        assertRefused(() -> verifier.verify(sign(RSA, claims), AUD), RefusalReason.WRONG_TENANT);
    }

    @Test
    void refusesATokenWithoutTenantWhenTheIssuerHasTenants() {
        assertRefused(() -> verifier.verify(sign(RSA, valid().build()), AUD), RefusalReason.WRONG_TENANT);
    }

    @Test
    void acceptsAnyTenantWhenTheIssuerHasNoneButDoesNotCarryTheUncheckedClaim() {
        JWTClaimsSet claims = claims(OTHER_EHR, AUD, NOW).claim("tenant", "x").build();

        // Not checked, so not the caller's: it would pick a share of the evaluation slots (ADR 0013).
        assertThat(verifier.verify(sign(OTHER_RSA, claims), AUD).tenant()).isEmpty();
    }

    @Test
    void refusesAJkuThatIsNotAllowListed() {
        String token = sign(JKU_RSA, tenantA().build(), header -> header.jwkURL(keys.url("/elsewhere/jwks.json")));

        assertRefused(() -> verifier.verify(token, AUD), RefusalReason.JKU_NOT_ALLOWED);
    }

    @Test
    void honoursAnAllowListedJku() {
        String token = sign(JKU_RSA, tenantA().build(), header -> header.jwkURL(keys.url("/ehr/jku.json")));

        assertThat(verifier.verify(token, AUD).issuer()).isEqualTo(EHR);
    }

    /**
     * Seeded random changes of one character of a valid token (never the last character of a part,
     * whose spare bits may not change the decoded bytes): each is refused with a reason, none is
     * accepted and none throws anything else.
     */
    @Test
    void refusesEveryOneCharacterChangeOfAValidToken() {
        String token = sign(RSA, tenantA().build());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u0000\"{";
        Random random = new Random(20261122L);
        Set<RefusalReason> seen = EnumSet.noneOf(RefusalReason.class);
        for (int i = 0; i < 300; i++) {
            int at = random.nextInt(token.length() - 1);
            char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            if (token.charAt(at) == '.' || token.charAt(at + 1) == '.' || token.charAt(at) == replacement) {
                continue;
            }
            String mutated = token.substring(0, at) + replacement + token.substring(at + 1);

            assertThatThrownBy(() -> verifier.verify(mutated, AUD))
                    .as("token changed at %d to %s", at, replacement)
                    .isInstanceOfSatisfying(TokenRefusedException.class, e -> seen.add(e.reason()));
        }
        assertThat(seen).contains(RefusalReason.BAD_SIGNATURE, RefusalReason.MALFORMED);
    }

    /** A signature re-spelt in the standard base64 alphabet decodes to the same bytes; it is refused all the same. */
    @Test
    void refusesATokenSpeltOutsideBase64url() {
        String token = sign(RSA, tenantA().build());
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String respelt = token.substring(0, token.lastIndexOf('.') + 1)
                + signature.replace('-', '+').replace('_', '/');
        org.junit.jupiter.api.Assumptions.assumeFalse(respelt.equals(token), "the signature has no - or _");

        assertRefused(() -> verifier.verify(respelt, AUD), RefusalReason.MALFORMED);
    }

    @Test
    void refusesSomethingThatIsNotAJwt() {
        assertRefused(() -> verifier.verify("not.a.jwt", AUD), RefusalReason.MALFORMED);
    }

    @Test
    void acceptsARotatedKeyWithoutARestartAndRefreshesAtMostTwiceAMinute() {
        RSAKey old = TestTokens.rsaKey("2026-11");
        RSAKey rotated = TestTokens.rsaKey("2026-12");
        RSAKey later = TestTokens.rsaKey("2027-01");
        keys.serve("/rotating/jwks.json", jwks(old));
        EhrTokenVerifier rotating = verifier(properties(List.of(other(keys.url("/rotating/jwks.json")))));
        assertThat(rotating.verify(sign(old, claims(OTHER_EHR, AUD, NOW).build()), AUD)
                        .issuer())
                .isEqualTo(OTHER_EHR);

        keys.serve("/rotating/jwks.json", jwks(old, rotated));

        assertThat(rotating.verify(sign(rotated, claims(OTHER_EHR, AUD, NOW).build()), AUD)
                        .issuer())
                .isEqualTo(OTHER_EHR);
        assertThat(keys.fetches("/rotating/jwks.json")).isEqualTo(2);

        // A third key set within the minute is not downloaded: unknown kids cannot flood the EHR.
        keys.serve("/rotating/jwks.json", jwks(old, rotated, later));
        assertRefused(
                () -> rotating.verify(sign(later, claims(OTHER_EHR, AUD, NOW).build()), AUD),
                RefusalReason.UNKNOWN_KEY);
        assertThat(keys.fetches("/rotating/jwks.json")).isEqualTo(2);
    }

    @Test
    void readsARewrittenJwksFileWithoutARestart(@TempDir Path dir) throws Exception {
        RSAKey rotated = TestTokens.rsaKey("file-2");
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, jwks(RSA));
        EhrTokenVerifier fromFile = verifier(properties(List.of(ehr(file.toUri(), List.of()))));
        assertThat(fromFile.verify(sign(RSA, valid().build()), AUD).issuer()).isEqualTo(EHR);

        Files.writeString(file, jwks(RSA, rotated));

        assertThat(fromFile.verify(sign(rotated, valid().build()), AUD).issuer())
                .isEqualTo(EHR);
    }

    @Test
    void refusesAKeySetThatCannotBeFetched() {
        EhrTokenVerifier unreachable = verifier(properties(List.of(other(keys.url("/no-such/jwks.json")))));

        assertRefused(
                () -> unreachable.verify(
                        sign(OTHER_RSA, claims(OTHER_EHR, AUD, NOW).build()), AUD),
                RefusalReason.JWKS_UNAVAILABLE);
    }

    @Test
    void refusesToStartWithNoneOrHmacOnTheAlgorithmList() {
        for (String algorithm : List.of("none", "HS256", "HS384", "HS512")) {
            EhrSecurityProperties properties = new EhrSecurityProperties(
                    true,
                    List.of("RS384", algorithm),
                    Duration.ofSeconds(30),
                    Duration.ofHours(1),
                    Duration.ofMinutes(1),
                    List.of(ehr(keys.url("/ehr/jwks.json"), List.of())));

            assertThatThrownBy(() -> verifier(properties))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(algorithm);
        }
    }

    @Test
    void refusesToStartWithoutATrustedIssuer() {
        assertThatThrownBy(() -> verifier(properties(List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taper.security.ehr.issuers");
    }

    @Test
    void refusesToStartWithAJwksUriThatIsNotHttpOrFile() {
        assertThatThrownBy(
                        () -> verifier(properties(List.of(ehr(URI.create("ftp://ehr.example.org/jwks"), List.of())))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jwks-uri");
    }

    private JWTClaimsSet.Builder valid() {
        return claims(EHR, AUD, NOW);
    }

    private JWTClaimsSet.Builder tenantA() {
        return valid().claim("tenant", "tenant-a");
    }

    private EhrTokenVerifier verifier(EhrSecurityProperties properties) {
        return new EhrTokenVerifier(properties, new InMemoryReplayStore(clock), clock);
    }

    static EhrSecurityProperties properties(List<EhrSecurityProperties.Issuer> issuers) {
        return new EhrSecurityProperties(
                true,
                List.of("RS384", "ES384"),
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofMinutes(1),
                issuers);
    }

    static EhrSecurityProperties.Issuer ehr(URI jwks, List<String> tenants) {
        return new EhrSecurityProperties.Issuer(EHR, jwks, List.of(keys.url("/ehr/jku.json")), tenants, List.of(FHIR));
    }

    static EhrSecurityProperties.Issuer other(URI jwks) {
        return new EhrSecurityProperties.Issuer(OTHER_EHR, jwks, List.of(), List.of(), List.of());
    }

    static void assertRefused(ThrowingCallable call, RefusalReason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenRefusedException.class, e -> assertThat(e.reason())
                .isEqualTo(reason));
    }
}
