package org.tapercds.evidence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.tapercds.facts.AlcoholEvidence;
import org.tapercds.facts.BenzodiazepineUse;
import org.tapercds.facts.EvaluationScope;
import org.tapercds.facts.MedicationFact;
import org.tapercds.facts.NewWithdrawalSigns;
import org.tapercds.facts.TaperSettings;
import org.tapercds.facts.WithdrawalScore;
import org.tapercds.facts.WithdrawalSign;
import org.tapercds.facts.WithdrawalTrend;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.FhirDates;
import org.tapercds.fhir.Medications;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.ValueSets;

/**
 * Turns Observations, Conditions and the other medication orders into the facts of the co-use and
 * withdrawal rules, with value-set membership computed here, once per call.
 */
public final class EvidenceFacts {

    private static final Set<String> RESULT_STATUSES = Set.of("final", "amended", "corrected");
    private static final Set<String> CURRENT_CONDITION = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_A_CONDITION = Set.of("refuted", "entered-in-error");

    private final Terminology terminology;
    private final List<AlcoholMeasure> measures;
    private final TaperSettings settings;

    public EvidenceFacts(Terminology terminology, List<AlcoholMeasure> measures, TaperSettings settings) {
        this.terminology = terminology;
        this.measures = measures;
        this.settings = settings;
    }

    /** The inputs of one call. */
    public record Inputs(
            EvaluationScope scope,
            Patient patient,
            List<MedicationRequest> history,
            List<MedicationRequest> drafts,
            Map<String, Medication> medications,
            List<Observation> observations,
            List<Condition> conditions,
            BenzodiazepineUse benzodiazepineUse) {}

    public List<Object> facts(Inputs in) {
        List<Object> facts = new ArrayList<>();
        facts.addAll(medications(in));
        facts.addAll(alcohol(in));
        facts.addAll(withdrawal(in));
        return facts;
    }

    /** Non-benzodiazepine orders that belong to a ValueSet (opioids, naloxone, …). */
    private List<MedicationFact> medications(Inputs in) {
        List<MedicationFact> facts = new ArrayList<>();
        for (MedicationRequest order : in.history()) {
            String status = order.hasStatus() ? order.getStatus().toCode() : "";
            medicationFact(order, in.medications(), status.equals("active") || status.equals("on-hold"), false, facts);
        }
        if (!in.scope().patientView()) {
            for (MedicationRequest draft : in.drafts()) {
                if (in.scope().reviewsDraft(draft.getIdElement().getIdPart())) {
                    medicationFact(draft, in.medications(), false, true, facts);
                }
            }
        }
        return facts;
    }

    private void medicationFact(
            MedicationRequest order,
            Map<String, Medication> medications,
            boolean active,
            boolean drafted,
            List<MedicationFact> facts) {
        CodeableConcept code = Medications.code(order, medications);
        if (code == null) {
            return;
        }
        Set<String> valueSets = terminology.valueSetsOf(code.getCoding());
        if (valueSets.isEmpty() || valueSets.contains(ValueSets.BENZODIAZEPINES_AND_Z_DRUGS)) {
            return;
        }
        facts.add(new MedicationFact(order.getIdElement().getIdPart(), display(code), active, drafted, valueSets));
    }

    /** Every alcohol result within its look-back, the latest of each measure marked (RULES §4). */
    private List<AlcoholEvidence> alcohol(Inputs in) {
        boolean male = in.patient() != null && in.patient().getGender() == AdministrativeGender.MALE;
        LocalDate today = in.scope().today();
        List<AlcoholEvidence> facts = new ArrayList<>();
        for (AlcoholMeasure measure : measures) {
            if (measure.condition()) {
                for (Condition condition : in.conditions()) {
                    if (currentCondition(condition)
                            && terminology.containsAny(measure.valueSet(), condition.getCode())) {
                        facts.add(new AlcoholEvidence(
                                measure.measure(),
                                display(condition.getCode()),
                                FhirDates.onset(condition),
                                true,
                                true,
                                true));
                    }
                }
                continue;
            }
            List<Observation> results = new ArrayList<>();
            for (Observation observation : in.observations()) {
                // The measure's ValueSet first: it rules out most observations before any date is read.
                if (!terminology.containsAny(measure.valueSet(), observation.getCode()) || !isResult(observation)) {
                    continue;
                }
                LocalDate date = FhirDates.effective(observation);
                if (date != null && !date.isAfter(today) && numeric(observation) != null) {
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
                if (judged(measure, numeric(results.get(i)))) {
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
                Quantity value = numeric(observation);
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
        return facts;
    }

    /** CIWA-B scores, their trend within the window, and withdrawal signs (RULES §5). */
    private List<Object> withdrawal(Inputs in) {
        LocalDate today = in.scope().today();
        LocalDate lastReduction = in.benzodiazepineUse().lastReduction();
        List<Object> facts = new ArrayList<>();
        List<WithdrawalScore> scores = new ArrayList<>();
        Map<String, SignRecord> signs = new LinkedHashMap<>();
        for (Observation observation : in.observations()) {
            LocalDate date = FhirDates.effective(observation);
            if (!isResult(observation) || date == null || date.isAfter(today)) {
                continue;
            }
            int age = (int) ChronoUnit.DAYS.between(date, today);
            Quantity value = numeric(observation);
            if (value != null && terminology.containsAny(ValueSets.CIWA_B_TOTAL, observation.getCode())) {
                double score = value.getValue().doubleValue();
                scores.add(new WithdrawalScore(
                        display(observation.getCode()), score, date, age, settings.ciwaBand(score)));
                continue;
            }
            recordSign(observation.getCode(), date, signs);
            if (observation.hasValueCodeableConcept()) {
                recordSign(observation.getValueCodeableConcept(), date, signs);
            }
        }
        for (Condition condition : in.conditions()) {
            LocalDate date = FhirDates.onset(condition);
            if (date != null && !date.isAfter(today) && !refuted(condition)) {
                recordSign(condition.getCode(), date, signs);
            }
        }
        scores.sort(Comparator.comparing(WithdrawalScore::date));
        facts.addAll(scores);
        trend(scores, lastReduction).ifPresent(facts::add);
        List<String> newSigns = signs.values().stream()
                .filter(sign -> !sign.severe && lastReduction != null && sign.first.isAfter(lastReduction))
                .map(sign -> sign.display)
                .toList();
        if (!newSigns.isEmpty()) {
            facts.add(new NewWithdrawalSigns(newSigns.size(), newSigns, lastReduction));
        }
        for (SignRecord sign : signs.values()) {
            facts.add(new WithdrawalSign(
                    sign.code,
                    sign.display,
                    sign.severe,
                    sign.first,
                    (int) ChronoUnit.DAYS.between(sign.last, today),
                    lastReduction != null && sign.first.isAfter(lastReduction)));
        }
        return facts;
    }

    private java.util.Optional<WithdrawalTrend> trend(List<WithdrawalScore> scores, LocalDate lastReduction) {
        List<WithdrawalScore> window = scores.stream()
                .filter(s -> s.ageDays() <= settings.withdrawalWindowDays())
                .toList();
        if (window.isEmpty()) {
            return java.util.Optional.empty();
        }
        WithdrawalScore latest = window.get(window.size() - 1);
        double lowest =
                window.stream().mapToDouble(WithdrawalScore::value).min().orElse(latest.value());
        int bandAtReduction = 0;
        if (lastReduction != null) {
            for (WithdrawalScore score : scores) {
                if (!score.date().isAfter(lastReduction)) {
                    bandAtReduction = score.band();
                }
            }
        }
        return java.util.Optional.of(new WithdrawalTrend(
                window.size(), latest.value(), latest.date(), lowest, latest.band(), bandAtReduction, lastReduction));
    }

    private static final class SignRecord {
        final String code;
        final String display;
        final boolean severe;
        LocalDate first;
        LocalDate last;

        SignRecord(String code, String display, boolean severe, LocalDate date) {
            this.code = code;
            this.display = display;
            this.severe = severe;
            this.first = date;
            this.last = date;
        }
    }

    private void recordSign(CodeableConcept concept, LocalDate date, Map<String, SignRecord> signs) {
        for (Coding coding : concept.getCoding()) {
            boolean severe =
                    terminology.contains(ValueSets.WITHDRAWAL_SIGNS_SEVERE, coding.getSystem(), coding.getCode());
            boolean other =
                    terminology.contains(ValueSets.WITHDRAWAL_SIGNS_OTHER, coding.getSystem(), coding.getCode());
            if (!severe && !other) {
                continue;
            }
            String key = coding.getSystem() + "|" + coding.getCode();
            SignRecord record = signs.get(key);
            if (record == null) {
                signs.put(key, new SignRecord(key, display(concept), severe, date));
            } else {
                record.first = date.isBefore(record.first) ? date : record.first;
                record.last = date.isAfter(record.last) ? date : record.last;
            }
            return;
        }
    }

    /** A result can be judged when the measure needs no unit or it carries the measure's (any case). */
    private static boolean judged(AlcoholMeasure measure, Quantity value) {
        return measure.unit() == null || measure.unit().equalsIgnoreCase(Codes.unit(value));
    }

    private static boolean isResult(Observation observation) {
        return observation.hasStatus()
                && RESULT_STATUSES.contains(observation.getStatus().toCode());
    }

    private static Quantity numeric(Observation observation) {
        if (observation.hasValueQuantity() && observation.getValueQuantity().hasValue()) {
            return observation.getValueQuantity();
        }
        if (observation.hasValueIntegerType()
                && observation.getValueIntegerType().getValue() != null) {
            return new Quantity(observation.getValueIntegerType().getValue());
        }
        return null;
    }

    private static boolean currentCondition(Condition condition) {
        if (refuted(condition)) {
            return false;
        }
        String status = condition.getClinicalStatus().getCodingFirstRep().getCode();
        return status != null && CURRENT_CONDITION.contains(status);
    }

    private static boolean refuted(Condition condition) {
        String verification =
                condition.getVerificationStatus().getCodingFirstRep().getCode();
        return verification != null && NOT_A_CONDITION.contains(verification);
    }

    private static String display(CodeableConcept concept) {
        String display = Codes.displayOrCode(concept);
        return display != null ? display : "unnamed";
    }
}
