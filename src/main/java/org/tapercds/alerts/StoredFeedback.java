package org.tapercds.alerts;

import java.time.Instant;

/**
 * The EHR's feedback on a card, as stored (CDS Hooks 2.0 feedback).
 *
 * @param outcome accepted or overridden
 * @param overrideCode the override reason's code, null when none was given
 * @param comment the user's free-text comment on the override, null when none
 */
public record StoredFeedback(
        String id,
        String cardUuid,
        String serviceId,
        String outcome,
        String overrideSystem,
        String overrideCode,
        String overrideDisplay,
        String comment,
        Instant outcomeTimestamp,
        Instant receivedAt) {}
