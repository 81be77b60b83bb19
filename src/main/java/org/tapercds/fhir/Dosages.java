package org.tapercds.fhir;

import org.hl7.fhir.r4.model.Dosage;

/** How this service reads a dosage instruction line. */
public final class Dosages {

    private Dosages() {}

    /** A line given as needed ({@code asNeededBoolean} true, or any {@code asNeededCodeableConcept}). */
    public static boolean asNeeded(Dosage line) {
        return (line.hasAsNeededBooleanType() && line.getAsNeededBooleanType().booleanValue())
                || line.hasAsNeededCodeableConcept();
    }
}
