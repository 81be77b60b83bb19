package org.tapercds.console;

import java.util.List;
import org.tapercds.alerts.StoredAction;
import org.tapercds.alerts.StoredAlert;
import org.tapercds.alerts.StoredFeedback;

/**
 * One alert with what the pharmacist reviews it by: its rule, the EHR's feedback and the review
 * actions so far. The same for the page and {@code GET /api/alerts/{id}}.
 *
 * @param rule the rule that raised it as the rule base in service describes it; null when that
 *     rule is no longer in service
 */
record AlertDetail(StoredAlert alert, RuleSummary rule, List<StoredFeedback> feedback, List<StoredAction> actions) {

    /**
     * @param page this service's documentation page of the rule
     * @param guideline the guideline or evidence source ({@code @link}), null when the rule has none
     * @param citation the source as cited
     * @param inService whether the alert's rule version is the one in service now
     */
    record RuleSummary(
            String id,
            String name,
            String version,
            String page,
            String guideline,
            String citation,
            boolean inService) {}
}
