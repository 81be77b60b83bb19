package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
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
