package org.tapercds.fhir;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;

/** Calendar days of FHIR dates, as written (the clinical day in the sender's time zone). */
public final class FhirDates {

    private FhirDates() {}

    /**
     * The calendar day as written in the resource, not shifted through this server's zone; year or
     * month precision gives the first day. Null when there is no value.
     *
     * <p>Read from the instant HAPI parsed, in the value's own zone (its offset, else the zone HAPI
     * parsed it in: the JVM's), never from the text again: HAPI accepts what FHIR's grammar does not, such as
     * surrounding spaces, and keeps the text as it came.
     */
    public static LocalDate day(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        ZoneId zone = value.isTimeZoneZulu()
                ? ZoneOffset.UTC
                : value.getTimeZone() != null ? value.getTimeZone().toZoneId() : ZoneId.systemDefault();
        return LocalDate.ofInstant(value.getValue().toInstant(), zone);
    }

    /** When an observation was made: effective[x] (start of a period), else issued. */
    public static LocalDate effective(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            return day(observation.getEffectiveDateTimeType());
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return day(observation.getEffectivePeriod().getStartElement());
        }
        if (observation.hasEffectiveInstantType()) {
            return day(observation.getEffectiveInstantType());
        }
        return observation.hasIssued() ? day(observation.getIssuedElement()) : null;
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
