package org.tapercds.timeline;

import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Property;

/**
 * The allow-list of dosage elements the normaliser computes (RULES §1). An order whose dosage uses
 * any other element — a {@code rate}, {@code boundsRange}, a modifier extension, {@code doNotPerform}
 * — is unassessable, by construction: an element FHIR adds or an EHR sends that this list does not
 * name can never be silently ignored. Elements listed but not changing the amount taken (route, site,
 * method, instructions, the caps {@code maxDosePer*}) are understood as not affecting the dose.
 */
final class UnderstoodElements {

    private static final Set<String> DOSAGE = Set.of(
            "id",
            "extension",
            "sequence",
            "text",
            "additionalInstruction",
            "patientInstruction",
            "timing",
            "asNeeded[x]",
            "site",
            "route",
            "method",
            "doseAndRate",
            "maxDosePerPeriod",
            "maxDosePerAdministration",
            "maxDosePerLifetime");

    private static final Set<String> DOSE_AND_RATE = Set.of("id", "extension", "type", "dose[x]");

    private static final Set<String> TIMING = Set.of("id", "extension", "event", "repeat", "code");

    private static final Set<String> REPEAT = Set.of(
            "id",
            "extension",
            "bounds[x]",
            "count",
            "countMax",
            "duration",
            "durationMax",
            "durationUnit",
            "frequency",
            "frequencyMax",
            "period",
            "periodMax",
            "periodUnit",
            "dayOfWeek",
            "timeOfDay",
            "when",
            "offset");

    private UnderstoodElements() {}

    /** Refuses an order whose dosage uses an element the normaliser does not compute. */
    static void require(MedicationRequest order) {
        if (order.getDoNotPerform()) {
            throw new Unassessable("the order says not to give the drug (doNotPerform)");
        }
        if (order.hasModifierExtension()) {
            throw new Unassessable("the order has a modifier extension that is not understood");
        }
        for (Dosage line : order.getDosageInstruction()) {
            check(line, DOSAGE, "dosageInstruction");
            for (Dosage.DosageDoseAndRateComponent doseAndRate : line.getDoseAndRate()) {
                check(doseAndRate, DOSE_AND_RATE, "doseAndRate");
            }
            if (line.hasTiming()) {
                check(line.getTiming(), TIMING, "timing");
                if (line.getTiming().hasRepeat()) {
                    check(line.getTiming().getRepeat(), REPEAT, "timing.repeat");
                    if (line.getTiming().getRepeat().hasBounds()) {
                        Base bounds = line.getTiming().getRepeat().getBounds();
                        if (!(bounds instanceof Duration) && !(bounds instanceof Period)) {
                            throw new Unassessable("timing.repeat.bounds" + bounds.fhirType() + " is not understood");
                        }
                    }
                }
            }
        }
    }

    private static void check(Base element, Set<String> understood, String path) {
        for (Property property : element.children()) {
            if (property.hasValues() && !understood.contains(property.getName())) {
                String name = property.getName().replace("[x]", "");
                throw new Unassessable(
                        "the dosage uses " + path + "." + name + ", which this service does not compute");
            }
        }
    }
}
