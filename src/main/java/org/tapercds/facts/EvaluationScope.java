package org.tapercds.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * What is being evaluated: the hook, the day it is evaluated on (from the injected clock), and which
 * draft orders are under review.
 *
 * @param hasBenzodiazepineDraft a benzodiazepine or Z-drug draft is under review
 * @param selectedOrders for order-select, the ids of the selected drafts; empty means every draft
 */
public record EvaluationScope(Hook hook, LocalDate today, boolean hasBenzodiazepineDraft, Set<String> selectedOrders) {

    public EvaluationScope {
        selectedOrders = Set.copyOf(selectedOrders);
    }

    public boolean patientView() {
        return hook == Hook.PATIENT_VIEW;
    }

    /** Whether advice about this draft belongs in this call (order-select: only the selected ones). */
    public boolean reviewsDraft(String orderId) {
        return selectedOrders.isEmpty() || selectedOrders.contains(orderId);
    }
}
