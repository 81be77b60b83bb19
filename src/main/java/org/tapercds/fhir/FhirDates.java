package org.tapercds.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/** Calendar days of FHIR dates, as written (the clinical day in the sender's time zone). */
public final class FhirDates {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private FhirDates() {}

    /**
     * The calendar day as written in the resource, not shifted through this server's zone; year or
     * month precision gives the first day. Null when there is no value.
     *
     * <p>Read from the instant HAPI parsed, shifted by the offset it parsed it with (the value's own,
     * else the JVM's zone), never from the text again: HAPI accepts what FHIR's grammar does not,
     * such as surrounding spaces or offsets up to ±23:59, and keeps the text as it came. The
     * arithmetic cannot fail on anything HAPI parsed. Days before 1900 (where the JVM's zone had
     * local mean time) or before the Gregorian reform (HAPI reads them as Julian dates) may come out
     * a few days off what was written; no order or result that old bears on a taper.
     */
    public static LocalDate day(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        long instant = value.getValue().getTime();
        TimeZone zone = value.getTimeZone() != null ? value.getTimeZone() : TimeZone.getDefault();
        return LocalDate.ofEpochDay(Math.floorDiv(instant + zone.getOffset(instant), MILLIS_PER_DAY));
    }

    /**
     * For ordering values of the same day: the instant of a value with a time of day, and before
     * every such instant a value without one (a date alone says nothing about the hour, and its
     * instant would depend on the server's zone).
     */
    public static long timeOfDayOrder(BaseDateTimeType value) {
        return value != null
                        && value.getValue() != null
                        && value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()
                ? value.getValue().getTime()
                : Long.MIN_VALUE;
    }

    /** When an observation was made: effective[x] (start of a period), else issued. */
    public static LocalDate effective(Observation observation) {
        return day(effectiveElement(observation));
    }

    /** The element {@link #effective} reads; null when the observation has none. */
    public static BaseDateTimeType effectiveElement(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            return observation.getEffectiveDateTimeType();
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return observation.getEffectivePeriod().getStartElement();
        }
        if (observation.hasEffectiveInstantType()) {
            return observation.getEffectiveInstantType();
        }
        return observation.hasIssued() ? observation.getIssuedElement() : null;
    }

    /** When a condition began or was recorded: onset[x] dateTime or period start, else recordedDate. */
    public static LocalDate onset(Condition condition) {
        if (condition.hasOnsetDateTimeType()) {
            return day(condition.getOnsetDateTimeType());
        }
        if (condition.hasOnsetPeriod() && condition.getOnsetPeriod().hasStart()) {
            return day(condition.getOnsetPeriod().getStartElement());
        }
        return condition.hasRecordedDate() ? day(condition.getRecordedDateElement()) : null;
    }
}
