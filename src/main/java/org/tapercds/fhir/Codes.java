package org.tapercds.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/**
 * How this service reads the codes and units of FHIR data: the code systems it knows by name, the
 * display text of a concept, and the unit of a quantity. Membership of a concept in a ValueSet is
 * {@link Terminology#containsAny}.
 */
public final class Codes {

    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String SNOMED = "http://snomed.info/sct";

    private Codes() {}

    /** What a concept is called: its text, else the display of its first coding that has one; null when neither. */
    public static String display(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                return coding.getDisplay();
            }
        }
        return null;
    }

    /** {@link #display}, else the code of the concept's first coding; null when it has none. */
    public static String displayOrCode(CodeableConcept concept) {
        String display = display(concept);
        if (display != null) {
            return display;
        }
        return concept.hasCoding() && concept.getCoding().get(0).hasCode()
                ? concept.getCoding().get(0).getCode()
                : null;
    }

    /**
     * The unit of a measured value as it was sent: its code (of whatever system), else its unit text;
     * null when it has neither.
     */
    public static String unit(Quantity quantity) {
        if (quantity.hasCode()) {
            return quantity.getCode();
        }
        return quantity.hasUnit() ? quantity.getUnit() : null;
    }

    /**
     * The unit of a dose or strength: its code where that is UCUM (or has no system) or a SNOMED CT
     * unit of presentation, else its unit text, trimmed; null when it has neither.
     */
    public static String doseUnit(Quantity quantity) {
        if (quantity.hasCode() && (!quantity.hasSystem() || UCUM.equals(quantity.getSystem()))) {
            return quantity.getCode();
        }
        if (quantity.hasCode() && SNOMED.equals(quantity.getSystem())) {
            return quantity.getCode();
        }
        return quantity.hasUnit() ? quantity.getUnit().trim() : null;
    }
}
