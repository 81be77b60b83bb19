package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CDS Hooks calls of the order-sign example, each with a fresh hookInstance; remembers every card
 * uuid and hookInstance answered, to be found in the store afterwards.
 */
final class HookCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectNode example;
    final List<String> cards = new ArrayList<>();
    final List<String> hookInstances = new ArrayList<>();

    HookCalls() throws IOException {
        example = (ObjectNode)
                JSON.readTree(Files.readString(Path.of("docs/examples/order-sign-diazepam-20-to-10.json")));
    }

    /** One call: answered 200 with its cards, whatever the database is doing. */
    void call(int port) throws IOException, InterruptedException {
        ObjectNode body = example.deepCopy();
        String hookInstance = UUID.randomUUID().toString();
        body.put("hookInstance", hookInstance);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services/benzo-taper-order-sign"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("cards").size()).isPositive();
        answer.get("cards").forEach(card -> cards.add(card.get("uuid").stringValue()));
        hookInstances.add(hookInstance);
    }

    int status(int port, String path) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
