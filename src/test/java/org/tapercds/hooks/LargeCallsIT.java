package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13 item 5: a few clients sending near-limit requests (thousands of history orders) do not
 * starve ordinary calls. Large calls share all evaluation slots but one, and a prefetch Bundle is
 * read up to {@code taper.limits.max-entries-per-key} entries (the most recent), the card saying
 * how many were left out. Four clients send 4–5 MB calls without pause while one client sends
 * ordinary calls: every ordinary call is answered (none waits out {@code max-wait} behind the large
 * ones). Its latency is a performance figure, measured by {@code bench/large-calls.sh} against the
 * packaged service and reported in docs/performance.md, not asserted here (a timed test on a shared
 * 2-core machine would fail on a GC pause, not on a regression).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taper.evaluation.concurrency=2", "taper.max-body-bytes=6291456"})
class LargeCallsIT {

    private static final int HISTORY_ORDERS = 6_500;
    private static final int ORDINARY_CALLS = 300;
    private static final String ORDER_SIGN = "/cds-services/benzo-taper-order-sign";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void ordinaryCallsStayFastWhileLargeCallsRun() throws Exception {
        String ordinary = EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE).toString();
        // Encoded once: the clients run in this JVM, and re-encoding 5 MB per call would compete
        // with the server for the two cores.
        byte[] large = large().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(large.length).isBetween(4_000_000, 6_000_000);

        HttpResponse<String> one = post(large);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("taper-rate-exceeded").contains("older entries were left out");
        for (int i = 0; i < 50; i++) {
            assertThat(post(ordinary).statusCode()).isEqualTo(200); // warm
        }

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger largeAnswered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    if (post(large).statusCode() == 200) {
                        largeAnswered.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(500); // the large calls are in
            for (int i = 0; i < ORDINARY_CALLS; i++) {
                HttpResponse<String> response = post(ordinary);
                assertThat(response.statusCode()).isEqualTo(200);
            }
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> client : running) {
            client.get();
        }
        assertThat(largeAnswered.get()).as("large calls answered meanwhile").isPositive();
    }

    /** The ordinary example with {@link #HISTORY_ORDERS} older copies of its history order. */
    private static String large() {
        ObjectNode request = EdgeClient.example(EdgeClient.ORDER_SIGN_EXAMPLE);
        ArrayNode entries =
                (ArrayNode) request.get("prefetch").get("medications").get("entry");
        ObjectNode template = (ObjectNode) entries.get(0).deepCopy();
        LocalDate oldest = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < HISTORY_ORDERS; i++) {
            ObjectNode copy = template.deepCopy();
            ObjectNode resource = (ObjectNode) copy.get("resource");
            resource.put("id", "old-" + i);
            resource.put("status", "completed");
            LocalDate authored = oldest.plusDays(i % 1000);
            resource.put("authoredOn", authored.toString());
            resource.putObject("dispenseRequest")
                    .putObject("validityPeriod")
                    .put("start", authored.toString())
                    .put("end", authored.plusDays(30).toString());
            entries.add(copy);
        }
        return request.toString();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ORDER_SIGN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
