package org.tapercds.evidence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.tapercds.facts.AlcoholEvidence;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.FhirDates;
import org.tapercds.fhir.Terminology;

/**
 * The alcohol evidence of the co-use rules (RULES §4): per measure of {@code alcohol-evidence.csv},
 * every current Condition in its ValueSet, or every result within its look-back, judged against its
 * threshold, the latest judged result marked.
 */
final class AlcoholFacts {

    private final Terminology terminology;
    private final List<AlcoholMeasure> measures;

    AlcoholFacts(Terminology terminology, List<AlcoholMeasure> measures) {
        this.terminology = terminology;
        this.measures = measures;
    }

    /** Every alcohol result within its look-back, the latest of each measure marked (RULES §4). */
    List<AlcoholEvidence> of(EvidenceFacts.Inputs in) {
        boolean male = in.patient() != null && in.patient().getGender() == AdministrativeGender.MALE;
        List<AlcoholEvidence> facts = new ArrayList<>();
        for (AlcoholMeasure measure : measures) {
            if (measure.condition()) {
                conditions(measure, in.conditions(), facts);
            } else {
                results(measure, in.observations(), in.scope().today(), male, facts);
            }
        }
        return facts;
    }

    private void conditions(AlcoholMeasure measure, List<Condition> conditions, List<AlcoholEvidence> facts) {
        for (Condition condition : conditions) {
            if (Findings.currentCondition(condition)
                    && terminology.containsAny(measure.valueSet(), condition.getCode())) {
                facts.add(new AlcoholEvidence(
                        measure.measure(),
                        Findings.name(condition.getCode()),
                        FhirDates.onset(condition),
                        true,
                        true,
                        true));
            }
        }
    }

    private void results(
            AlcoholMeasure measure,
            List<Observation> observations,
            LocalDate today,
            boolean male,
            List<AlcoholEvidence> facts) {
        List<Observation> results = new ArrayList<>();
        for (Observation observation : observations) {
            // The measure's ValueSet first: it rules out most observations before any date is read.
            if (!terminology.containsAny(measure.valueSet(), observation.getCode())
                    || !Findings.isResult(observation)) {
                continue;
            }
            LocalDate date = FhirDates.effective(observation);
            if (date != null && !date.isAfter(today) && Findings.numeric(observation) != null) {
                results.add(observation);
            }
        }
        // By day, then by the time of day where there is one (two results on one day; offsets
        // compared as instants, not as text; a date alone first).
        results.sort(Comparator.comparing(FhirDates::effective)
                .thenComparingLong(o -> FhirDates.timeOfDayOrder(FhirDates.effectiveElement(o))));
        // Only a result that could be judged (its unit is the measure's) can supersede another.
        int latestJudged = -1;
        for (int i = 0; i < results.size(); i++) {
            if (judged(measure, Findings.numeric(results.get(i)))) {
                latestJudged = i;
            }
        }
        for (int i = 0; i < results.size(); i++) {
            Observation observation = results.get(i);
            LocalDate date = FhirDates.effective(observation);
            long age = ChronoUnit.DAYS.between(date, today);
            if (age > measure.lookbackDays()) {
                continue;
            }
            Quantity value = Findings.numeric(observation);
            boolean judged = judged(measure, value);
            facts.add(new AlcoholEvidence(
                    measure.measure(),
                    value.getValue().stripTrailingZeros().toPlainString()
                            + (Codes.unit(value) == null ? "" : " " + Codes.unit(value))
                            + (judged ? "" : " (unit not " + measure.unit() + ": not judged)"),
                    date,
                    judged && measure.positive(value.getValue().doubleValue(), male),
                    i == latestJudged,
                    true));
        }
    }

    /** A result can be judged when the measure needs no unit or it carries the measure's (any case). */
    private static boolean judged(AlcoholMeasure measure, Quantity value) {
        return measure.unit() == null || measure.unit().equalsIgnoreCase(Codes.unit(value));
    }
}
