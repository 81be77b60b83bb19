package org.tapercds.timeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
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

    /**
     * Administrations per day: frequency/period, else when/timeOfDay entries, else timing.code; on the
     * listed {@code dayOfWeek}s only, as the weekly average; or, for explicit {@code timing.event}
     * dates, one dose per date averaged over the days from the first to the last.
     */
    static double administrationsPerDay(Dosage line) {
        Timing timing = line.getTiming();
        if (timing.hasEvent()) {
            return eventsPerDay(timing);
        }
        double perDay = everyDay(timing);
        Timing.TimingRepeatComponent repeat = timing.getRepeat();
        if (!repeat.hasDayOfWeek()) {
            return perDay;
        }
        long days = repeat.getDayOfWeek().stream()
                .map(d -> d.getValueAsString())
                .distinct()
                .count();
        if (repeat.hasFrequency() || repeat.hasFrequencyMax() || repeat.hasPeriod()) {
            double periodDays = periodDays(repeat);
            if (Math.abs(periodDays - 7) < 1e-9) {
                // "n times a week, on these days": the listed days say when, the frequency how often.
                return perDay;
            }
            if (periodDays > 1 + 1e-9) {
                throw new Unassessable(
                        "timing.repeat.dayOfWeek with a period of " + periodDays + " days is not understood");
            }
        } else if (perDay < 1) {
            throw new Unassessable("timing.repeat.dayOfWeek together with timing code "
                    + timing.getCode().getCodingFirstRep().getCode() + " is not understood");
        }
        return perDay * days / 7.0;
    }

    /** One dose on each listed date, over the days from the first to the last (inclusive). */
    private static double eventsPerDay(Timing timing) {
        if (!timing.getRepeat().isEmpty() || timing.hasCode()) {
            throw new Unassessable("timing.event together with a repeat rule or timing code is not understood");
        }
        LocalDate first = null;
        LocalDate last = null;
        for (DateTimeType event : timing.getEvent()) {
            LocalDate day = OrderDates.day(event);
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
        }
        return timing.getEvent().size() / (double) (ChronoUnit.DAYS.between(first, last) + 1);
    }

    /** Administrations per day on the days the line is taken. */
    private static double everyDay(Timing timing) {
        Timing.TimingRepeatComponent repeat = timing.getRepeat();
        if (repeat.hasFrequency() || repeat.hasFrequencyMax() || repeat.hasPeriod()) {
            int frequency = repeat.hasFrequencyMax()
                    ? repeat.getFrequencyMax()
                    : (repeat.hasFrequency() ? repeat.getFrequency() : 1);
            double periodDays = periodDays(repeat);
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

    /** The period of a repeat in days: the shorter interval (period, not periodMax) for the upper bound of the dose. */
    private static double periodDays(Timing.TimingRepeatComponent repeat) {
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
        return period.doubleValue() * unitDays(repeat.getPeriodUnit().toCode());
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
