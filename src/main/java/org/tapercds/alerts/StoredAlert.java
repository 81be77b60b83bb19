package org.tapercds.alerts;

import java.time.Instant;
import org.tapercds.evaluation.ChartEvidence;

/**
 * A stored alert as the console reads it (one card, shown or withheld by a snooze).
 *
 * @param evidence what the chart and the evidence tables show; null when the stored JSON cannot be
 *     read (an alert is still listed)
 * @param shown false when a snooze kept the card from the EHR
 * @param status open, acknowledged, escalated or resolved
 */
public record StoredAlert(
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
        ChartEvidence evidence,
        boolean shown,
        String status,
        Instant createdAt) {}
