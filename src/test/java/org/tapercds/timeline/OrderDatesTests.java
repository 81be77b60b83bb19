package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.NormaliserFixture.TODAY;
import static org.tapercds.timeline.NormaliserFixture.history;
import static org.tapercds.timeline.NormaliserFixture.normaliseDraft;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.onceDaily;
import static org.tapercds.timeline.Requests.order;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** RULES §2: when an order and its steps start and end, and the dates that cannot be right. */
class OrderDatesTests {

    @Test
    void startsOnBoundsPeriodStartBeforeValidityAndAuthoredOn() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-05-01")
                .validity("2026-05-10", null)
                .line(Requests.mgDailyFrom(5, "2026-05-20")));

        assertThat(regimen.start()).isEqualTo(LocalDate.of(2026, 5, 20));
        assertThat(regimen.steps().get(0).start()).isEqualTo(LocalDate.of(2026, 5, 20));
    }

    @Test
    void startsOnValidityPeriodStartBeforeAuthoredOn() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-05-01")
                .validity("2026-05-10", null)
                .line(mgDaily(5)));

        assertThat(regimen.start()).isEqualTo(LocalDate.of(2026, 5, 10));
    }

    @Test
    void startsOnAuthoredOnWithoutBoundsOrValidity() {
        OrderRegimen regimen =
                history(active("rx").diazepam10Tablet().authoredOn("2026-05-01").line(mgDaily(5)));

        assertThat(regimen.start()).isEqualTo(LocalDate.of(2026, 5, 1));
    }

    @Test
    void startsADraftWithoutDatesToday() {
        OrderRegimen regimen = normaliseDraft(draft("d1").diazepam10Tablet().line(mgDaily(5)));

        assertThat(regimen.start()).isEqualTo(TODAY);
        assertThat(regimen.steps().get(0).start()).isEqualTo(TODAY);
    }

    @Test
    void keepsTheCalendarDayOfADateTimeWithANegativeOffset() {
        // 23:30 in New York is already the next day in UTC; the clinical day is the one written.
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-05-01T23:30:00-05:00")
                .line(mgDaily(5)));

        assertThat(regimen.start()).isEqualTo(LocalDate.of(2026, 5, 1));
    }

    @Test
    void keepsTheCalendarDayOfADateTimeWithAPositiveOffset() {
        OrderRegimen regimen =
                history(active("rx").diazepam10Tablet().line(Requests.mgDailyFrom(5, "2026-05-01T00:30:00+10:00")));

        assertThat(regimen.start()).isEqualTo(LocalDate.of(2026, 5, 1));
    }

    @Test
    void coversTheEndDayOfABoundsPeriodButNotTheDayAfter() {
        OrderRegimen regimen = normaliseDraft(draft("d1")
                .diazepam10Tablet()
                .line(line(
                        dose(5, "mg"),
                        onceDaily() + ", \"boundsPeriod\": {\"start\": \"2026-11-22\", \"end\": \"2026-12-05\"}")));

        DoseStep only = regimen.steps().get(0);
        assertThat(only.covers(LocalDate.of(2026, 12, 5))).isTrue();
        assertThat(only.covers(LocalDate.of(2026, 12, 6))).isFalse();
        assertThat(only.end()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(regimen.planEnds()).isTrue();
    }

    @Test
    void doesNotEndAPlanBecauseOfAValidityPeriod() {
        OrderRegimen regimen = normaliseDraft(draft("d1")
                .diazepam10Tablet()
                .validity("2026-11-22", "2026-12-21")
                .line(mgDaily(5)));

        assertThat(regimen.planEnds()).isFalse();
        assertThat(regimen.steps()).singleElement().extracting(DoseStep::end).isNull();
    }

    @Test
    void endsACompletedOrderOnItsValidityPeriodEnd() {
        OrderRegimen regimen = history(order("rx", "completed")
                .diazepam10Tablet()
                .validity("2026-06-01", "2026-06-30")
                .line(mgDaily(5)));

        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.start()).isEqualTo(LocalDate.of(2026, 6, 1));
            assertThat(step.covers(LocalDate.of(2026, 6, 30))).isTrue();
            assertThat(step.covers(LocalDate.of(2026, 7, 1))).isFalse();
        });
    }

    @Test
    void refusesACompletedOrderWithoutEnd() {
        OrderRegimen regimen = history(order("rx", "completed")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(mgDaily(5)));

        assertThat(regimen.unassessableReason())
                .isEqualTo("the completed order has no end date or expected supply duration");
    }

    @Test
    void refusesAnAbsurdDurationInsteadOfOverflowing() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(line(
                        dose(10, "mg"),
                        onceDaily() + ", \"boundsDuration\": {\"value\": 1e12, \"unit\": \"d\", \"code\": \"d\"}")));

        assertThat(regimen.unassessableReason()).isEqualTo("a duration is longer than 10 years");
    }

    @Test
    void refusesADateFarInTheFuture() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(mgDailyBetween(10, "2026-06-01", "9999-12-31")));

        assertThat(regimen.unassessableReason()).isEqualTo("a date of the order lies more than 10 years from today");
    }
}
