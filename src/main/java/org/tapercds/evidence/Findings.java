package org.tapercds.evidence;

import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.tapercds.fhir.Codes;

/** How the evidence producers read an Observation or a Condition: which count, their value, their name. */
final class Findings {

    private static final Set<String> RESULT_STATUSES = Set.of("final", "amended", "corrected");
    private static final Set<String> CURRENT_CONDITION = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_A_CONDITION = Set.of("refuted", "entered-in-error");

    private Findings() {}

    /** An Observation that is a result: final, amended or corrected. */
    static boolean isResult(Observation observation) {
        return observation.hasStatus()
                && RESULT_STATUSES.contains(observation.getStatus().toCode());
    }

    /** The numeric value of an Observation (a Quantity with a value, or an integer); null when none. */
    static Quantity numeric(Observation observation) {
        if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
            return observation.getValueQuantity();
        }
        if (observation.hasValueIntegerType()
                && observation.getValueIntegerType().getValue() != null) {
            return new Quantity(observation.getValueIntegerType().getValue());
        }
        return null;
    }

    /** A Condition that is current: active, a recurrence or a relapse, and not refuted. */
    static boolean currentCondition(Condition condition) {
        if (refuted(condition)) {
            return false;
        }
        String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
        return status != null && CURRENT_CONDITION.contains(status);
    }

    /** A Condition that is refuted or was entered in error. */
    static boolean refuted(Condition condition) {
        String verification =
                condition.getVerificationStatus().getCodingFirstRep().getCode();
        return verification != null && NOT_A_CONDITION.contains(verification);
    }

    /** What a concept is called on cards: its text, display or code, else "unnamed". */
    static String name(CodeableConcept concept) {
        String display = Codes.displayOrCode(concept);
        return display != null ? display : "unnamed";
    }
}
