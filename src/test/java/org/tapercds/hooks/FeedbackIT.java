package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.hooks.EdgeClient.expression;
import static org.tapercds.hooks.EdgeClient.outcome;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import org.tapercds.system.ErrorCode;

@EdgeTest
class FeedbackIT {

    private static final String PATH = "/cds-services/benzo-taper-order-sign/feedback";

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

    private final FeedbackSink.Counting sink;

    FeedbackIT(@Autowired WebApplicationContext context, @Autowired FeedbackSink.Counting sink) {
        this.client = new EdgeClient(context);
        this.sink = sink;
    }

    @Test
    void acceptsTheSpecificationsEnvelopeAndHandsEveryItemToTheSink() {
        long before = sink.received();

        MvcTestResult result = client.post(PATH, "{\"feedback\": [" + ACCEPTED + ", " + OVERRIDDEN + "]}");

        assertThat(result).hasStatusOk();
        assertThat(EdgeClient.body(result)).isEqualTo("{}");
        assertThat(sink.received() - before).isEqualTo(2);
    }

    @Test
    void acceptsABareItem() {
        assertThat(client.post(PATH, OVERRIDDEN)).hasStatusOk();
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
