package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.daysDuration;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.onceDaily;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.Requests.step;

import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

/** RULES §1–2: every dose representation, and every way an order's dose cannot be assessed. */
class DoseNormaliserTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Offset<Double> EXACT = within(1e-9);

    private final DoseNormaliser normaliser = new DoseNormaliser(Requests.knowledge());

    // --- dose in mg, g, ug -------------------------------------------------------------------

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

    // --- tablets x strength --------------------------------------------------------------------

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
    void takesTheTabletStrengthFromAContainedMedication() {
        String medication =
                """
                {"resourceType": "Medication", "id": "med1",
                 "code": {"text": "diazepam 5 mg tablet"},
                 "ingredient": [{
                   "itemCodeableConcept": {"coding": [{"system": "%s", "code": "3322", "display": "diazepam"}]},
                   "strength": {"numerator": {"value": 5, "unit": "mg", "system": "%s", "code": "mg"},
                                "denominator": {"value": 1, "unit": "tablet", "system": "%s", "code": "{tbl}"}}}]}"""
                        .formatted(Requests.RXNORM, Requests.UCUM, Requests.UCUM);
        MedicationRequest order = active("rx")
                .contained(medication)
                .medicationReference("#med1")
                .authoredOn("2026-06-01")
                .line(line(dose(1.5, "{tbl}", "tablet"), every(2, 1, "d")))
                .build();

        DoseNormaliser.Drug drug = normaliser.drugOf(order, Map.of()).orElseThrow();
        OrderRegimen regimen = normaliser.normalise(order, drug, false, TODAY);

        assertThat(drug.ingredient().name()).isEqualTo("diazepam");
        assertThat(drug.product()).isNull();
        assertThat(drug.text()).isEqualTo("diazepam 5 mg tablet");
        assertThat(regimen.steps())
                .singleElement()
                .extracting(DoseStep::mgPerDay)
                .isEqualTo(15.0);
    }

    @Test
    void takesTheTabletStrengthFromAReferencedMedication() {
        Medication medication = Requests.parseMedication(
                """
                {"resourceType": "Medication", "id": "x",
                 "code": {"coding": [{"system": "%s", "code": "6470", "display": "lorazepam"}], "text": "lorazepam 0.5 mg tablet"},
                 "ingredient": [{
                   "itemCodeableConcept": {"text": "lorazepam"},
                   "strength": {"numerator": {"value": 500, "unit": "ug", "system": "%s", "code": "ug"},
                                "denominator": {"value": 1, "unit": "tablet", "system": "%s", "code": "{tbl}"}}}]}"""
                        .formatted(Requests.RXNORM, Requests.UCUM, Requests.UCUM));
        MedicationRequest order = active("rx")
                .medicationReference("Medication/x")
                .authoredOn("2026-06-01")
                .line(line(dose(2, "{tbl}", "tablet"), every(3, 1, "d")))
                .build();
        Map<String, Medication> medications = Map.of("Medication/x", medication);

        DoseNormaliser.Drug drug = normaliser.drugOf(order, medications).orElseThrow();
        OrderRegimen regimen = normaliser.normalise(order, drug, false, TODAY);

        assertThat(drug.ingredient().name()).isEqualTo("lorazepam");
        assertThat(regimen.steps()).singleElement().satisfies(step -> {
            assertThat(step.mgPerDay()).isCloseTo(3.0, EXACT);
            assertThat(step.administrationsPerDay()).isCloseTo(3.0, EXACT);
        });
    }

    @Test
    void doesNotRecogniseAReferencedMedicationThatWasNotPrefetched() {
        MedicationRequest order = active("rx")
                .medicationReference("Medication/unknown")
                .authoredOn("2026-06-01")
                .line(mgDaily(5))
                .build();

        assertThat(normaliser.drugOf(order, Map.of())).isEmpty();
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

    // --- administrations per day -------------------------------------------------------------

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
    void usesTheUpperBoundOfADoseRange() {
        String range =
                """
                {"doseRange": {"low": {"value": 1, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"},
                               "high": {"value": 2, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}}""";

        assertThat(mgPerDay(line(range, every(2, 1, "d")))).isCloseTo(4.0, EXACT);
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

    // --- as needed, concurrent lines, taper plans ------------------------------------------------

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

    // --- unassessable ----------------------------------------------------------------------------

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

    @Test
    void refusesAnImplausiblyLargeDailyDose() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line(line(dose(1e308, "mg"), every(10, 1, "d"))));

        assertThat(regimen.unassessableReason()).isEqualTo("the daily dose of taper step 1 is implausibly large");
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
    void refusesADoseWithoutFrequency() {
        OrderRegimen regimen = history(active("rx")
                .diazepam10Tablet()
                .authoredOn("2026-06-01")
                .line("{\"doseAndRate\": [" + dose(5, "mg") + "]}"));

        assertThat(regimen.unassessableReason()).isEqualTo("the dosage has no structured frequency");
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
    void doesNotRecogniseANonBenzodiazepineOrder() {
        MedicationRequest sertraline = active("rx")
                .rxnorm("312940", "sertraline 50 MG Oral Tablet")
                .authoredOn("2026-06-01")
                .line(mgDaily(50))
                .build();

        assertThat(normaliser.drugOf(sertraline, Map.of())).isEmpty();
    }

    @Test
    void doesNotRecogniseAnInjectionAsATaperDrug() {
        MedicationRequest injection = active("rx")
                .rxnorm("309845", "diazepam 5 MG/ML Injectable Solution")
                .authoredOn("2026-06-01")
                .line(line(dose(2, "mL"), onceDaily()))
                .build();

        assertThat(normaliser.drugOf(injection, Map.of())).isEmpty();
    }

    // --- start date ------------------------------------------------------------------------------

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

    // --- helpers ---------------------------------------------------------------------------------

    private OrderRegimen history(Requests.Builder builder) {
        MedicationRequest order = builder.build();
        return normaliser.normalise(order, normaliser.drugOf(order, Map.of()).orElseThrow(), false, TODAY);
    }

    private OrderRegimen normaliseDraft(Requests.Builder builder) {
        MedicationRequest order = builder.build();
        return normaliser.normalise(order, normaliser.drugOf(order, Map.of()).orElseThrow(), true, TODAY);
    }

    /** mg/day of a single-line active diazepam order. */
    private double mgPerDay(String dosageLine) {
        OrderRegimen regimen =
                history(active("rx").diazepam10Tablet().authoredOn("2026-06-01").line(dosageLine));
        assertThat(regimen.unassessableReason()).isNull();
        assertThat(regimen.steps()).hasSize(1);
        return regimen.steps().get(0).mgPerDay();
    }

    private static String timingCode(double mg, String code) {
        return """
                {"timing": {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "code": "%s"}]}},
                 "doseAndRate": [%s]}"""
                .formatted(code, dose(mg, "mg"));
    }
}
