package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tapercds.fhir.PrefetchFallback;
import org.tapercds.rules.ActiveRuleBase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations over real HTTP (SPEC §9): the Prometheus scrape after real hook calls, the liveness
 * and readiness groups. Counters are compared before and after each action (the context is shared
 * by the tests of this class, in any order).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.group.readiness.show-components=always")
class OperationsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORDER_SIGN = "benzo-taper-order-sign";
    private static final String EXAMPLE = "order-sign-diazepam-20-to-10.json";

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        /** The example's draft is 2026-11-22, 50 % below the dose before. */
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        }

        /** A FHIR server that fails, with patient data in its message (which must not leak). */
        @Bean
        PrefetchFallback failingFallback() {
            return (patientId, keys, server) -> {
                throw new IllegalStateException("FHIR server refused Patient/" + patientId);
            };
        }
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ActiveRuleBase ruleBases;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theActuatorIsNotOnTheEhrPort() throws Exception {
        HttpResponse<String> onEhrPort = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(onEhrPort.statusCode()).isEqualTo(404);
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void countsEachCallInTheServiceLatencyHistogramAndEachCardByCategoryIndicatorAndRule() throws Exception {
        Map<String, String> call = Map.of("service", ORDER_SIGN, "outcome", "success");
        Map<String, String> card =
                Map.of("category", "taper-rate-exceeded", "indicator", "critical", "rule", "taper-rate-exceeded");
        Scrape before = scrape();

        for (int i = 0; i < 2; i++) {
            assertThat(post("/cds-services/" + ORDER_SIGN, example()).statusCode())
                    .isEqualTo(200);
        }

        Scrape after = scrape();
        assertThat(after.delta(before, "taper_cards_total", card)).isEqualTo(2.0);
        assertThat(after.delta(before, "taper_hook_duration_seconds_count", call))
                .isEqualTo(2.0);
        assertThat(after.delta(before, "taper_hook_duration_seconds_bucket", with(call, "le", "+Inf")))
                .isEqualTo(2.0);
        assertThat(after.value("taper_hook_duration_seconds_sum", call)).isPositive();
        // A percentiles histogram: many buckets per service and outcome, not only +Inf.
        assertThat(after.count("taper_hook_duration_seconds_bucket", call)).isGreaterThan(10);
        // SPEC §8's targets are exact bounds: the share of calls within 2 ms and 10 ms is read off.
        assertThat(after.count("taper_hook_duration_seconds_bucket", with(call, "le", "0.002")))
                .isEqualTo(1);
        assertThat(after.count("taper_hook_duration_seconds_bucket", with(call, "le", "0.01")))
                .isEqualTo(1);
        // The evaluation slots (ADR 0005): the wait for one and the work once admitted, per call.
        assertThat(after.delta(before, "taper_evaluation_wait_seconds_count", Map.of()))
                .isEqualTo(2.0);
        assertThat(after.delta(before, "taper_evaluation_duration_seconds_count", Map.of()))
                .isEqualTo(2.0);
    }

    @Test
    void tagsARefusedCallWithItsStableErrorCodeAndNeverWithRequestData() throws Exception {
        ObjectNode wrongHook = (ObjectNode) JSON.readTree(example());
        wrongHook.put("hook", "patient-view");
        Scrape before = scrape();

        assertThat(post("/cds-services/" + ORDER_SIGN, JSON.writeValueAsString(wrongHook))
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/cds-services/no-such-service", example()).statusCode())
                .isEqualTo(404);

        Scrape after = scrape();
        assertThat(after.delta(
                        before,
                        "taper_hook_duration_seconds_count",
                        Map.of("service", ORDER_SIGN, "outcome", "hook-mismatch")))
                .isEqualTo(1.0);
        assertThat(after.text())
                .doesNotContain("no-such-service")
                .doesNotContain("pat-demo")
                .doesNotContain("dr-demo")
                .doesNotContain("d1b8e0e4-5a4f-4b7e-9d55-6f1f0c2a9a01");
    }

    @Test
    void countsAFailedPrefetchFallbackAndAnswers412WithoutItsMessage() throws Exception {
        ObjectNode withoutPrefetch = (ObjectNode) JSON.readTree(example());
        withoutPrefetch.remove("prefetch");
        Scrape before = scrape();
        assertThat(before.count("taper_prefetch_fallback_calls_total", Map.of()))
                .isEqualTo(1);
        assertThat(before.count("taper_prefetch_fallback_failures_total", Map.of()))
                .isEqualTo(1);

        assertThat(post("/cds-services/" + ORDER_SIGN, example()).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post("/cds-services/" + ORDER_SIGN, JSON.writeValueAsString(withoutPrefetch));

        assertThat(refused.statusCode()).isEqualTo(412);
        assertThat(refused.body()).contains("prefetch-missing").doesNotContain("refused Patient");
        Scrape after = scrape();
        // Only the call that lacked data asked the fallback.
        assertThat(after.delta(before, "taper_prefetch_fallback_calls_total", Map.of()))
                .isEqualTo(1.0);
        assertThat(after.delta(before, "taper_prefetch_fallback_failures_total", Map.of()))
                .isEqualTo(1.0);
        assertThat(after.delta(
                        before,
                        "taper_hook_duration_seconds_count",
                        Map.of("service", ORDER_SIGN, "outcome", "prefetch-missing")))
                .isEqualTo(1.0);
    }

    @Test
    void countsTheStartUpLoadAsOneSuccessfulReloadAndPublishesTheRuleBaseVersion() throws Exception {
        Scrape scrape = scrape();

        assertThat(scrape.value("taper_rules_reloads_total", Map.of("result", "success")))
                .isEqualTo(1.0);
        assertThat(scrape.count("taper_rules_reloads_total", Map.of("result", "failure")))
                .isEqualTo(1);
        assertThat(scrape.value("taper_rules_reloads_total", Map.of("result", "failure")))
                .isZero();
        assertThat(scrape.value(
                        "taper_rules_info",
                        Map.of("version", ruleBases.current().version())))
                .isEqualTo(1.0);
        assertThat(scrape.count("taper_rules_info", Map.of())).isEqualTo(1);
    }

    @Test
    void reportsLivenessAndReadinessUpWithTheRuleBaseAsPartOfReadiness() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        HttpResponse<String> readiness = get("/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(liveness.body()).get("status").asString()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = JSON.readTree(readiness.body());
        assertThat(ready.get("status").asString()).isEqualTo("UP");
        assertThat(ready.get("components").get("ruleBase").get("status").asString())
                .isEqualTo("UP");
        assertThat(ready.get("components").get("readinessState").get("status").asString())
                .isEqualTo("UP");
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(name, value);
        return all;
    }

    private Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new Scrape(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        // The actuator has a port of its own (management.server.port), also in the default profile.
        return URI.create("http://127.0.0.1:" + (path.startsWith("/actuator") ? managementPort : port) + path);
    }

    private static String example() throws IOException {
        return Files.readString(Path.of("docs/examples", EXAMPLE));
    }
}
