package org.tapercds.alerts;

import java.time.Instant;

/**
 * One feedback item as stored ({@code feedback} table). Whether it is {@code matched} to an alert is
 * decided when it is written: the writer keeps order, so the alert of a card issued before the
 * feedback arrived is already stored by then.
 *
 * @param id a uuid fixed when the item was received, so writing it again stores it once
 * @param acceptedSuggestions JSON array of the accepted suggestions' ids (null when none)
 * @param userComment the clinician's free text: may contain patient data, never logged
 */
public record FeedbackRow(
        String id,
        String cardUuid,
        String serviceId,
        String outcome,
        String acceptedSuggestions,
        String overrideSystem,
        String overrideCode,
        String overrideDisplay,
        String userComment,
        Instant outcomeTimestamp,
        Instant receivedAt)
        implements StoreRecord {

    @Override
    public String toString() {
        return "FeedbackRow[id=" + id + ", cardUuid=" + cardUuid + ", outcome=" + outcome + "]";
    }
}
