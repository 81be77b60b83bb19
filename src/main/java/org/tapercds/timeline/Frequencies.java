package org.tapercds.timeline;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Timing;

/** How often a dosage line is taken (RULES §1): administrations per day from its timing. */
final class Frequencies {

    /** Administrations per day of the v3 GTSAbbreviation timing codes. */
    private static final Map<String, Double> TIMING_CODES = Map.ofEntries(
            Map.entry("QD", 1.0),
            Map.entry("AM", 1.0),
            Map.entry("PM", 1.0),
            Map.entry("HS", 1.0),
            Map.entry("BED", 1.0),
            Map.entry("BID", 2.0),
            Map.entry("TID", 3.0),
            Map.entry("QID", 4.0),
            Map.entry("QOD", 0.5),
            Map.entry("Q4H", 6.0),
            Map.entry("Q6H", 4.0),
            Map.entry("Q8H", 3.0),
            Map.entry("Q12H", 2.0),
            Map.entry("WK", 1.0 / 7),
            Map.entry("MO", 1.0 / 30));

    private Frequencies() {}

    /** Administrations per day: frequency/period, else when/timeOfDay entries, else timing.code. */
    static double administrationsPerDay(Dosage line) {
        Timing timing = line.getTiming();
        Timing.TimingRepeatComponent repeat = timing.getRepeat();
        if (repeat.hasFrequency() || repeat.hasFrequencyMax() || repeat.hasPeriod()) {
            int frequency = repeat.hasFrequencyMax()
                    ? repeat.getFrequencyMax()
                    : (repeat.hasFrequency() ? repeat.getFrequency() : 1);
            // The upper bound of the dose: frequencyMax over the shorter interval (period, not periodMax).
            BigDecimal period = repeat.hasPeriod() ? repeat.getPeriod() : repeat.getPeriodMax();
            if (period == null) {
                if (!repeat.hasPeriodUnit()) {
                    throw new Unassessable("the timing has a frequency but no period");
                }
                period = BigDecimal.ONE;
            }
            if (!repeat.hasPeriodUnit()) {
                throw new Unassessable("the timing period has no unit");
            }
            double periodDays =
                    period.doubleValue() * unitDays(repeat.getPeriodUnit().toCode());
            if (frequency <= 0 || !(periodDays > 0)) {
                throw new Unassessable("the timing frequency or period is not positive");
            }
            return frequency / periodDays;
        }
        if (repeat.hasWhen()) {
            return repeat.getWhen().size();
        }
        if (repeat.hasTimeOfDay()) {
            return repeat.getTimeOfDay().size();
        }
        if (timing.hasCode()) {
            for (Coding coding : timing.getCode().getCoding()) {
                Double perDay =
                        coding.hasCode() ? TIMING_CODES.get(coding.getCode().toUpperCase(Locale.ROOT)) : null;
                if (perDay != null) {
                    return perDay;
                }
            }
            throw new Unassessable(
                    "timing code " + timing.getCode().getCodingFirstRep().getCode() + " is not a known frequency");
        }
        throw new Unassessable("the dosage has no structured frequency");
    }

    /** Days in one UCUM unit of time as FHIR timing and durations use them (a month is 30 days). */
    static double unitDays(String unit) {
        return switch (unit) {
            case "s" -> 1.0 / 86_400;
            case "min" -> 1.0 / 1_440;
            case "h" -> 1.0 / 24;
            case "d" -> 1.0;
            case "wk" -> 7.0;
            case "mo" -> 30.0;
            case "a" -> 365.0;
            default -> throw new Unassessable("the timing unit " + unit + " is not understood");
        };
    }
}
