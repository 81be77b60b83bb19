package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.NormaliserFixture.EXACT;
import static org.tapercds.timeline.NormaliserFixture.TODAY;
import static org.tapercds.timeline.NormaliserFixture.history;
import static org.tapercds.timeline.NormaliserFixture.normaliseDraft;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.daysDuration;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.onceDaily;
import static org.tapercds.timeline.Requests.step;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** RULES §1–2: dosage lines grouped into steps (as needed, concurrent lines, taper plans), and the orders that cannot be assessed as a whole. */
class DoseNormaliserTests {

    @Test
    void countsAsNeededLinesAsZeroScheduledDose() {
        String asNeeded =
                """
                {"timing": {"repeat": {"frequency": 3, "period": 1, "periodUnit": "d"}},
                 "asNeededBoolean": true,
                 "doseAndRate": [{"doseQuantity": {"value": 5, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}]}""";
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(mgDaily(10))
                .line(asNeeded));

        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.mgPerDay()).isCloseTo(10.0, EXACT);
            assertThat(step.administrationsPerDay()).isCloseTo(1.0, EXACT);
            assertThat(step.asNeededOnly()).isFalse();
        });
    }

    @Test
    void givesAnAsNeededOnlyOrderAScheduledDoseOfZero() {
        String asNeeded =
                """
                {"timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
                 "asNeededCodeableConcept": {"text": "anxiety"},
                 "doseAndRate": [{"doseQuantity": {"value": 5, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}]}""";
        OrderRegimen regimen = normaliseDraft(draft("d1").diazepam10Tablet().line(asNeeded));

        assertThat(regimen.assessable()).isTrue();
        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.start()).isEqualTo(TODAY);
            assertThat(step.mgPerDay()).isZero();
            assertThat(step.asNeededOnly()).isTrue();
        });
    }

    @Test
    void sumsConcurrentLinesWithTheSameSequence() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(step(1, dose(5, "mg"), "\"when\": [\"MORN\"]"))
                .line(step(1, dose(10, "mg"), "\"when\": [\"HS\"]")));

        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.mgPerDay()).isCloseTo(15.0, EXACT);
            assertThat(step.administrationsPerDay()).isCloseTo(2.0, EXACT);
        });
    }

    @Test
    void expandsConsecutiveStepsOfATaperPlanIntoDatedSteps() {
        OrderRegimen regimen = normaliseDraft(draft("d1")
                .diazepam10Tablet()
                .authoredOn("2026-11-22")
                .line(step(1, dose(10, "mg"), every(2, 1, "d") + ", " + daysDuration(14)))
                .line(step(2, dose(5, "mg"), every(2, 1, "d") + ", " + daysDuration(14)))
                .line(step(3, dose(5, "mg"), every(1, 1, "d") + ", " + daysDuration(7))));

        assertThat(regimen.steps())
                .extracting(DoseStep::start, DoseStep::end, DoseStep::mgPerDay)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.of(2026, 11, 22), LocalDate.of(2026, 12, 6), 20.0),
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.of(2026, 12, 6), LocalDate.of(2026, 12, 20), 10.0),
                        org.assertj.core.groups.Tuple.tuple(
                                LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 27), 5.0));
        assertThat(regimen.planEnds()).isTrue();
        assertThat(regimen.end()).isEqualTo(LocalDate.of(2026, 12, 27));
    }

    @Test
    void refusesAnImplausiblyLargeDailyDose() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(line(dose(1e308, "mg"), every(10, 1, "d"))));

        assertThat(regimen.unassessableReason()).isEqualTo("the daily dose of taper step 1 is implausibly large");
    }

    @Test
    void refusesATaperPlanWhoseMiddleStepHasNoDuration() {
        OrderRegimen regimen = normaliseDraft(draft("d1")
                .diazepam10Tablet()
                .line(step(1, dose(10, "mg"), onceDaily() + ", " + daysDuration(14)))
                .line(step(2, dose(7.5, "mg"), onceDaily()))
                .line(step(3, dose(5, "mg"), onceDaily() + ", " + daysDuration(14))));

        assertThat(regimen.assessable()).isFalse();
        assertThat(regimen.unassessableReason())
                .isEqualTo("taper step 2 has no duration (boundsDuration or boundsPeriod.end)");
    }

    @Test
    void refusesADrugWithoutDiazepamEquivalent() {
        OrderRegimen regimen = history(active("rx")
                .rxnorm("199775", "midazolam 7.5 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(line(dose(1, "{tbl}", "tablet"), onceDaily())));

        assertThat(regimen.ingredient().name()).isEqualTo("midazolam");
        assertThat(regimen.unassessableReason()).isEqualTo("no diazepam equivalent is known for midazolam");
    }
}
