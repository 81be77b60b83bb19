package org.tapercds.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The EHR token check of one CDS Hooks call without HTTP and without the replay store: compact
 * syntax, parse, issuer, the RS384 signature (2048-bit key, from a {@code file:} JWKS, cached),
 * then every claim. The replay store is measured over HTTP (docs/performance.md), as its cost is
 * the database's.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec -Djmh.args="TokenCheckBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TokenCheckBenchmark {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String ISSUER = "https://ehr.bench.example";
    static final String AUDIENCE = "http://127.0.0.1:8080/cds-services/benzo-taper-order-sign";

    private EhrTokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        Path jwks = Files.createTempFile("bench-jwks", ".json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        jwks.toFile().deleteOnExit();
        EhrSecurityProperties properties = new EhrSecurityProperties(
                true,
                List.of("RS384", "ES384"),
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofMinutes(1),
                List.of(new EhrSecurityProperties.Issuer(ISSUER, jwks.toUri(), null, null, null)));
        verifier = new EhrTokenVerifier(
                properties, (issuer, jti, forgetAfter) -> true, Clock.fixed(NOW, ZoneOffset.UTC));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID("bench")
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("client")
                        .audience(AUDIENCE)
                        .issueTime(Date.from(NOW))
                        .expirationTime(Date.from(NOW.plusSeconds(300)))
                        .jwtID("bench-1")
                        .build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
        verifier.verify(token, AUDIENCE); // fails the set-up, not the measurement, when wrong
    }

    @Benchmark
    public EhrCaller verify() {
        return verifier.verify(token, AUDIENCE);
    }
}
