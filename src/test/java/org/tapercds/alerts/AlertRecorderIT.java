package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A live CDS Hooks call over HTTP stores one alert per card (id = the card's uuid, with the rule,
 * category, indicator and chart evidence) and one audit event; the same call again stores no
 * second alert.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertRecorderIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode call(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services/benzo-taper-order-sign"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void storesOneAlertPerCardWithItsRuleAndEvidenceAndAuditsTheCall() throws Exception {
        String request = Files.readString(Path.of("docs/examples/order-sign-diazepam-20-to-10.json"));
        JsonNode card = call(request).at("/cards/0");
        String uuid = card.get("uuid").stringValue();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from alert where id = ?")
                                .param(uuid)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1L));
        Map<String, Object> alert = jdbc.sql(
                        "select category, indicator, rule_id, summary, evidence, shown, status from alert where id = ?")
                .param(uuid)
                .query()
                .singleRow();
        assertThat(alert.get("category"))
                .isEqualTo(card.at("/source/topic/code").stringValue());
        assertThat(alert.get("indicator")).isEqualTo(card.get("indicator").stringValue());
        assertThat(alert.get("summary")).isEqualTo(card.get("summary").stringValue());
        assertThat(alert.get("rule_id")).asString().isNotBlank();
        assertThat(alert.get("shown")).isEqualTo(true);
        assertThat(alert.get("status")).isEqualTo("open");
        JsonNode evidence = JSON.readTree(String.valueOf(alert.get("evidence")));
        assertThat(evidence.get("dose").size()).isGreaterThanOrEqualTo(2);
        assertThat(evidence.get("maxReductionPercent").asDouble()).isEqualTo(25.0);

        call(request);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from audit_event where kind = 'evaluation'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(2L));
        List<String> ids = jdbc.sql("select id from alert").query(String.class).list();
        assertThat(ids).containsOnlyOnce(uuid);
        // Requests are kept only when taper.alerts.keep-requests is set.
        assertThat(jdbc.sql("select count(*) from kept_request")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
