package org.tapercds.fhir;

import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;

/** The medication an order is for: its code, or the {@code Medication} it references. */
public final class Medications {

    private Medications() {}

    /**
     * The code of what an order is for: {@code medicationCodeableConcept}, else the code of the
     * {@code Medication} it references ({@link #referenced}); null when there is neither.
     */
    public static CodeableConcept code(MedicationRequest order, Map<String, Medication> medications) {
        if (order.hasMedicationCodeableConcept()) {
            return order.getMedicationCodeableConcept();
        }
        if (!order.hasMedicationReference()) {
            return null;
        }
        Medication medication = referenced(order, medications);
        return medication == null ? null : medication.getCode();
    }

    /**
     * The {@code Medication} an order references: contained ({@code #id}) or one of the call's
     * Medication resources by {@code Medication/id} (relative or absolute); null when not found.
     *
     * @param medications the call's {@code Medication} resources by {@code Medication/id} and {@code id}
     */
    public static Medication referenced(MedicationRequest order, Map<String, Medication> medications) {
        String reference = order.getMedicationReference().getReference();
        if (reference == null) {
            return null;
        }
        if (reference.startsWith("#")) {
            for (Resource contained : order.getContained()) {
                if (contained instanceof Medication medication
                        && reference
                                .substring(1)
                                .equals(contained.getIdElement().getIdPart())) {
                    return medication;
                }
            }
            return null;
        }
        Medication found = medications.get(reference);
        if (found == null && reference.contains("/")) {
            found = medications.get(
                    reference.substring(reference.lastIndexOf('/', reference.lastIndexOf('/') - 1) + 1));
        }
        return found;
    }
}
