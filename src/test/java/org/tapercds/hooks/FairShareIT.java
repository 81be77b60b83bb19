package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.hooks.EvaluationGateFairShareTests.waitUntil;
import static org.tapercds.security.TestTokens.claims;
import static org.tapercds.security.TestTokens.jwks;
import static org.tapercds.security.TestTokens.sign;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationListener;
import org.tapercds.security.EhrCaller;
import org.tapercds.security.JwksServer;
import org.tapercds.security.TestTokens;

/**
 * The fair share of the evaluation slots over real HTTP with EHR authentication on (ADR 0013): the
 * caller is the verified token's issuer. With two slots, while one EHR's calls hold both and two
 * more of its calls wait, another EHR's call, sent last, gets the next slot that frees.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taper.security.ehr.enabled=true",
            "taper.public-base-url=" + FairShareIT.BASE,
            "taper.evaluation.concurrency=2",
            "taper.evaluation.max-wait=10s"
        })
@Import(FairShareIT.Setup.class)
class FairShareIT {

    static final String BASE = "https://taper-cds.example.org";
    static final String BUSY = "https://busy-ehr.example.org";
    static final String QUIET = "https://quiet-ehr.example.org";
    static final String ORDER_SIGN = "/cds-services/benzo-taper-order-sign";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static final RSAKey BUSY_KEY = TestTokens.rsaKey("busy-1");
    static final RSAKey QUIET_KEY = TestTokens.rsaKey("quiet-1");
    static final JwksServer KEYS = new JwksServer();

    /** The issuers of the evaluated calls, in order; the first two hold their slots until released. */
    static final List<String> EVALUATED = new ArrayList<>();

    static final CountDownLatch TWO_INSIDE = new CountDownLatch(2);
    static final List<CountDownLatch> RELEASE = List.of(new CountDownLatch(1), new CountDownLatch(1));

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        /** The example request's draft is dated 2026-11-22. */
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        /** Told inside the slot, on the call's thread: notes the caller; the first two calls wait. */
        @Bean
        EvaluationListener slotHolder() {
            return (Evaluation evaluation) -> {
                int index;
                synchronized (EVALUATED) {
                    EVALUATED.add(EhrCaller.current().map(EhrCaller::issuer).orElse("none"));
                    index = EVALUATED.size() - 1;
                }
                if (index < RELEASE.size()) {
                    TWO_INSIDE.countDown();
                    try {
                        RELEASE.get(index).await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }

    @DynamicPropertySource
    static void trustedEhrs(DynamicPropertyRegistry registry) {
        registry.add("taper.security.ehr.issuers[0].issuer", () -> BUSY);
        registry.add("taper.security.ehr.issuers[0].jwks-uri", () -> KEYS.serve("/busy.json", jwks(BUSY_KEY)));
        registry.add("taper.security.ehr.issuers[1].issuer", () -> QUIET);
        registry.add("taper.security.ehr.issuers[1].jwks-uri", () -> KEYS.serve("/quiet.json", jwks(QUIET_KEY)));
    }

    @AfterAll
    static void stop() {
        KEYS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EvaluationGate gate;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anotherEhrsCallGetsTheNextSlotBeforeTheBusyEhrsQueuedCalls() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        calls.add(call(BUSY, BUSY_KEY));
        calls.add(call(BUSY, BUSY_KEY));
        assertThat(TWO_INSIDE.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.slotsHeldBy(BUSY)).isEqualTo(2); // the key is the token's issuer
        calls.add(call(BUSY, BUSY_KEY));
        waitUntil(gate::waitingCalls, 1);
        calls.add(call(BUSY, BUSY_KEY));
        waitUntil(gate::waitingCalls, 2);
        calls.add(call(QUIET, QUIET_KEY));
        waitUntil(gate::waitingCalls, 3);

        RELEASE.get(0).countDown(); // one slot frees; the busy EHR keeps the other
        waitUntil(() -> evaluated().size(), 5);
        RELEASE.get(1).countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("taper-rate-exceeded");
        }

        assertThat(evaluated()).containsExactly(BUSY, BUSY, QUIET, BUSY, BUSY);
        assertThat(gate.freeSlots()).isEqualTo(2);
    }

    private static List<String> evaluated() {
        synchronized (EVALUATED) {
            return List.copyOf(EVALUATED);
        }
    }

    private CompletableFuture<HttpResponse<String>> call(String issuer, RSAKey key) {
        String token = sign(key, claims(issuer, BASE + ORDER_SIGN, NOW).build());
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ORDER_SIGN))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE)
                                .toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
