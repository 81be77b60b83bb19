package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tapercds.hooks.EdgeClient.expression;
import static org.tapercds.hooks.EdgeClient.outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.system.ErrorCode;

/**
 * CDS Hooks 2.0 feedback through the real application: the specification's envelope and a bare
 * item are validated, stored one row per item and joined to the alert of the card by its uuid (the
 * alert made by a real call); an unknown card uuid is stored unmatched and counted, never dropped.
 */
@SpringBootTest
class FeedbackIT {

    private static final String PATH = "/cds-services/benzo-taper-order-sign/feedback";

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    private static final String ACCEPTED =
            """
            {"card": "7a3c9e1e-0000-4000-8000-000000000001", "outcome": "accepted",
             "acceptedSuggestions": [{"id": "e56e1945-0000-4000-8000-000000000002"}],
             "outcomeTimestamp": "2026-11-22T10:00:00Z"}""";

    private static final String OVERRIDDEN =
            """
            {"card": "7a3c9e1e-0000-4000-8000-000000000001", "outcome": "overridden",
             "overrideReason": {"reason": {"system": "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes",
               "code": "benefits-outweigh-risks", "display": "Benefits outweigh risks"}, "userComment": "discussed"},
             "outcomeTimestamp": "2026-11-22T11:00:00+01:00"}""";

    private final EdgeClient client;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    FeedbackIT(@Autowired WebApplicationContext context, @Autowired JdbcClient jdbc, @Autowired MeterRegistry meters) {
        this.client = new EdgeClient(context);
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** A real call for a patient of its own (an override snoozes the patient's category). */
    private String cardOfARealCall() throws IOException {
        String request = Files.readString(Path.of("docs/examples/order-sign-diazepam-20-to-10.json"))
                .replace("pat-demo", "pat-" + UUID.randomUUID())
                .replace(
                        "d1b8e0e4-5a4f-4b7e-9d55-6f1f0c2a9a01",
                        UUID.randomUUID().toString());
        MvcTestResult result = client.call("benzo-taper-order-sign", request);
        assertThat(result).hasStatusOk();
        return EdgeClient.JSON
                .readTree(EdgeClient.body(result))
                .at("/cards/0/uuid")
                .stringValue();
    }

    private List<Map<String, Object>> feedbackRows(String cardUuid) {
        return jdbc.sql("select * from feedback where card_uuid = ? order by outcome")
                .param(cardUuid)
                .query()
                .listOfRows();
    }

    private double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void storesEveryItemOfTheEnvelopeJoinedToTheAlertOfARealCall() throws IOException {
        String uuid = cardOfARealCall();
        double overriddenBefore = count("taper.feedback.received", "outcome", "overridden");

        MvcTestResult result = client.post(
                PATH,
                "{\"feedback\": [" + ACCEPTED.replace("7a3c9e1e-0000-4000-8000-000000000001", uuid) + ", "
                        + OVERRIDDEN.replace("7a3c9e1e-0000-4000-8000-000000000001", uuid) + "]}");

        assertThat(result).hasStatusOk();
        assertThat(EdgeClient.body(result)).isEqualTo("{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> feedbackRows(uuid).size() == 2);
        List<Map<String, Object>> rows = feedbackRows(uuid);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("MATCHED")).isEqualTo(true);
            assertThat(row.get("SERVICE_ID")).isEqualTo("benzo-taper-order-sign");
            assertThat(row.get("ID")).asString().hasSize(36);
        });
        Map<String, Object> accepted = rows.get(0);
        assertThat(accepted.get("OUTCOME")).isEqualTo("accepted");
        assertThat(accepted.get("ACCEPTED_SUGGESTIONS")).isEqualTo("[\"e56e1945-0000-4000-8000-000000000002\"]");
        assertThat(accepted.get("OVERRIDE_CODE")).isNull();
        Map<String, Object> overridden = rows.get(1);
        assertThat(overridden.get("OUTCOME")).isEqualTo("overridden");
        assertThat(overridden.get("OVERRIDE_SYSTEM"))
                .isEqualTo("http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes");
        assertThat(overridden.get("OVERRIDE_CODE")).isEqualTo("benefits-outweigh-risks");
        assertThat(overridden.get("OVERRIDE_DISPLAY")).isEqualTo("Benefits outweigh risks");
        assertThat(overridden.get("USER_COMMENT")).isEqualTo("discussed");
        assertThat(((OffsetDateTime) overridden.get("OUTCOME_TIMESTAMP")).toInstant())
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(count("taper.feedback.received", "outcome", "overridden") - overriddenBefore)
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        jdbc.sql("select outcome, detail from audit_event where kind = 'feedback' and alert_id = ?")
                                .param(uuid)
                                .query((rs, n) -> rs.getString("outcome") + " " + rs.getString("detail"))
                                .list())
                .hasSize(2)
                .anySatisfy(audit -> assertThat(audit).startsWith("overridden"))
                .noneSatisfy(audit -> assertThat(audit).contains("discussed")));
    }

    @Test
    void storesABareItemJoinedToItsAlert() throws IOException {
        String uuid = cardOfARealCall();

        assertThat(client.post(PATH, ACCEPTED.replace("7a3c9e1e-0000-4000-8000-000000000001", uuid)))
                .hasStatusOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(feedbackRows(uuid))
                .singleElement()
                .satisfies(row -> assertThat(row.get("MATCHED")).isEqualTo(true)));
    }

    @Test
    void storesFeedbackForAnUnknownCardUnmatchedAndCountsIt() {
        String unknown = UUID.randomUUID().toString();
        double before = count("taper.feedback.unmatched");

        assertThat(client.post(PATH, OVERRIDDEN.replace("7a3c9e1e-0000-4000-8000-000000000001", unknown)))
                .hasStatusOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(feedbackRows(unknown))
                .singleElement()
                .satisfies(row -> assertThat(row.get("MATCHED")).isEqualTo(false)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count("taper.feedback.unmatched") - before)
                .isEqualTo(1));
        assertThat(jdbc.sql("select count(*) from snooze where feedback_id = ?")
                        .param(feedbackRows(unknown).get(0).get("ID"))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void rejectsAnUnknownOutcome() {
        String item = ACCEPTED.replace("\"accepted\"", "\"ignored\"");

        assertThat(expression(outcome(client.post(PATH, "{\"feedback\": [" + item + "]}"), ErrorCode.INVALID_FIELD)))
                .isEqualTo("feedback[0].outcome");
    }

    @Test
    void rejectsAMissingCard() {
        String item = ACCEPTED.replace("\"card\": \"7a3c9e1e-0000-4000-8000-000000000001\",", "");

        assertThat(expression(outcome(
                        client.post(PATH, "{\"feedback\": [" + OVERRIDDEN + ", " + item + "]}"),
                        ErrorCode.MISSING_FIELD)))
                .isEqualTo("feedback[1].card");
    }

    @Test
    void rejectsATimestampThatIsNotAnInstant() {
        String item = ACCEPTED.replace("2026-11-22T10:00:00Z", "yesterday");

        assertThat(expression(outcome(client.post(PATH, item), ErrorCode.INVALID_FIELD)))
                .isEqualTo("outcomeTimestamp");
    }

    @Test
    void rejectsAcceptedSuggestionsWithoutId() {
        String item = ACCEPTED.replace("\"id\":", "\"uuid\":");

        assertThat(expression(outcome(client.post(PATH, item), ErrorCode.MISSING_FIELD)))
                .isEqualTo("acceptedSuggestions[0].id");
    }

    @Test
    void rejectsAnOverrideReasonOnAnAcceptedCard() {
        String item = OVERRIDDEN.replace("\"overridden\"", "\"accepted\"");

        assertThat(expression(outcome(client.post(PATH, item), ErrorCode.INVALID_FIELD)))
                .isEqualTo("overrideReason");
    }

    @Test
    void rejectsABodyWithoutFeedback() {
        assertThat(expression(outcome(client.post(PATH, "{\"items\": []}"), ErrorCode.MISSING_FIELD)))
                .isEqualTo("feedback");
    }

    @Test
    void answersNotFoundForAnUnknownService() {
        outcome(client.post("/cds-services/nope/feedback", ACCEPTED), ErrorCode.UNKNOWN_SERVICE);
    }
}
