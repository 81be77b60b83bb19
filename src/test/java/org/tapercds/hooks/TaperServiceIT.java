package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
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
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service over real HTTP with the real rule base: the card contract of SPEC §3 on the
 * README's example (diazepam 20 → 10 mg/day) and the silence of a safe step (20 → 18 mg/day).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaperServiceIT {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

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

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String example(String name) throws IOException {
        return Files.readString(Path.of("docs/examples", name));
    }

    @Test
    void flagsHalvingADiazepamDoseWithOneCriticalCardAndASaferDose() throws Exception {
        HttpResponse<String> response =
                post("/cds-services/benzo-taper-order-sign", example("order-sign-diazepam-20-to-10.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        // The patient appears only as the subject of the draft that the update suggestion rewrites.
        assertThat(response.body()).doesNotContain("null").doesNotContain("1961-04-02");
        JsonNode cards = JSON.readTree(response.body()).get("cards");
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.get("uuid").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(card.get("summary").asString()).hasSizeLessThan(140).contains("50%");
        assertThat(card.get("indicator").asString()).isEqualTo("critical");
        assertThat(card.get("detail").asString())
                .contains("| 2026-05-20 | diazepam 20 mg/day (rx-1) | 20 |")
                .contains("| 2026-11-22 (draft) | diazepam 10 mg/day (draft-1) | 10 |")
                .contains("50 % reduction within 14 days")
                .contains("likely dependent, high risk");
        JsonNode source = card.get("source");
        assertThat(source.get("label").asString()).isNotBlank();
        assertThat(source.get("url").asString()).endsWith("/rules/taper-rate-exceeded");
        assertThat(source.get("topic").get("system").asString())
                .isEqualTo("http://taper-cds.org/fhir/CodeSystem/advisory-category");
        assertThat(source.get("topic").get("code").asString()).isEqualTo("taper-rate-exceeded");
        assertThat(card.get("overrideReasons")).isNotEmpty().allSatisfy(reason -> {
            assertThat(reason.get("system").asString()).isNotBlank();
            assertThat(reason.get("code").asString()).isNotBlank();
            assertThat(reason.get("display").asString()).isNotBlank();
        });
        assertThat(card.get("links"))
                .anySatisfy(link ->
                        assertThat(link.get("url").asString()).isEqualTo("https://doi.org/10.1007/s11606-025-09499-2"));
        assertThat(card.get("selectionBehavior").asString()).isEqualTo("at-most-one");
        JsonNode action = card.get("suggestions").get(0).get("actions").get(0);
        assertThat(action.get("type").asString()).isEqualTo("update");
        MedicationRequest updated = FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(MedicationRequest.class, JSON.writeValueAsString(action.get("resource")));
        assertThat(updated.getIdElement().getIdPart()).isEqualTo("draft-1");
        assertThat(updated.getDosageInstruction()).singleElement().satisfies(line -> {
            assertThat(line.getDoseAndRateFirstRep().getDoseQuantity().getValue())
                    .isEqualByComparingTo("15");
            assertThat(line.getDoseAndRateFirstRep().getDoseQuantity().getCode())
                    .isEqualTo("mg");
            assertThat(line.getTiming().getRepeat().getFrequency()).isEqualTo(1);
        });
    }

    @Test
    void answersNoCardsForATenPercentStep() throws Exception {
        HttpResponse<String> response =
                post("/cds-services/benzo-taper-order-sign", example("order-sign-diazepam-20-to-18.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void servesTheRulePageThatACardLinksTo() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rules/taper-rate-exceeded"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("When:").contains("Then:").contains("taper-rate-exceeded");
    }
}
