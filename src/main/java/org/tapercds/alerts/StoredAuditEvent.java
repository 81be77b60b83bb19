package org.tapercds.alerts;

import java.time.Instant;

/**
 * One row of the audit trail (SPEC §4): ids and outcomes only.
 *
 * @param kind evaluation, feedback or review-action
 * @param detail JSON of ids and outcomes (cards issued, rule ids and versions, duration)
 */
public record StoredAuditEvent(
        String id,
        String kind,
        Instant occurredAt,
        String actor,
        String patientId,
        String serviceId,
        String hookInstance,
        String alertId,
        String outcome,
        String detail) {}
