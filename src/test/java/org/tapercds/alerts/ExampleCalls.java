package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live CDS Hooks calls and feedback through the application's own endpoints, built from {@code
 * docs/examples/order-sign-diazepam-20-to-18.json} (diazepam 20 mg/day for months, a draft of the
 * given daily dose), for a patient and hookInstance of the test's choosing.
 */
final class ExampleCalls {

    static final String SERVICE = "benzo-taper-order-sign";
    static final String TAPER_RATE = "taper-rate-exceeded";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DATE = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})");

    private final MockMvcTester mvc;

    ExampleCalls(MockMvcTester mvc) {
        this.mvc = mvc;
    }

    /**
     * @param draftMg the draft's daily diazepam dose (from 20 mg: 14 is a 30 % cut, a warning; 10 a
     *     50 % cut, critical)
     * @param shiftDays every date of the request moved by this many days (for a clock moved as far)
     */
    static String request(String patientId, String hookInstance, int draftMg, int shiftDays) {
        String text;
        try {
            text = Files.readString(Path.of("docs/examples/order-sign-diazepam-20-to-18.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("pat-demo", patientId)
                .replace("d1b8e0e4-5a4f-4b7e-9d55-6f1f0c2a9a02", hookInstance)
                .replace("\"value\": 18", "\"value\": " + draftMg);
        Matcher dates = DATE.matcher(text);
        StringBuilder shifted = new StringBuilder();
        while (dates.find()) {
            dates.appendReplacement(
                    shifted, "\"" + LocalDate.parse(dates.group(1)).plusDays(shiftDays));
        }
        return dates.appendTail(shifted).toString();
    }

    JsonNode call(String body) {
        MvcTestResult result = post("/cds-services/" + SERVICE, body);
        assertThat(result).hasStatusOk();
        return JSON.readTree(result.getResponse().getContentAsByteArray());
    }

    MvcTestResult feedback(String body) {
        MvcTestResult result = post("/cds-services/" + SERVICE + "/feedback", body);
        assertThat(result).hasStatusOk();
        return result;
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    static Optional<JsonNode> card(JsonNode response, String category) {
        return StreamSupport.stream(response.get("cards").spliterator(), false)
                .filter(card -> category.equals(card.at("/source/topic/code").stringValue()))
                .findFirst();
    }

    static String overridden(String cardUuid) {
        return """
                {"feedback": [{"card": "%s", "outcome": "overridden",
                  "overrideReason": {"reason": {"system": "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes",
                    "code": "benefits-outweigh-risks", "display": "Benefits outweigh risks"}},
                  "outcomeTimestamp": "2026-11-22T10:05:00Z"}]}"""
                .formatted(cardUuid);
    }

    static String accepted(String cardUuid) {
        return """
                {"card": "%s", "outcome": "accepted", "outcomeTimestamp": "2026-11-22T10:05:00Z"}"""
                .formatted(cardUuid);
    }
}
