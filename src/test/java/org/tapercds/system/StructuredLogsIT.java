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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.tapercds.fhir.PrefetchFallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The json-logs profile writes one ECS JSON object per line, and what the service logs about a call
 * (including a failing prefetch fallback whose message names the patient) holds no patient data and
 * no token.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.profiles.active=json-logs")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "secret-access-token-4711";

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        }

        @Bean
        PrefetchFallback failingFallback() {
            return (patientId, keys, server) -> {
                throw new IllegalStateException("no data for Patient/" + patientId + " born 1961-04-02");
            };
        }
    }

    @LocalServerPort
    int port;

    @Test
    void writesEcsJsonLinesWithoutPatientDataOrTokens(CapturedOutput output) throws Exception {
        ObjectNode request = (ObjectNode)
                JSON.readTree(Files.readString(Path.of("docs/examples/order-sign-diazepam-20-to-10.json")));
        request.put("fhirServer", "https://ehr.example.org/fhir");
        request.putObject("fhirAuthorization")
                .put("access_token", TOKEN)
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "taper-cds");
        ObjectNode withoutPrefetch = request.deepCopy();
        withoutPrefetch.remove("prefetch");

        assertThat(post(request).statusCode()).isEqualTo(200);
        assertThat(post(withoutPrefetch).statusCode()).isEqualTo(412);

        // The call log line is written as the response completes: wait (bounded) until both are there.
        List<JsonNode> lines = List.of();
        List<JsonNode> calls = List.of();
        for (int attempt = 0; attempt < 50 && calls.size() < 2; attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            lines = Stream.of(output.getOut().split("\\R"))
                    .filter(line -> line.startsWith("{"))
                    .map(JSON::readTree)
                    .toList();
            calls = lines.stream()
                    .filter(line -> "org.tapercds.hooks.calls".equals(text(line, "log.logger")))
                    .toList();
        }
        assertThat(calls).hasSize(2).allSatisfy(line -> {
            assertThat(text(line, "ecs.version")).isNotBlank();
            assertThat(text(line, "@timestamp")).isNotBlank();
            assertThat(text(line, "service.name")).isEqualTo("taper-cds");
            assertThat(text(line, "message"))
                    .startsWith("cds-hooks POST /cds-services/benzo-taper-order-sign hookInstance=");
        });
        assertThat(lines).anySatisfy(line -> assertThat(text(line, "message")).startsWith("prefetch fallback failed"));
        assertThat(output.getAll())
                .doesNotContain("pat-demo")
                .doesNotContain("dr-demo")
                .doesNotContain("1961-04-02")
                .doesNotContain(TOKEN);
    }

    /** Over real HTTP, so the servlet filters (the call log among them) run. */
    private HttpResponse<String> post(JsonNode body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/cds-services/benzo-taper-order-sign"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** ECS writes dotted names as nested objects ({@code log.logger} as {@code log: {logger}}). */
    private static String text(JsonNode line, String dottedName) {
        JsonNode node = line;
        for (String part : dottedName.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null) {
            node = line.get(dottedName);
        }
        return node == null ? null : node.asString();
    }
}
