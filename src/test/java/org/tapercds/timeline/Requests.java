package org.tapercds.timeline;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.TaperSettings;
import org.tapercds.rules.SettingsFile;

/**
 * Builds {@code MedicationRequest}s the way EHRs send them: JSON assembled from small fragments and
 * parsed by HAPI, so the tests exercise the same parsing path as a hook call.
 */
final class Requests {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String UCUM = "http://unitsofmeasure.org";

    private static DrugKnowledge knowledge;
    private static TaperSettings settings;

    private Requests() {}

    /** The project's drug knowledge table (loaded once). */
    static synchronized DrugKnowledge knowledge() {
        if (knowledge == null) {
            knowledge = DrugKnowledge.load(Path.of("rules/knowledge"));
        }
        return knowledge;
    }

    /** The project's thresholds (loaded once). */
    static synchronized TaperSettings settings() {
        if (settings == null) {
            settings = SettingsFile.read(Path.of("rules"));
        }
        return settings;
    }

    static MedicationRequest parse(String json) {
        return FHIR.newJsonParser().parseResource(MedicationRequest.class, json);
    }

    static Medication parseMedication(String json) {
        return FHIR.newJsonParser().parseResource(Medication.class, json);
    }

    /** An active prescription (history). */
    static Builder active(String id) {
        return new Builder(id, "active");
    }

    /** A draft order being signed or selected. */
    static Builder draft(String id) {
        return new Builder(id, "draft");
    }

    static Builder order(String id, String status) {
        return new Builder(id, status);
    }

    /** {@code "doseQuantity"} with a UCUM code and the same text as unit. */
    static String dose(double value, String ucum) {
        return dose(value, ucum, ucum);
    }

    static String dose(double value, String ucum, String unitText) {
        return """
                {"doseQuantity": {"value": %s, "unit": "%s", "system": "%s", "code": "%s"}}"""
                .formatted(number(value), unitText, UCUM, ucum);
    }

    /** A dosage line: one dose, and the members of {@code timing.repeat}. */
    static String line(String doseAndRate, String repeat) {
        return """
                {"timing": {"repeat": {%s}}, "doseAndRate": [%s]}""".formatted(repeat, doseAndRate);
    }

    /** A dosage line of a taper plan step: {@code sequence}, dose and repeat. */
    static String step(int sequence, String doseAndRate, String repeat) {
        return """
                {"sequence": %d, "timing": {"repeat": {%s}}, "doseAndRate": [%s]}"""
                .formatted(sequence, repeat, doseAndRate);
    }

    /** {@code frequency} administrations per {@code period} {@code unit}. */
    static String every(int frequency, double period, String unit) {
        return "\"frequency\": %d, \"period\": %s, \"periodUnit\": \"%s\"".formatted(frequency, number(period), unit);
    }

    static String onceDaily() {
        return every(1, 1, "d");
    }

    static String daysDuration(int days) {
        return "\"boundsDuration\": {\"value\": %d, \"unit\": \"d\", \"system\": \"%s\", \"code\": \"d\"}"
                .formatted(days, UCUM);
    }

    /** A once-daily line of {@code mg} mg. */
    static String mgDaily(double mg) {
        return line(dose(mg, "mg"), onceDaily());
    }

    /** A once-daily line of {@code mg} mg from {@code start} (boundsPeriod.start). */
    static String mgDailyFrom(double mg, String start) {
        return line(dose(mg, "mg"), onceDaily() + ", \"boundsPeriod\": {\"start\": \"" + start + "\"}");
    }

    /** A once-daily line of {@code mg} mg from {@code start} to {@code end} (both days inclusive). */
    static String mgDailyBetween(double mg, String start, String end) {
        return line(
                dose(mg, "mg"),
                onceDaily() + ", \"boundsPeriod\": {\"start\": \"" + start + "\", \"end\": \"" + end + "\"}");
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A MedicationRequest under construction; {@link #build()} renders JSON and parses it. */
    static final class Builder {
        private final String id;
        private final String status;
        private String intent = "order";
        private String medication;
        private String authoredOn;
        private String dispenseRequest;
        private final List<String> contained = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private final List<String> members = new ArrayList<>();

        private Builder(String id, String status) {
            this.id = id;
            this.status = status;
        }

        Builder intent(String value) {
            this.intent = value;
            return this;
        }

        /** {@code medicationCodeableConcept} with an RxNorm code (product or ingredient). */
        Builder rxnorm(String code, String display) {
            this.medication =
                    """
                    "medicationCodeableConcept": {"coding": [{"system": "%s", "code": "%s", "display": "%s"}], "text": "%s"}"""
                            .formatted(RXNORM, code, display, display);
            return this;
        }

        Builder diazepam10Tablet() {
            return rxnorm("197589", "diazepam 10 MG Oral Tablet");
        }

        Builder lorazepam1Tablet() {
            return rxnorm("197901", "lorazepam 1 MG Oral Tablet");
        }

        Builder medicationReference(String reference) {
            this.medication = "\"medicationReference\": {\"reference\": \"" + reference + "\"}";
            return this;
        }

        Builder contained(String resourceJson) {
            contained.add(resourceJson);
            return this;
        }

        Builder authoredOn(String value) {
            this.authoredOn = value;
            return this;
        }

        Builder validity(String start, String end) {
            StringBuilder period = new StringBuilder();
            if (start != null) {
                period.append("\"start\": \"").append(start).append('"');
            }
            if (end != null) {
                period.append(period.isEmpty() ? "" : ", ")
                        .append("\"end\": \"")
                        .append(end)
                        .append('"');
            }
            this.dispenseRequest = "\"dispenseRequest\": {\"validityPeriod\": {" + period + "}}";
            return this;
        }

        /** A top-level member as JSON, e.g. {@code "priorPrescription": {...}}. */
        Builder member(String memberJson) {
            members.add(memberJson);
            return this;
        }

        Builder line(String dosageJson) {
            lines.add(dosageJson);
            return this;
        }

        String json() {
            List<String> members = new ArrayList<>();
            members.add("\"resourceType\": \"MedicationRequest\"");
            members.add("\"id\": \"" + id + "\"");
            if (!contained.isEmpty()) {
                members.add("\"contained\": [" + String.join(", ", contained) + "]");
            }
            members.add("\"status\": \"" + status + "\"");
            members.add("\"intent\": \"" + intent + "\"");
            if (medication != null) {
                members.add(medication);
            }
            members.add("\"subject\": {\"reference\": \"Patient/p1\"}");
            if (authoredOn != null) {
                members.add("\"authoredOn\": \"" + authoredOn + "\"");
            }
            if (!lines.isEmpty()) {
                members.add("\"dosageInstruction\": [" + String.join(", ", lines) + "]");
            }
            if (dispenseRequest != null) {
                members.add(dispenseRequest);
            }
            members.addAll(this.members);
            return "{" + String.join(", ", members) + "}";
        }

        MedicationRequest build() {
            return parse(json());
        }
    }
}
