package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The clinical day of a FHIR date as the sender wrote it, from what HAPI parsed. */
class FhirDatesTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-12|2026-11-12",
                // The day as written, in the sender's offset: not the UTC day (13th, 11th).
                "2026-11-12T23:30:00-10:00|2026-11-12",
                "2026-11-12T00:30:00+13:00|2026-11-12",
                "2026-11-12T23:59:59Z|2026-11-12",
                // Year and month precision give the first day.
                "2026-11|2026-11-01",
                "2026|2026-01-01",
                // HAPI accepts surrounding spaces (FHIR's grammar does not) and keeps the text as it
                // came; the day is still the one it parsed (a fuzzing finding: this was a 500).
                "'     2026-11-12'|2026-11-12",
                "'2026-11-12  '|2026-11-12",
                // HAPI accepts offsets up to ±23:59 (FHIR's grammar: ±14:00); java.time's ZoneOffset
                // stops at ±18:00, so converting the zone threw (a 500).
                "2026-10-20T09:00:00+19:00|2026-10-20",
                "2026-10-20T09:00:00-23:59|2026-10-20",
                // A Julian leap day HAPI accepts (1500): a day, not an exception; its Gregorian date.
                "1500-02-29|1500-03-10",
            })
    void theDayIsTheOneWrittenWhateverTheOffsetOrPrecision(String written, LocalDate day) {
        assertThat(FhirDates.day(parsed(written))).isEqualTo(day);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void noValueIsNoDay(String written) {
        assertThat(FhirDates.day(new DateTimeType(written))).isNull();
        assertThat(FhirDates.day(null)).isNull();
    }

    @Test
    void valuesOfOneDayOrderByTheirInstantWithADateAloneFirst() {
        long dateAlone = FhirDates.timeOfDayOrder(parsed("2026-10-20"));
        long utcNine = FhirDates.timeOfDayOrder(parsed("2026-10-20T09:00:00Z"));
        // 10:00 at +02:00 is 08:00 UTC: earlier, though its text sorts after "09:00:00Z".
        long tenPlusTwo = FhirDates.timeOfDayOrder(parsed("2026-10-20T10:00:00+02:00"));

        assertThat(dateAlone).isLessThan(tenPlusTwo);
        assertThat(tenPlusTwo).isLessThan(utcNine);
        assertThat(FhirDates.timeOfDayOrder(null)).isEqualTo(dateAlone);
    }

    /** A dateTime as the request path gets it: an Observation's effective[x] read by HAPI's parser. */
    private static DateTimeType parsed(String written) {
        String json = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"score\"},"
                + "\"effectiveDateTime\":\"" + written + "\"}";
        DateTimeType value =
                FHIR.newJsonParser().parseResource(Observation.class, json).getEffectiveDateTimeType();
        assertThat(value.getValueAsString()).isEqualTo(written);
        return value;
    }
}
