package org.tapercds.alerts;

import java.time.Instant;

/**
 * One stored alert: a card as issued (or withheld by a snooze), with what the pharmacists need to
 * review it. Written once; its id is the card's uuid, so a retried call stores nothing twice.
 *
 * @param evidence JSON of {@link org.tapercds.evaluation.ChartEvidence}
 * @param shown false when a snooze kept the card from the EHR
 */
public record AlertRecord(
        String id,
        String hookInstance,
        String serviceId,
        String patientId,
        String encounterId,
        String userId,
        String draftOrderId,
        String category,
        String indicator,
        String ruleId,
        String ruleVersion,
        String ruleBaseVersion,
        String summary,
        String evidence,
        boolean shown,
        Instant createdAt)
        implements StoreRecord {

    /** The status of a new alert; pharmacists' review actions change it. */
    public static final String OPEN = "open";
}
