package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Timing;
import org.tapercds.fhir.Dosages;
import org.tapercds.fhir.FhirDates;

/**
 * When an order and its steps start and end (RULES §2): timing bounds first, then the dispense
 * validity period, then authoredOn; an open history order ends by its status and expected supply.
 * Ends are exclusive (the first day no longer covered). Dates too far from today are errors.
 */
final class OrderDates {

    /** Dates further than this from today are taken as errors (and bound the timeline's size). */
    static final int MAX_YEARS_FROM_TODAY = 10;

    private OrderDates() {}

    /** Start: boundsPeriod.start of the first line, else validityPeriod.start, else authoredOn. */
    static LocalDate startOf(MedicationRequest order) {
        if (!order.getDosageInstruction().isEmpty()) {
            Timing.TimingRepeatComponent repeat =
                    order.getDosageInstructionFirstRep().getTiming().getRepeat();
            if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart()) {
                return day(repeat.getBoundsPeriod().getStartElement());
            }
        }
        if (order.getDispenseRequest().hasValidityPeriod()
                && order.getDispenseRequest().getValidityPeriod().hasStart()) {
            return day(order.getDispenseRequest().getValidityPeriod().getStartElement());
        }
        return order.hasAuthoredOn() ? day(order.getAuthoredOnElement()) : null;
    }

    /**
     * End of a history order without timing bounds: validityPeriod.end; open while active or on
     * hold; for a completed or stopped order its expected supply, else unknown (unassessable).
     */
    static LocalDate historyEnd(MedicationRequest order, LocalDate start) {
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = order.getDispenseRequest();
        if (dispense.hasValidityPeriod() && dispense.getValidityPeriod().hasEnd()) {
            return day(dispense.getValidityPeriod().getEndElement()).plusDays(1);
        }
        MedicationRequest.MedicationRequestStatus status = order.getStatus();
        if (status == MedicationRequest.MedicationRequestStatus.ACTIVE
                || status == MedicationRequest.MedicationRequestStatus.ONHOLD) {
            return null;
        }
        if (dispense.hasExpectedSupplyDuration()) {
            long days = durationDays(dispense.getExpectedSupplyDuration());
            int fills = 1 + (dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0);
            if (days * fills > 365L * MAX_YEARS_FROM_TODAY) {
                throw new Unassessable("the expected supply runs longer than " + MAX_YEARS_FROM_TODAY + " years");
            }
            return start.plusDays(days * fills);
        }
        throw new Unassessable("the " + status.toCode() + " order has no end date or expected supply duration");
    }

    /**
     * The end of a history order whose dose is unknown (RULES §2: an order applies until
     * boundsPeriod.end, else validityPeriod.end, else open while active): it stops hiding the rate
     * check from then on. Null when the end is unknown too, so the order keeps counting as unknown.
     */
    static LocalDate unassessableEnd(MedicationRequest order, LocalDate start) {
        try {
            LocalDate end = null;
            for (Dosage line : order.getDosageInstruction()) {
                Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
                if (!repeat.hasBoundsPeriod() || !repeat.getBoundsPeriod().hasEnd()) {
                    return historyEnd(order, start);
                }
                LocalDate lineEnd =
                        day(repeat.getBoundsPeriod().getEndElement()).plusDays(1);
                end = end == null || lineEnd.isAfter(end) ? lineEnd : end;
            }
            return end != null ? end : historyEnd(order, start);
        } catch (Unassessable e) {
            return null;
        }
    }

    /**
     * The start of a step: the first boundsPeriod.start among its lines, else its first
     * {@code timing.event} date; null when none has either.
     */
    static LocalDate explicitStart(List<Dosage> group) {
        for (Dosage line : group) {
            Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
            if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart()) {
                return day(repeat.getBoundsPeriod().getStartElement());
            }
        }
        LocalDate first = null;
        for (Dosage line : group) {
            for (DateTimeType event : line.getTiming().getEvent()) {
                LocalDate day = day(event);
                first = first == null || day.isBefore(first) ? day : first;
            }
        }
        return first;
    }

    /**
     * Exclusive end of a step: the latest end among its lines, where a line ends at its
     * boundsPeriod.end (inclusive day) or start + boundsDuration, after its {@code repeat.count} (upper
     * bound {@code countMax}) administrations, or the day after its last {@code timing.event} —
     * whichever comes first. Null when no line has an end.
     */
    static LocalDate explicitEnd(List<Dosage> group, LocalDate stepStart) {
        LocalDate end = null;
        for (Dosage line : group) {
            LocalDate lineEnd = lineEnd(line, stepStart);
            if (lineEnd != null && (end == null || lineEnd.isAfter(end))) {
                end = lineEnd;
            }
        }
        return end;
    }

    private static LocalDate lineEnd(Dosage line, LocalDate stepStart) {
        Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
        LocalDate end = null;
        if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasEnd()) {
            end = day(repeat.getBoundsPeriod().getEndElement()).plusDays(1);
        } else if (repeat.hasBoundsDuration()) {
            end = stepStart.plusDays(durationDays(repeat.getBoundsDuration()));
        }
        if ((repeat.hasCount() || repeat.hasCountMax()) && !Dosages.asNeeded(line)) {
            int count = repeat.hasCountMax() ? repeat.getCountMax() : repeat.getCount();
            if (count <= 0) {
                throw new Unassessable("timing.repeat.count is not positive");
            }
            double days = Math.ceil(count / Frequencies.administrationsPerDay(line) - 1e-9);
            if (!(days <= 365.0 * MAX_YEARS_FROM_TODAY)) {
                throw new Unassessable(
                        "the doses of timing.repeat.count last longer than " + MAX_YEARS_FROM_TODAY + " years");
            }
            end = earlier(end, stepStart.plusDays(Math.max(1, (long) days)));
        }
        LocalDate lastEvent = null;
        for (DateTimeType event : line.getTiming().getEvent()) {
            LocalDate day = day(event);
            lastEvent = lastEvent == null || day.isAfter(lastEvent) ? day : lastEvent;
        }
        if (lastEvent != null) {
            end = earlier(end, lastEvent.plusDays(1));
        }
        return end;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** Refuses steps with a date more than {@link #MAX_YEARS_FROM_TODAY} ahead or 100 years back. */
    static void requireNearToday(List<DoseStep> steps, LocalDate today) {
        for (DoseStep step : steps) {
            if (outOfRange(step.start(), today) || (step.end() != null && outOfRange(step.end(), today))) {
                throw new Unassessable(
                        "a date of the order lies more than " + MAX_YEARS_FROM_TODAY + " years from today");
            }
        }
    }

    private static boolean outOfRange(LocalDate day, LocalDate today) {
        return day.isAfter(today.plusYears(MAX_YEARS_FROM_TODAY)) || day.isBefore(today.minusYears(100));
    }

    /** Whole days of a duration, rounded up, at least 1; refused above {@link #MAX_YEARS_FROM_TODAY} years. */
    static long durationDays(Duration duration) {
        if (!duration.hasValue() || duration.getValue().signum() <= 0) {
            throw new Unassessable("a duration has no positive value");
        }
        String unit = duration.hasCode() ? duration.getCode() : duration.getUnit();
        if (unit == null) {
            throw new Unassessable("a duration has no unit");
        }
        double days = duration.getValue().doubleValue() * Frequencies.unitDays(unit);
        if (!(days <= 365.0 * MAX_YEARS_FROM_TODAY)) {
            throw new Unassessable("a duration is longer than " + MAX_YEARS_FROM_TODAY + " years");
        }
        return Math.max(1, (long) Math.ceil(days - 1e-9));
    }

    /** The calendar day of a date or dateTime as written; refused when it has no value. */
    static LocalDate day(BaseDateTimeType value) {
        LocalDate day = FhirDates.day(value);
        if (day == null) {
            throw new Unassessable("a date has no value");
        }
        return day;
    }
}
