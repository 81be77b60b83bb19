package org.tapercds.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A CDS Hooks request kept for the impact preview ({@code taper.alerts.keep-requests}): the body as
 * received, without {@code fhirAuthorization} (what the FHIR fallback fetched is not in it), when,
 * and by which service.
 *
 * @param evaluatedAt the evaluation's "now", which a replay pins
 * @param body the request's JSON (patient data: kept in the database like the alerts, never logged)
 */
public record KeptRequest(String id, String serviceId, String hookInstance, Instant evaluatedAt, String body)
        implements StoreRecord {

    static KeptRequest of(String serviceId, String hookInstance, Instant evaluatedAt, String body) {
        String id = UUID.nameUUIDFromBytes((serviceId + "|" + hookInstance).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new KeptRequest(id, serviceId, hookInstance, evaluatedAt, body);
    }
}
