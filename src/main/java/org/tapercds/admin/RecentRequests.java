package org.tapercds.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.tapercds.alerts.KeptRequest;
import org.tapercds.alerts.KeptRequests;
import org.tapercds.evaluation.scenarios.Scenario;
import tools.jackson.databind.ObjectMapper;

/**
 * The live requests the alert store kept ({@code taper.alerts.keep-requests}) as scenarios without
 * expectations, each pinned to the moment it was evaluated, so the preview replays real calls beside
 * the library. Named {@code recent/<hookInstance>}: no patient data in a report.
 */
final class RecentRequests {

    /**
     * At most this many (the newest days' excess is left out; the report's scenario total counts the
     * library and the replayed requests together, and does not say whether this limit cut any).
     */
    static final int LIMIT = 5_000;

    private final KeptRequests kept;
    private final ObjectMapper json;
    private final Clock clock;

    RecentRequests(KeptRequests kept, ObjectMapper json, Clock clock) {
        this.kept = kept;
        this.json = json;
        this.clock = clock;
    }

    /** Those of the last {@code days} days (none when requests are not kept or {@code days} is 0). */
    List<Scenario> lastDays(int days) {
        if (days <= 0 || !kept.keeping()) {
            return List.of();
        }
        return kept.since(clock.instant().minus(Duration.ofDays(days)), LIMIT).stream()
                .map(this::scenario)
                .toList();
    }

    private Scenario scenario(KeptRequest request) {
        String name = "recent/" + request.hookInstance();
        return new Scenario(
                Path.of("recent", request.id() + ".json"),
                name,
                "a request to " + request.serviceId() + " evaluated at " + request.evaluatedAt(),
                request.evaluatedAt(),
                request.serviceId(),
                json.readTree(request.body()),
                List.of(),
                List.of(),
                List.of(),
                false);
    }
}
