package org.tapercds.alerts;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.Evaluation;
import org.tapercds.evaluation.EvaluationListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each live request for the impact preview when {@code taper.alerts.keep-requests} is set
 * (off by default): the body as received, without its {@code fhirAuthorization} (a token is never
 * stored), written behind the call like the alerts and purged after that many days. The body is
 * serialised on the call's thread (tens of microseconds for a large call) so the writer's queue
 * holds a string, not the request's tree.
 */
@Component
class RequestKeeper implements EvaluationListener {

    static final String FHIR_AUTHORIZATION = "fhirAuthorization";

    private final AlertWriter writer;
    private final ObjectMapper json;
    private final Clock clock;
    private final boolean keeping;

    RequestKeeper(AlertWriter writer, ObjectMapper json, Clock clock, AlertsProperties properties) {
        this.writer = writer;
        this.json = json;
        this.clock = clock;
        this.keeping = properties.keepingRequests();
    }

    @Override
    public void evaluated(Evaluation evaluation) {
        // Only the overload with the body keeps anything.
    }

    @Override
    public void evaluated(Evaluation evaluation, JsonNode body) {
        if (!keeping || !(body instanceof ObjectNode object)) {
            return;
        }
        ObjectNode kept = object;
        if (object.has(FHIR_AUTHORIZATION)) {
            kept = object.objectNode();
            for (var property : object.properties()) {
                if (!property.getKey().equals(FHIR_AUTHORIZATION)) {
                    kept.set(property.getKey(), property.getValue());
                }
            }
        }
        KeptRequest request = KeptRequest.of(
                evaluation.request().serviceId(),
                evaluation.request().hookInstance(),
                clock.instant(),
                json.writeValueAsString(kept));
        writer.submit(() -> List.of(request));
    }
}
