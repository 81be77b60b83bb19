package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.tapercds.system.ErrorCode;

/** A call that finds every evaluation slot busy for longer than max-wait: 503 overloaded, on a real server. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taper.evaluation.concurrency=1", "taper.evaluation.max-wait=100ms"})
@Import(EdgeTestConfiguration.class)
class OverloadIT {

    @LocalServerPort
    int port;

    @Autowired
    EvaluationGate gate;

    @Autowired
    MeterRegistry registry;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> orderSign() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/cds-services/benzo-taper-order-sign"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answers503OverloadedWhileTheOnlySlotIsHeldAnd200OnceItIsFree() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder =
                CompletableFuture.runAsync(() -> gate.run(CdsServicesController.UNAUTHENTICATED, () -> {
                    holding.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        double refusedBefore = overloadedCalls();
        HttpResponse<String> refused = orderSign();

        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, refused.body());
        assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo(ErrorCode.OVERLOADED.code());
        assertThat(orderSign().statusCode()).isEqualTo(200);
        assertThat(overloadedCalls() - refusedBefore).isEqualTo(1.0);
    }

    /** The body is read before a slot is taken: a client still sending its body holds no slot. */
    @Test
    void aSlowlySentBodyDoesNotHoldTheOnlySlot() throws Exception {
        byte[] body =
                EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString().getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /cds-services/benzo-taper-order-sign HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(200); // the server has the headers and half the body, and waits for the rest

            HttpResponse<String> other = orderSign();

            assertThat(other.statusCode()).isEqualTo(200);
        }
    }

    private double overloadedCalls() {
        var timer = registry.find("taper.hook.duration")
                .tags("service", "benzo-taper-order-sign", "outcome", ErrorCode.OVERLOADED.code())
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
