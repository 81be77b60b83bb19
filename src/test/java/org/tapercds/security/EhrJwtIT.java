package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationListener;

/**
 * The CDS Hooks endpoints with EHR authentication on, over real HTTP: keys generated here, the
 * EHRs' JWKS served on a loopback port, the audience built from {@code taper.public-base-url}. Every
 * refused case gets the same 401 (status, header and body), its reason in the log and the metric,
 * and the token nowhere in the log.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taper.security.ehr.enabled=true",
            "taper.public-base-url=" + EhrJwtIT.BASE,
            "taper.security.cors.allowed-origins=" + EhrJwtIT.BROWSER_EHR
        })
@Import(EhrJwtIT.Setup.class)
@ExtendWith(OutputCaptureExtension.class)
class EhrJwtIT {

    static final String BASE = "https://taper-cds.example.org";
    static final String EHR = "https://ehr.example.org";
    static final String ROTATING_EHR = "https://rotating-ehr.example.org";
    static final String BROWSER_EHR = "https://ehr-web.example.org";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static final String DISCOVERY = "/cds-services";
    static final String ORDER_SIGN = "/cds-services/benzo-taper-order-sign";
    static final String FEEDBACK = ORDER_SIGN + "/feedback";
    static final String CALLER = "/cds-services/test-caller";

    static final RSAKey RSA = TestTokens.rsaKey("ehr-rsa-1");
    static final ECKey EC = TestTokens.ecKey("ehr-ec-1");
    static final JwksServer KEYS = new JwksServer();

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        /** The example request's draft is dated 2026-11-22. */
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        CallerEcho callerEcho() {
            return new CallerEcho();
        }

        @Bean
        Told told() {
            return new Told();
        }

        @Bean
        @Primary
        ReplayStore lateAnswers(DatabaseReplayStore database) {
            return new LateReplayAnswers(database);
        }
    }

    /** Counts the evaluations the listeners are told of (what would be stored as alerts). */
    static class Told implements EvaluationListener {
        final AtomicInteger evaluations = new AtomicInteger();

        @Override
        public void evaluated(Evaluation evaluation) {
            evaluations.incrementAndGet();
        }
    }

    /** Shows what {@link EhrCaller#current()} gives a controller on the CDS Hooks path. */
    @RestController
    static class CallerEcho {
        @GetMapping(CALLER)
        String caller() {
            return EhrCaller.current()
                    .map(c -> c.issuer() + "|" + c.tenant().orElse("-") + "|" + String.join(",", c.fhirServers()))
                    .orElse("none");
        }
    }

    /** The trusted EHRs (a list binds from one property source, so all of it is here). */
    @DynamicPropertySource
    static void trustedEhrs(DynamicPropertyRegistry registry) {
        registry.add("taper.security.ehr.issuers[0].issuer", () -> EHR);
        registry.add("taper.security.ehr.issuers[0].tenants", () -> "tenant-a");
        registry.add(
                "taper.security.ehr.issuers[0].fhir-servers",
                () -> "https://fhir.example.org/R4,https://fhir.example.org/STU3");
        registry.add("taper.security.ehr.issuers[1].issuer", () -> ROTATING_EHR);
        registry.add("taper.security.ehr.issuers[0].jwks-uri", () -> KEYS.serve("/ehr/jwks.json", jwks(RSA, EC)));
        registry.add("taper.security.ehr.issuers[0].allowed-jku", () -> KEYS.url("/ehr/jku.json"));
        registry.add("taper.security.ehr.issuers[1].jwks-uri", () -> KEYS.url("/rotating/jwks.json"));
    }

    @AfterAll
    static void stopKeyServer() {
        KEYS.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Told told;

    private final HttpClient http = HttpClient.newHttpClient();

    // --- accepted ---

    @Test
    void answersDiscoveryTheCallAndFeedbackWithAValidToken() throws Exception {
        HttpResponse<String> discovery = get(DISCOVERY, token(DISCOVERY));
        HttpResponse<String> call = post(ORDER_SIGN, token(ORDER_SIGN), example());
        HttpResponse<String> feedback = post(FEEDBACK, token(FEEDBACK), FEEDBACK_ITEM);

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("benzo-taper-order-sign");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("taper-rate-exceeded");
        assertThat(feedback.statusCode()).isEqualTo(200);
    }

    @Test
    void timesEveryCheckAcceptedOrRefused() throws Exception {
        long before = checksTimed();

        assertThat(get(DISCOVERY, token(DISCOVERY)).statusCode()).isEqualTo(200);
        assertThat(get(DISCOVERY, token(ORDER_SIGN)).statusCode()).isEqualTo(401);
        assertThat(get(DISCOVERY, null).statusCode()).isEqualTo(401);

        // No bearer token, no check: two checks for three calls.
        assertThat(checksTimed()).isEqualTo(before + 2);
        assertThat(registry.get(EhrAuthenticationResolver.CHECK).timer().max(TimeUnit.NANOSECONDS))
                .isPositive();
    }

    private long checksTimed() {
        return registry.get(EhrAuthenticationResolver.CHECK).timer().count();
    }

    @Test
    void acceptsAnEs384Token() throws Exception {
        String token = sign(
                EC,
                claims(EHR, BASE + DISCOVERY, NOW).claim("tenant", "tenant-a").build());

        assertThat(get(DISCOVERY, token).statusCode()).isEqualTo(200);
    }

    @Test
    void tellsTheControllerWhoCalledAndWhichFhirServersItMayName() throws Exception {
        HttpResponse<String> response = get(CALLER, token(CALLER));

        assertThat(response.body())
                .isEqualTo(EHR + "|tenant-a|https://fhir.example.org/R4,https://fhir.example.org/STU3");
    }

    @Test
    void acceptsARotatedKeyWithoutARestart() throws Exception {
        RSAKey old = TestTokens.rsaKey("rotating-2026-11");
        RSAKey rotated = TestTokens.rsaKey("rotating-2026-12");
        KEYS.serve("/rotating/jwks.json", jwks(old));
        assertThat(get(
                                DISCOVERY,
                                sign(
                                        old,
                                        claims(ROTATING_EHR, BASE + DISCOVERY, NOW)
                                                .build()))
                        .statusCode())
                .isEqualTo(200);

        KEYS.serve("/rotating/jwks.json", jwks(old, rotated));

        assertThat(get(
                                DISCOVERY,
                                sign(
                                        rotated,
                                        claims(ROTATING_EHR, BASE + DISCOVERY, NOW)
                                                .build()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get(
                                DISCOVERY,
                                sign(
                                        old,
                                        claims(ROTATING_EHR, BASE + DISCOVERY, NOW)
                                                .build()))
                        .statusCode())
                .isEqualTo(200);
    }

    // --- refused: each with the same 401 ---

    @Test
    void refusesACallWithoutToken(CapturedOutput log) throws Exception {
        double before = refusals("missing-token");

        HttpResponse<String> response = post(ORDER_SIGN, null, example());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(response.body()).doesNotContain("taper-rate-exceeded");
        assertThat(refusals("missing-token")).isEqualTo(before + 1);
        assertThat(log.getOut()).contains("reason=missing-token");
    }

    @Test
    void refusesAlgNone(CapturedOutput log) throws Exception {
        String token = new PlainJWT(valid(DISCOVERY).build()).serialize();

        assertRefused(() -> get(DISCOVERY, token), "alg-not-allowed", token, log);
    }

    @Test
    void refusesHs256SignedWithThePublicKeyAsSecret(CapturedOutput log) throws Exception {
        String token = TestTokens.sign(
                new MACSigner(RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)),
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(RSA.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                valid(DISCOVERY).build());

        assertRefused(() -> get(DISCOVERY, token), "alg-not-allowed", token, log);
    }

    @Test
    void refusesAWrongIssuer(CapturedOutput log) throws Exception {
        String token =
                sign(RSA, valid(DISCOVERY).issuer("https://evil.example.org").build());

        assertRefused(() -> get(DISCOVERY, token), "unknown-issuer", token, log);
    }

    @Test
    void refusesAnUnknownKid(CapturedOutput log) throws Exception {
        String token = sign(TestTokens.rsaKey("not-published"), valid(DISCOVERY).build());

        assertRefused(() -> get(DISCOVERY, token), "unknown-key", token, log);
    }

    @Test
    void refusesAnExpiredToken(CapturedOutput log) throws Exception {
        String token = sign(
                RSA,
                valid(ORDER_SIGN)
                        .issueTime(Date.from(NOW.minusSeconds(400)))
                        .expirationTime(Date.from(NOW.minusSeconds(100)))
                        .build());

        assertRefused(() -> post(ORDER_SIGN, token, example()), "expired", token, log);
    }

    @Test
    void refusesAnIatInTheFuture(CapturedOutput log) throws Exception {
        String token = sign(
                RSA,
                valid(ORDER_SIGN)
                        .issueTime(Date.from(NOW.plusSeconds(120)))
                        .expirationTime(Date.from(NOW.plusSeconds(400)))
                        .build());

        assertRefused(() -> post(ORDER_SIGN, token, example()), "iat-in-future", token, log);
    }

    @Test
    void refusesTheAudienceOfAnotherEndpoint(CapturedOutput log) throws Exception {
        String token = token("/cds-services/benzo-taper-patient-view");

        assertRefused(() -> post(ORDER_SIGN, token, example()), "wrong-audience", token, log);
    }

    @Test
    void refusesTheRightPathOnAnotherHost(CapturedOutput log) throws Exception {
        String token = sign(
                RSA,
                valid(DISCOVERY)
                        .audience("http://127.0.0.1:" + port + DISCOVERY)
                        .build());

        assertRefused(() -> get(DISCOVERY, token), "wrong-audience", token, log);
    }

    @Test
    void refusesAReplayedJti(CapturedOutput log) throws Exception {
        String token = token(FEEDBACK);
        assertThat(post(FEEDBACK, token, FEEDBACK_ITEM).statusCode()).isEqualTo(200);

        assertRefused(() -> post(FEEDBACK, token, FEEDBACK_ITEM), "replayed", token, log);
    }

    /** Each CDS Hooks endpoint the application maps (method and pattern), and the path the replay test calls. */
    static final Map<String, String> CDS_HOOKS_ENDPOINTS = Map.of(
            "GET " + DISCOVERY,
            DISCOVERY,
            "POST /cds-services/{serviceId}",
            ORDER_SIGN,
            "POST /cds-services/{serviceId}/feedback",
            FEEDBACK);

    static Stream<String> cdsHooksPaths() {
        return CDS_HOOKS_ENDPOINTS.values().stream();
    }

    /**
     * A token another replica accepted (its id is in the shared table, not in this replica's memory):
     * the database's answer comes late (LateReplayAnswers), and the call is refused before any card is
     * given or any listener told, so nothing is stored (ADR 0015).
     */
    @ParameterizedTest
    @MethodSource("cdsHooksPaths")
    void refusesATokenAnotherReplicaAcceptedBeforeAnythingIsEvaluated(String path, CapturedOutput log)
            throws Exception {
        String jti = "accepted-by-another-replica-" + UUID.randomUUID();
        String token = sign(RSA, valid(path).jwtID(jti).build());
        jdbc.sql("insert into token_replay (id, forget_after) values (?, ?)")
                .params(
                        DatabaseReplayStore.key(EHR, jti),
                        NOW.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .update();
        double cards = cardsIssued();
        int evaluations = told.evaluations.get();

        assertRefused(
                () -> path.equals(DISCOVERY)
                        ? get(path, token)
                        : post(path, token, path.equals(FEEDBACK) ? FEEDBACK_ITEM : example()),
                "replayed",
                token,
                log);
        assertThat(cardsIssued()).isEqualTo(cards);
        assertThat(told.evaluations.get()).isEqualTo(evaluations);
        // The call log line has the 401 the EHR got, not the status before the refusal was written
        // (logged as the filter returns, which may be just after the EHR has its answer).
        Pattern logged = Pattern.compile("cds-hooks (GET|POST) " + path + " hookInstance=\\S+ status=401 ");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(log.getOut()).containsPattern(logged));
    }

    /**
     * The replay test above covers every CDS Hooks endpoint the application maps: an endpoint added
     * later, which must wait for the shared replay check ({@link EhrCaller#confirmFirstUse()}) itself,
     * fails here until it is in {@link #CDS_HOOKS_ENDPOINTS} and so in that test (ADR 0015).
     */
    @Test
    void mapsOnlyTheCdsHooksEndpointsTheReplayTestCovers(
            @Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings) {
        assertThat(mappings.getHandlerMethods().entrySet().stream()
                        .filter(mapping -> !mapping.getValue().getBeanType().equals(CallerEcho.class))
                        .flatMap(mapping -> mapping.getKey().getPatternValues().stream()
                                .filter(pattern -> pattern.startsWith(DISCOVERY))
                                .flatMap(pattern -> mapping.getKey().getMethodsCondition().getMethods().stream()
                                        .map(method -> method + " " + pattern))))
                .as("the endpoints of refusesATokenAnotherReplicaAcceptedBeforeAnythingIsEvaluated")
                .containsExactlyInAnyOrderElementsOf(CDS_HOOKS_ENDPOINTS.keySet());
    }

    @Test
    void issuesTheCardOfTheSameCallWithAFreshToken() throws Exception {
        double cards = cardsIssued();
        int evaluations = told.evaluations.get();

        assertThat(post(ORDER_SIGN, token(ORDER_SIGN), example()).statusCode()).isEqualTo(200);

        assertThat(cardsIssued()).isGreaterThan(cards);
        assertThat(told.evaluations.get()).isEqualTo(evaluations + 1);
    }

    private double cardsIssued() {
        return registry.find("taper.cards").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void refusesAMissingJti(CapturedOutput log) throws Exception {
        String token = sign(RSA, valid(DISCOVERY).jwtID(null).build());

        assertRefused(() -> get(DISCOVERY, token), "missing-jti", token, log);
    }

    @Test
    void refusesAJkuThatIsNotAllowListed(CapturedOutput log) throws Exception {
        RSAKey attacker = TestTokens.rsaKey("attacker-1");
        URI attackerKeys = KEYS.serve("/attacker/jwks.json", jwks(attacker));
        String token = sign(attacker, valid(DISCOVERY).build(), header -> header.jwkURL(attackerKeys));

        assertRefused(() -> get(DISCOVERY, token), "jku-not-allowed", token, log);
        assertThat(KEYS.fetches("/attacker/jwks.json")).isZero();
    }

    @Test
    void refusesATamperedPayload(CapturedOutput log) throws Exception {
        String token = TestTokens.withPayload(
                token(DISCOVERY), valid(DISCOVERY).claim("tenant", "tenant-b").build());

        assertRefused(() -> get(DISCOVERY, token), "bad-signature", token, log);
    }

    @Test
    void refusesAValidTokenForTheWrongTenant(CapturedOutput log) throws Exception {
        String token = sign(
                RSA,
                claims(EHR, BASE + DISCOVERY, NOW).claim("tenant", "tenant-b").build());

        assertRefused(() -> get(DISCOVERY, token), "wrong-tenant", token, log);
    }

    @Test
    void refusesGarbage(CapturedOutput log) throws Exception {
        assertRefused(() -> get(DISCOVERY, "garbage"), "malformed", "garbage", log);
    }

    // --- CORS and the other endpoints ---

    @Test
    void answersThePreflightOfAnAllowedOriginWithoutAToken() throws Exception {
        HttpResponse<String> response = preflight(ORDER_SIGN, BROWSER_EHR);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(BROWSER_EHR);
        assertThat(response.headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization")
                .contains("content-type");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("POST");
    }

    @Test
    void refusesThePreflightOfAnotherOrigin() throws Exception {
        HttpResponse<String> response = preflight(ORDER_SIGN, "https://evil.example.org");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void sendsCorsHeadersOnAnAuthenticatedCallFromAnAllowedOrigin() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(DISCOVERY))
                .header("Authorization", "Bearer " + token(DISCOVERY))
                .header("Origin", BROWSER_EHR)
                .GET()
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(BROWSER_EHR);
    }

    @Test
    void leavesHealthMetricsRuleDocsAndOpenApiOpen() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        assertThat(get("/rules", null).statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
    }

    // --- helpers ---

    /** A call to the service. */
    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private void assertRefused(Call call, String reason, String token, CapturedOutput log) throws Exception {
        double before = refusals(reason);

        HttpResponse<String> response = call.send();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/fhir+json");
        assertThat(response.body())
                .contains("\"invalid-token\"")
                .contains(TokenRefusalEntryPoint.MESSAGE)
                .doesNotContain(reason);
        assertThat(refusals(reason)).isEqualTo(before + 1);
        assertThat(log.getOut()).contains("EHR token refused: reason=" + reason);
        assertThat(log.getOut()).doesNotContain(token);
    }

    private double refusals(String reason) {
        Counter counter = registry.find(TokenRefusalEntryPoint.REFUSED)
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JWTClaimsSet.Builder valid(String path) {
        return claims(EHR, BASE + path, NOW).claim("tenant", "tenant-a");
    }

    private static String token(String path) {
        return sign(RSA, valid(path).build());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> preflight(String path, String origin) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        // The actuator has a port of its own (management.server.port).
        return URI.create("http://127.0.0.1:" + (path.startsWith("/actuator") ? managementPort : port) + path);
    }

    private static String example() throws IOException {
        return Files.readString(Path.of("docs/examples", "order-sign-diazepam-20-to-10.json"));
    }

    private static final String FEEDBACK_ITEM =
            """
            {"card": "7a3c9e1e-0000-4000-8000-000000000001", "outcome": "accepted",
             "acceptedSuggestions": [{"id": "e56e1945-0000-4000-8000-000000000002"}],
             "outcomeTimestamp": "2026-11-22T10:00:00Z"}""";
}
