package org.tapercds.evidence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.tapercds.facts.CiwaBand;
import org.tapercds.facts.NewWithdrawalSigns;
import org.tapercds.facts.TaperSettings;
import org.tapercds.facts.WithdrawalScore;
import org.tapercds.facts.WithdrawalSign;
import org.tapercds.facts.WithdrawalTrend;
import org.tapercds.fhir.FhirDates;
import org.tapercds.fhir.Terminology;
import org.tapercds.fhir.ValueSets;

/**
 * The withdrawal evidence (RULES §5): CIWA-B scores and their trend within the window, and the
 * withdrawal signs coded in Observations and Conditions, each dated by when it was first and last
 * seen relative to the last reduction.
 */
final class WithdrawalFacts {

    private final Terminology terminology;
    private final TaperSettings settings;

    WithdrawalFacts(Terminology terminology, TaperSettings settings) {
        this.terminology = terminology;
        this.settings = settings;
    }

    /** CIWA-B scores, their trend within the window, and withdrawal signs (RULES §5). */
    List<Object> of(EvidenceFacts.Inputs in) {
        LocalDate today = in.scope().today();
        LocalDate lastReduction = in.benzodiazepineUse().lastReduction();
        List<Object> facts = new ArrayList<>();
        List<WithdrawalScore> scores = new ArrayList<>();
        Map<String, SignRecord> signs = new LinkedHashMap<>();
        for (Observation observation : in.observations()) {
            LocalDate date = FhirDates.effective(observation);
            if (!Findings.isResult(observation) || date == null || date.isAfter(today)) {
                continue;
            }
            int age = (int) ChronoUnit.DAYS.between(date, today);
            Quantity value = Findings.numeric(observation);
            if (value != null && terminology.containsAny(ValueSets.CIWA_B_TOTAL, observation.getCode())) {
                double score = value.getValue().doubleValue();
                scores.add(new WithdrawalScore(
                        Findings.name(observation.getCode()), score, date, age, settings.ciwaBand(score)));
                continue;
            }
            recordSign(observation.getCode(), date, signs);
            if (observation.hasValueCodeableConcept()) {
                recordSign(observation.getValueCodeableConcept(), date, signs);
            }
        }
        for (Condition condition : in.conditions()) {
            LocalDate date = FhirDates.onset(condition);
            if (date != null && !date.isAfter(today) && !Findings.refuted(condition)) {
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

    private Optional<WithdrawalTrend> trend(List<WithdrawalScore> scores, LocalDate lastReduction) {
        List<WithdrawalScore> window = scores.stream()
                .filter(s -> s.ageDays() <= settings.withdrawalWindowDays())
                .toList();
        if (window.isEmpty()) {
            return Optional.empty();
        }
        WithdrawalScore latest = window.get(window.size() - 1);
        double lowest =
                window.stream().mapToDouble(WithdrawalScore::value).min().orElse(latest.value());
        CiwaBand bandAtReduction = null;
        if (lastReduction != null) {
            for (WithdrawalScore score : scores) {
                if (!score.date().isAfter(lastReduction)) {
                    bandAtReduction = score.band();
                }
            }
        }
        return Optional.of(new WithdrawalTrend(
                window.size(), latest.value(), latest.date(), lowest, latest.band(), bandAtReduction, lastReduction));
    }

    /** A withdrawal sign seen on one or more days, by its first coding in a withdrawal-sign ValueSet. */
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
                signs.put(key, new SignRecord(key, Findings.name(concept), severe, date));
            } else {
                record.first = date.isBefore(record.first) ? date : record.first;
                record.last = date.isAfter(record.last) ? date : record.last;
            }
            return;
        }
    }
}
