package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.tapercds.system.ErrorCode;

/** The body limit on a real server (Tomcat), with and without Content-Length; the answer's framing. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "taper.max-body-bytes=" + BodyLimitIT.LIMIT)
@Import(EdgeTestConfiguration.class)
class BodyLimitIT {

    static final int LIMIT = 20_000;

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/cds-services/benzo-taper-order-sign"))
                .header("Content-Type", "application/json")
                .POST(body)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] oversized() {
        String example = EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString();
        return (example.substring(0, example.length() - 1) + ", \"padding\": \"" + "x".repeat(LIMIT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(ErrorCode.BODY_TOO_LARGE.code());
    }

    @Test
    void refusesABodyWithContentLengthOverTheLimit() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(oversized())));
    }

    @Test
    void refusesAChunkedBodyOverTheLimit() throws Exception {
        byte[] body = oversized();
        // ofInputStream has no known length, so the client sends Transfer-Encoding: chunked.
        assertTooLarge(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        byte[] body =
                EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response =
                post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("patient=pat-example").doesNotContain(EdgeClient.PATIENT_NAME);
    }

    @Test
    void answersWithAContentLengthNotChunked() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(
                EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(response.body()).contains("\"cards\"");
    }
}
