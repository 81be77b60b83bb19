package org.tapercds.alerts;

import java.time.Instant;

/**
 * One entry of the audit trail (SPEC §4): ids and outcomes only, never clinical text or comments.
 *
 * @param kind {@code evaluation}, {@code feedback} or {@code review-action}
 * @param actor the EHR user ({@code context.userId}) or the console user
 * @param detail JSON with ids and outcomes (e.g. the cards issued with rule ids and versions, the duration)
 */
public record AuditEvent(
        String id,
        String kind,
        Instant occurredAt,
        String actor,
        String patientId,
        String serviceId,
        String hookInstance,
        String alertId,
        String outcome,
        String detail)
        implements StoreRecord {

    public static final String EVALUATION = "evaluation";
    public static final String FEEDBACK = "feedback";
    public static final String REVIEW_ACTION = "review-action";
}
