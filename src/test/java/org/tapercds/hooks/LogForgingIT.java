package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * Request content never reaches the log, so a value with a line break cannot forge a log line: calls
 * whose references, unknown elements, contained resources and texts carry a marker after a newline
 * (on the real pipeline, with profile validation logging its issue counts) leave no trace of it in
 * the output. HAPI's parser warnings, which quote what they parse, are silenced
 * ({@code logging.level.ca.uhn.fhir.parser}).
 */
@SpringBootTest(properties = "taper.validation.mode=warn")
@ExtendWith(OutputCaptureExtension.class)
class LogForgingIT {

    private static final String FORGED = "FORGED-LOG-LINE";

    private final MockMvcTester mvc;

    LogForgingIT(@Autowired WebApplicationContext context) {
        this.mvc = MockMvcTester.from(context);
    }

    @Test
    void requestContentWithLineBreaksLeavesNoTraceInTheLog(CapturedOutput output) {
        String example = EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString();
        String forged = "\\n2026-12-04T00:00:00Z ERROR " + FORGED;
        List<String> bodies = List.of(
                example.replace("\"Patient/", "\"Patient/x" + forged),
                example.replaceFirst(
                        "\"medicationCodeableConcept\"",
                        "\"medicationReference\": {\"reference\": \"#med" + forged + "\"}, \"x\""),
                example.replaceFirst(
                        "\"medicationCodeableConcept\"",
                        "\"medicationReference\": {\"reference\": \"Medication/m" + forged + "\"}, \"x\""),
                example.replaceFirst(
                        "\"medicationCodeableConcept\"",
                        "\"unknownElement" + forged + "\": \"v" + forged + "\", \"medicationCodeableConcept\""),
                example.replaceFirst(
                        "\"medicationCodeableConcept\"",
                        "\"contained\": [{\"resourceType\": \"Medication\", \"id\": \"c" + forged
                                + "\", \"code\": {\"text\": \"t" + forged + "\"}}], \"medicationCodeableConcept\""),
                example.replaceFirst("\"hookInstance\": \"[^\"]*\"", "\"hookInstance\": \"h" + forged + "\""));

        for (String body : bodies) {
            int status = mvc.post()
                    .uri("/cds-services/benzo-taper-order-sign")
                    .contentType("application/json")
                    .content(body)
                    .exchange()
                    .getResponse()
                    .getStatus();
            assertThat(status).isIn(200, 400);
        }

        assertThat(output.getAll()).doesNotContain(FORGED);
    }
}
