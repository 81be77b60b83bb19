package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.NormaliserFixture.EXACT;
import static org.tapercds.timeline.NormaliserFixture.history;
import static org.tapercds.timeline.NormaliserFixture.mgPerDay;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;

import org.junit.jupiter.api.Test;

/** RULES §1: administrations per day from every kind of timing. */
class FrequenciesTests {

    @Test
    void convertsAnHourlyPeriodToAdministrationsPerDay() {
        assertThat(mgPerDay(line(dose(1, "mg"), every(1, 8, "h")))).isCloseTo(3.0, EXACT);
    }

    @Test
    void convertsADailyPeriodToAdministrationsPerDay() {
        assertThat(mgPerDay(line(dose(10, "mg"), every(1, 2, "d")))).isCloseTo(5.0, EXACT);
    }

    @Test
    void convertsAWeeklyPeriodToAdministrationsPerDay() {
        assertThat(mgPerDay(line(dose(7, "mg"), every(2, 1, "wk")))).isCloseTo(2.0, EXACT);
    }

    @Test
    void countsAMonthAsThirtyDays() {
        assertThat(mgPerDay(line(dose(15, "mg"), every(4, 1, "mo")))).isCloseTo(2.0, EXACT);
    }

    @Test
    void usesTheUpperBoundOfFrequencyMax() {
        String repeat = "\"frequency\": 1, \"frequencyMax\": 3, \"period\": 1, \"periodUnit\": \"d\"";

        assertThat(mgPerDay(line(dose(2, "mg"), repeat))).isCloseTo(6.0, EXACT);
    }

    @Test
    void takesTheUpperBoundOfTheDoseWhenAPeriodRangeIsGiven() {
        // "every 4 to 6 hours": at most every 4 h, so up to 6 administrations a day.
        String repeat = "\"frequency\": 1, \"period\": 4, \"periodMax\": 6, \"periodUnit\": \"h\"";

        assertThat(mgPerDay(line(dose(1, "mg"), repeat))).isCloseTo(6.0, EXACT);
    }

    @Test
    void usesPeriodMaxWhenItIsTheOnlyPeriod() {
        String repeat = "\"frequency\": 1, \"periodMax\": 12, \"periodUnit\": \"h\"";

        assertThat(mgPerDay(line(dose(1, "mg"), repeat))).isCloseTo(2.0, EXACT);
    }

    @Test
    void countsEachWhenEntryAsAnAdministration() {
        assertThat(mgPerDay(line(dose(5, "mg"), "\"when\": [\"MORN\", \"EVE\", \"HS\"]")))
                .isCloseTo(15.0, EXACT);
    }

    @Test
    void countsEachTimeOfDayAsAnAdministration() {
        assertThat(mgPerDay(line(dose(2, "mg"), "\"timeOfDay\": [\"08:00:00\", \"20:00:00\"]")))
                .isCloseTo(4.0, EXACT);
    }

    @Test
    void readsTwiceDailyTimingCode() {
        assertThat(mgPerDay(timingCode(10, "BID"))).isCloseTo(20.0, EXACT);
    }

    @Test
    void readsThreeTimesDailyTimingCode() {
        assertThat(mgPerDay(timingCode(10, "TID"))).isCloseTo(30.0, EXACT);
    }

    @Test
    void readsFourTimesDailyTimingCode() {
        assertThat(mgPerDay(timingCode(10, "QID"))).isCloseTo(40.0, EXACT);
    }

    @Test
    void readsOnceDailyTimingCode() {
        assertThat(mgPerDay(timingCode(10, "QD"))).isCloseTo(10.0, EXACT);
    }

    @Test
    void readsAtBedtimeTimingCodeAsOnceDaily() {
        assertThat(mgPerDay(timingCode(10, "HS"))).isCloseTo(10.0, EXACT);
    }

    @Test
    void readsEveryOtherDayTimingCodeAsHalfADose() {
        assertThat(mgPerDay(timingCode(10, "QOD"))).isCloseTo(5.0, EXACT);
    }

    @Test
    void refusesADoseWithoutFrequency() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line("{\"doseAndRate\": [" + dose(5, "mg") + "]}"));

        assertThat(regimen.unassessableReason()).isEqualTo("the dosage has no structured frequency");
    }

    private static String timingCode(double mg, String code) {
        return """
                {"timing": {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "code": "%s"}]}},
                 "doseAndRate": [%s]}"""
                .formatted(code, dose(mg, "mg"));
    }
}
