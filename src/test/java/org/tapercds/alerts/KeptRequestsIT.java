package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * With {@code taper.alerts.keep-requests} set, each live request is kept (once per hookInstance)
 * with its evaluation time, for the impact preview's replay, and never with its FHIR access token.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "taper.alerts.keep-requests=14d")
class KeptRequestsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    KeptRequests kept;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void keepsEachRequestOnceWithItsTimeAndWithoutTheAccessToken() throws Exception {
        ObjectNode request = (ObjectNode)
                JSON.readTree(Files.readString(Path.of("docs/examples/order-sign-diazepam-20-to-10.json")));
        String hookInstance = "kept-" + System.nanoTime();
        request.put("hookInstance", hookInstance);
        // Sent beside complete prefetch data: the service needs no server, but the token must not be kept.
        ObjectNode authorization = request.putObject("fhirAuthorization");
        authorization.put("access_token", "secret-token-value");
        authorization.put("token_type", "Bearer");
        authorization.put("expires_in", 300);
        authorization.put("scope", "patient/*.read");
        authorization.put("subject", "cds-service");

        assertThat(post(request)).isEqualTo(200);
        assertThat(post(request)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(mine(hookInstance)).hasSize(1));
        KeptRequest one = mine(hookInstance).get(0);
        assertThat(one.serviceId()).isEqualTo("benzo-taper-order-sign");
        assertThat(one.evaluatedAt()).isEqualTo(NOW);
        assertThat(one.body()).doesNotContain("secret-token-value");
        JsonNode body = JSON.readTree(one.body());
        assertThat(body.has("fhirAuthorization")).isFalse();
        request.remove("fhirAuthorization");
        assertThat(body).isEqualTo(request);
        assertThat(kept.since(NOW.plusSeconds(1), 100))
                .noneMatch(k -> k.hookInstance().equals(hookInstance));
    }

    private List<KeptRequest> mine(String hookInstance) {
        return kept.since(NOW, 1000).stream()
                .filter(k -> k.hookInstance().equals(hookInstance))
                .toList();
    }

    private int post(JsonNode body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/cds-services/benzo-taper-order-sign"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
