package org.tapercds.evidence;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
        // Only a result that could be judged (in the measure's unit or one convertible to it) can
        // supersede another.
        int latestJudged = -1;
        for (int i = 0; i < results.size(); i++) {
            if (inMeasureUnit(measure, Findings.numeric(results.get(i))).isPresent()) {
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
            Optional<BigDecimal> judged = inMeasureUnit(measure, value);
            facts.add(new AlcoholEvidence(
                    measure.measure(),
                    result(measure, value, judged),
                    date,
                    judged.isPresent() && measure.positive(judged.get().doubleValue(), male),
                    i == latestJudged,
                    true));
        }
    }

    /** The result's value in the measure's unit, converted where it is another known unit; empty: not judged. */
    private static Optional<BigDecimal> inMeasureUnit(AlcoholMeasure measure, Quantity value) {
        return measure.inMeasureUnit(value.getValue(), Codes.unit(value));
    }

    /**
     * The result as the card shows it: as recorded, with its value in the measure's unit when it was
     * converted ("0.05 umol/L (= 35.15 ng/mL)"), or marked not judged when its unit cannot be.
     */
    private static String result(AlcoholMeasure measure, Quantity value, Optional<BigDecimal> judged) {
        String unit = Codes.unit(value);
        String recorded = plain(value.getValue()) + (unit == null ? "" : " " + unit);
        if (judged.isEmpty()) {
            return recorded + " (unit not " + measure.unit() + ": not judged)";
        }
        boolean converted = measure.unit() != null
                && unit != null
                && !AlcoholMeasure.unitKey(unit).equals(AlcoholMeasure.unitKey(measure.unit()));
        return converted ? recorded + " (= " + plain(judged.get()) + " " + measure.unit() + ")" : recorded;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
