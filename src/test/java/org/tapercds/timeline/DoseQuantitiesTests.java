package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.NormaliserFixture.EXACT;
import static org.tapercds.timeline.NormaliserFixture.history;
import static org.tapercds.timeline.NormaliserFixture.mgPerDay;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.onceDaily;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** RULES §1: the mg of one administration from every dose representation, and the units that cannot be read. */
class DoseQuantitiesTests {

    @Test
    void readsDoseQuantityInMilligrams() {
        OrderRegimen regimen = history(
                active("rx").diazepam10Tablet().authoredOn("2026-06-01").line(line(dose(5, "mg"), every(2, 1, "d"))));

        assertThat(regimen.assessable()).isTrue();
        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.start()).isEqualTo(LocalDate.of(2026, 6, 1));
            assertThat(step.end()).isNull();
            assertThat(step.mgPerDay()).isCloseTo(10.0, EXACT);
            assertThat(step.administrationsPerDay()).isCloseTo(2.0, EXACT);
            assertThat(step.asNeededOnly()).isFalse();
        });
        assertThat(regimen.planEnds()).isFalse();
    }

    @Test
    void convertsGramsToMilligrams() {
        assertThat(mgPerDay(line(dose(0.01, "g"), onceDaily()))).isCloseTo(10.0, EXACT);
    }

    @Test
    void convertsMicrogramsToMilligrams() {
        assertThat(mgPerDay(line(dose(500, "ug"), every(3, 1, "d")))).isCloseTo(1.5, EXACT);
    }

    @Test
    void multipliesTabletsByTheStrengthOfTheRxNormProduct() {
        OrderRegimen regimen = history(active("rx")
                .rxnorm("197527", "clonazepam 0.5 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(line(dose(2, "{tbl}", "tablet"), every(2, 1, "d"))));

        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.mgPerDay()).isCloseTo(2.0, EXACT);
            assertThat(step.administrationsPerDay()).isCloseTo(2.0, EXACT);
        });
    }

    @Test
    void understandsTabletGivenAsUnitTextOnly() {
        String tabletByText =
                """
                {"timing": {"repeat": {"frequency": 3, "period": 1, "periodUnit": "d"}},
                 "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}]}""";
        OrderRegimen regimen = history(active("rx")
                .rxnorm("197527", "clonazepam 0.5 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(tabletByText));

        assertThat(regimen.steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(1.5);
    }

    @Test
    void multipliesMillilitresByTheConcentrationOfAnOralSolution() {
        OrderRegimen regimen = history(active("rx")
                .rxnorm("309843", "diazepam 1 MG/ML Oral Solution")
                .authoredOn("2026-06-01")
                .line(line(dose(2.5, "mL"), every(3, 1, "d"))));

        assertThat(regimen.steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(7.5);
    }

    @Test
    void usesTheUpperBoundOfADoseRange() {
        String range =
                """
                {"doseRange": {"low": {"value": 1, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"},
                               "high": {"value": 2, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}}""";

        assertThat(mgPerDay(line(range, every(2, 1, "d")))).isCloseTo(4.0, EXACT);
    }

    @Test
    void acceptsMilligramsForAnIngredientCodedOrder() {
        OrderRegimen regimen = history(
                active("rx").rxnorm("3322", "diazepam").authoredOn("2026-06-01").line(mgDaily(7.5)));

        assertThat(regimen.steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(7.5);
    }

    @Test
    void refusesATextOnlyDoseAndQuotesTheInstruction() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line("{\"text\": \"take as directed by your doctor\"}"));

        assertThat(regimen.assessable()).isFalse();
        assertThat(regimen.steps()).isEmpty();
        assertThat(regimen.unassessableReason())
                .isEqualTo("the dose is given as text only (\"take as directed by your doctor\")");
    }

    @Test
    void refusesAnUnknownDoseUnit() {
        OrderRegimen regimen = history(
                active("rx").diazepam10Tablet().authoredOn("2026-06-01").line(line(dose(2, "{puff}"), onceDaily())));

        assertThat(regimen.unassessableReason()).isEqualTo("the dose unit \"{puff}\" is not understood");
    }

    @Test
    void refusesTabletsOfAnIngredientCodedOrderWithoutKnownStrength() {
        OrderRegimen regimen = history(active("rx")
                .rxnorm("3322", "diazepam")
                .authoredOn("2026-06-01")
                .line(line(dose(1, "{tbl}", "tablet"), onceDaily())));

        assertThat(regimen.assessable()).isFalse();
        assertThat(regimen.unassessableReason()).isEqualTo("the strength of one tablet or capsule is unknown");
    }
}
