package org.tapercds.facts;

import java.time.LocalDate;

/** What is being evaluated: the hook and the day it is evaluated on (from the injected clock). */
public record EvaluationScope(Hook hook, LocalDate today, boolean hasBenzodiazepineDraft) {

    public boolean patientView() {
        return hook == Hook.PATIENT_VIEW;
    }
}
