package org.tapercds.alerts;

import java.time.Instant;

/**
 * What the pharmacists' queue is narrowed to; every part is optional (null or blank: no filter).
 *
 * @param status open, acknowledged, escalated or resolved
 * @param indicator info, warning or critical
 * @param category the advisory category (a card's {@code source.topic.code})
 * @param patientId the patient id as the EHR sent it
 * @param from alerts created at or after this instant
 * @param to alerts created before this instant
 */
public record AlertFilter(
        String status, String indicator, String category, String patientId, Instant from, Instant to) {

    public static final AlertFilter NONE = new AlertFilter(null, null, null, null, null, null);

    public AlertFilter {
        status = blankToNull(status);
        indicator = blankToNull(indicator);
        category = blankToNull(category);
        patientId = blankToNull(patientId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
