package org.tapercds.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alerts for the console's end-to-end tests made the way production makes them: a CDS Hooks call
 * over HTTP (EHR authentication is off in the test profile), then waiting for the alert writer,
 * which stores them off the call's path.
 */
final class CdsHooksCalls {

    static final String ORDER_SIGN = "/cds-services/benzo-taper-order-sign";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final JdbcClient jdbc;

    CdsHooksCalls(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
    }

    /** A request file as it is, e.g. {@code src/test/resources/requests/order-sign-clonazepam-halved.json}. */
    static String request(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    /**
     * The clonazepam request (pat-example: halved in one step) with the same patient's three CIWA-B
     * scores from the patient-view example added to its observations, so the chart has scores too.
     */
    static String clonazepamHalvedWithCiwaB() throws IOException {
        ObjectNode request =
                (ObjectNode) JSON.readTree(request("src/test/resources/requests/order-sign-clonazepam-halved.json"));
        JsonNode scores = JSON.readTree(
                        request("src/test/resources/requests/patient-view-diazepam-taper-with-ciwa-b.json"))
                .at("/prefetch/observations/entry");
        ArrayNode entries = (ArrayNode) request.at("/prefetch/observations/entry");
        scores.forEach(entries::add);
        ((ObjectNode) request.at("/prefetch/observations")).put("total", entries.size());
        return JSON.writeValueAsString(request);
    }

    /** Calls order-sign and returns the cards' uuids once the writer has stored their alerts. */
    List<String> orderSign(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + ORDER_SIGN))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> uuids = new ArrayList<>();
        JSON.readTree(response.body())
                .get("cards")
                .forEach(card -> uuids.add(card.get("uuid").stringValue()));
        assertThat(uuids).isNotEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from alert where id in (:ids)")
                                .param("ids", uuids)
                                .query(Long.class)
                                .single())
                        .isEqualTo((long) uuids.size()));
        return uuids;
    }
}
