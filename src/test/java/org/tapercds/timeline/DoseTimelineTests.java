package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.daysDuration;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.mgDailyFrom;
import static org.tapercds.timeline.Requests.onceDaily;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.Requests.step;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.Hook;
import org.tapercds.facts.ReductionCause;
import org.tapercds.facts.UnassessableDose;

/** RULES §2–3: the day-by-day diazepam-equivalent timeline, its reductions and the dependence estimate. */
class DoseTimelineTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final Offset<Double> EXACT = within(1e-9);

    // --- reductions against the 14-day window ----------------------------------------------------

    @Test
    void reportsHalvingALongTermDiazepamDoseAsOneReductionOfTheDraft() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-22")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        assertThat(patient.timeline().reductions(patient.scope()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.inScope()).isTrue();
                    assertThat(r.day()).isEqualTo(TODAY);
                    assertThat(r.previousDay()).isEqualTo(LocalDate.of(2026, 11, 8));
                    assertThat(r.previousMgDe()).isEqualTo(20.0);
                    assertThat(r.currentMgDe()).isEqualTo(10.0);
                    assertThat(r.fraction()).isEqualTo(0.5);
                    assertThat(r.switchInProgress()).isFalse();
                    assertThat(r.ingredients()).containsExactly("diazepam");
                    assertThat(r.orderId()).isEqualTo("d1");
                    assertThat(r.cause()).isEqualTo(ReductionCause.LOWER_DOSE);
                });
    }

    @Test
    void acceptsHistoryThatStartsAfterTheWindow() {
        // Found by RequestPathFuzzTests: a history order starting in six months made the day range
        // negative (NegativeArraySizeException, a 500).
        PatientTimeline patient = orderSign(
                List.of(diazepamFrom("rx1", 20, "2027-05-20")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(18)).build()));

        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(18.0);
        assertThat(patient.facts()).isNotEmpty();
    }

    @Test
    void computesAQuarterCutAsExactlyTwentyFivePercent() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-22")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(15)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.fraction()).isEqualTo(0.25);
            assertThat(r.amountMgDe()).isEqualTo(5.0);
        });
    }

    @Test
    void ignoresAHigherDoseFifteenDaysBeforeTheReduction() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 30, "2026-05-01"), diazepamFrom("rx2", 20, "2026-11-08")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 11, 7))).isEqualTo(30.0);
        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.previousDay()).isEqualTo(LocalDate.of(2026, 11, 8));
            assertThat(r.fraction()).isEqualTo(0.5);
        });
    }

    @Test
    void comparesWithAHigherDoseFourteenDaysBeforeTheReduction() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 30, "2026-05-01"), diazepamFrom("rx2", 20, "2026-11-09")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(30.0);
            assertThat(r.previousDay()).isEqualTo(LocalDate.of(2026, 11, 8));
            assertThat(r.currentMgDe()).isEqualTo(10.0);
            assertThat(r.fraction()).isCloseTo(2.0 / 3, EXACT);
        });
    }

    @Test
    void computesTheAmountOfATailStepSoTheRulesCanAllowIt() {
        // 3 -> 1 mg DE is 67 % but only 2 mg: the rules' tail allowance (in DRL) lets it pass.
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 3, "2026-05-22")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(1)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(3.0);
            assertThat(r.currentMgDe()).isEqualTo(1.0);
            assertThat(r.amountMgDe()).isEqualTo(2.0);
            assertThat(r.fraction()).isCloseTo(2.0 / 3, EXACT);
        });
    }

    // --- switching and cross-taper ---------------------------------------------------------------

    @Test
    void takesTheSmallerOfAshtonAndVaDodReductionsDuringALorazepamToDiazepamSwitch() {
        // Lorazepam 2 mg/day for months; ten days ago lorazepam 1 mg + diazepam 10 mg (cross-taper);
        // the draft lowers lorazepam to 0.5 mg.
        // Ashton: prev 20 (2 mg lorazepam, then 10 + 10), cur 5 + 10 = 15: 25 %.
        // VA/DoD: prev 15 (5 + 10), cur 2.5 + 10 = 12.5: 16.7 %.
        PatientTimeline patient = orderSign(
                List.of(
                        lorazepam("rx1", 2, "2026-05-01"),
                        lorazepamFrom("rx2", 1, "2026-11-12"),
                        diazepamFrom("rx3", 10, "2026-11-12")),
                List.of(draft("d1").lorazepam1Tablet().line(mgDaily(0.5)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(TODAY);
            assertThat(r.switchInProgress()).isTrue();
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isEqualTo(15.0);
            assertThat(r.ashtonFraction()).isCloseTo(0.25, EXACT);
            assertThat(r.vaDodFraction()).isCloseTo(1.0 / 6, EXACT);
            assertThat(r.fraction()).isCloseTo(1.0 / 6, EXACT);
            assertThat(r.ingredients()).containsExactly("lorazepam");
            assertThat(r.orderId()).isEqualTo("d1");
        });
    }

    @Test
    void usesTheAshtonReductionWhenNoSwitchIsInProgress() {
        // Lorazepam alone: Ashton 20 -> 10 and VA/DoD 10 -> 5 are both 50 %.
        PatientTimeline patient = orderSign(
                List.of(lorazepam("rx1", 2, "2026-05-01")),
                List.of(draft("d1").lorazepam1Tablet().line(mgDaily(1)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.switchInProgress()).isFalse();
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isEqualTo(10.0);
            assertThat(r.fraction()).isEqualTo(0.5);
        });
    }

    @Test
    void addsUpTwoIngredientsInEffectOnTheSameDay() {
        PatientTimeline patient =
                orderSign(List.of(lorazepam("rx1", 1, "2026-10-01"), diazepam("rx2", 5, "2026-10-01")), List.of());

        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(15.0);
        assertThat(patient.timeline().mgOn(ingredient("lorazepam"), TODAY)).isEqualTo(1.0);
        assertThat(patient.timeline().mgOn(ingredient("diazepam"), TODAY)).isEqualTo(5.0);
        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 9, 30))).isZero();
    }

    // --- replacement -----------------------------------------------------------------------------

    @Test
    void replacesAnEarlierOrderOfTheSameIngredientFromTheLaterOrdersStart() {
        PatientTimeline patient =
                orderSign(List.of(diazepam("rx1", 20, "2026-05-01"), diazepamFrom("rx2", 10, "2026-10-01")), List.of());

        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 9, 30))).isEqualTo(20.0);
        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 10, 1))).isEqualTo(10.0);
        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(10.0);
        assertThat(patient.timeline().reductions(patient.scope()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.day()).isEqualTo(LocalDate.of(2026, 10, 1));
                    assertThat(r.previousMgDe()).isEqualTo(20.0);
                    assertThat(r.currentMgDe()).isEqualTo(10.0);
                    assertThat(r.orderId()).isEqualTo("rx2");
                    assertThat(r.cause()).isEqualTo(ReductionCause.LOWER_DOSE);
                    assertThat(r.inScope()).isFalse();
                });
    }

    @Test
    void replacesTheActiveOrderOfTheDraftsIngredientFromToday() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-22")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        assertThat(patient.timeline().doseOn(TODAY.minusDays(1))).isEqualTo(20.0);
        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(10.0);
        assertThat(patient.timeline().doseOn(TODAY.plusDays(14))).isEqualTo(10.0);
    }

    @Test
    void keepsAnotherIngredientWhenADraftReplacesOneIngredient() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 10, "2026-05-01"), lorazepam("rx2", 1, "2026-05-01")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(5)).build()));

        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(15.0);
        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isEqualTo(15.0);
            assertThat(r.ingredients()).containsExactly("diazepam");
            assertThat(r.switchInProgress()).isFalse();
        });
    }

    // --- plans and causes ------------------------------------------------------------------------

    @Test
    void reportsEveryPlannedStepAndTheEndOfThePlanAsAReductionToZero() {
        MedicationRequest plan = draft("d1")
                .diazepam10Tablet()
                .line(step(1, dose(7.5, "mg"), onceDaily() + ", " + daysDuration(14)))
                .line(step(2, dose(5, "mg"), onceDaily() + ", " + daysDuration(14)))
                .build();
        PatientTimeline patient = orderSign(List.of(diazepam("rx1", 10, "2026-05-22")), List.of(plan));

        assertThat(inScope(patient))
                .extracting(
                        DoseReduction::day,
                        DoseReduction::previousMgDe,
                        DoseReduction::currentMgDe,
                        DoseReduction::cause,
                        DoseReduction::orderId)
                .containsExactlyInAnyOrder(
                        tuple(TODAY, 10.0, 7.5, ReductionCause.LOWER_DOSE, "d1"),
                        tuple(LocalDate.of(2026, 12, 6), 7.5, 5.0, ReductionCause.LOWER_DOSE, "d1"),
                        tuple(LocalDate.of(2026, 12, 20), 5.0, 0.0, ReductionCause.PLAN_ENDS, "d1"));
        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 12, 19))).isEqualTo(5.0);
        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 12, 20))).isZero();
    }

    @Test
    void reportsAnAsNeededOnlyDraftAsAReductionToZero() {
        String asNeeded =
                """
                {"timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
                 "asNeededBoolean": true,
                 "doseAndRate": [{"doseQuantity": {"value": 5, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}]}""";
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-22")),
                List.of(draft("d1").diazepam10Tablet().line(asNeeded).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(TODAY);
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isZero();
            assertThat(r.fraction()).isEqualTo(1.0);
            assertThat(r.toZero()).isTrue();
            assertThat(r.cause()).isEqualTo(ReductionCause.AS_NEEDED_ONLY);
            assertThat(r.orderId()).isEqualTo("d1");
        });
    }

    @Test
    void reportsTheEndOfAHistoryOrderAsOrderEnded() {
        PatientTimeline patient = patientView(List.of(order("rx1", "completed")
                .diazepam10Tablet()
                .line(mgDailyBetween(10, "2026-05-01", "2026-11-17"))
                .build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(LocalDate.of(2026, 11, 18));
            assertThat(r.currentMgDe()).isZero();
            assertThat(r.cause()).isEqualTo(ReductionCause.ORDER_ENDED);
            assertThat(r.orderId()).isEqualTo("rx1");
        });
    }

    // --- exposure and dependence -----------------------------------------------------------------

    @Test
    void estimatesNinetyDaysOfExposureAsHighRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 5, TODAY.minusDays(89).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.HIGH_RISK);
        assertThat(dependence.exposureDays()).isEqualTo(90);
        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 8, 25));
        assertThat(dependence.peakMgDe()).isEqualTo(5.0);
    }

    @Test
    void estimatesEightyNineDaysOfLowDoseExposureAsLowerRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 10, TODAY.minusDays(88).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.LOWER_RISK);
        assertThat(dependence.exposureDays()).isEqualTo(89);
    }

    @Test
    void estimatesTwentyEightDaysAboveTenMilligramsAsHighRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 15, TODAY.minusDays(27).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.HIGH_RISK);
        assertThat(dependence.exposureDays()).isEqualTo(28);
        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 10, 26));
        assertThat(dependence.peakMgDe()).isEqualTo(15.0);
    }

    @Test
    void estimatesTwentyEightDaysOfTenMilligramsAsLowerRisk() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 10, TODAY.minusDays(27).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.LOWER_RISK);
        assertThat(dependence.peakMgDe()).isEqualTo(10.0);
    }

    @Test
    void findsNoDependenceAfterTwentySevenDays() {
        Dependence dependence =
                dependenceOf(diazepamFrom("rx1", 40, TODAY.minusDays(26).toString()));

        assertThat(dependence.level()).isEqualTo(DependenceLevel.NONE);
        assertThat(dependence.exposureDays()).isEqualTo(27);
        assertThat(dependence.likely()).isFalse();
    }

    @Test
    void findsNoExposureWithoutOrders() {
        Dependence dependence = orderSign(List.of(), List.of()).timeline().dependence();

        assertThat(dependence.level()).isEqualTo(DependenceLevel.NONE);
        assertThat(dependence.exposureDays()).isZero();
        assertThat(dependence.exposureStart()).isNull();
    }

    @Test
    void bridgesAGapOfSevenDaysWithoutDosing() {
        // 2026-09-01 .. 2026-10-24, nothing 10-25 .. 10-31 (7 days), again from 11-01.
        Dependence dependence = dependenceOf(
                order("rx1", "completed")
                        .diazepam10Tablet()
                        .line(mgDailyBetween(12, "2026-09-01", "2026-10-24"))
                        .build(),
                diazepamFrom("rx2", 5, "2026-11-01"));

        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(dependence.exposureDays()).isEqualTo(83);
        assertThat(dependence.peakMgDe()).isEqualTo(12.0);
        assertThat(dependence.level()).isEqualTo(DependenceLevel.HIGH_RISK);
    }

    @Test
    void startsANewExposureAfterAGapOfEightDays() {
        // 2026-09-01 .. 2026-10-23, nothing 10-24 .. 10-31 (8 days), again from 11-01.
        Dependence dependence = dependenceOf(
                order("rx1", "completed")
                        .diazepam10Tablet()
                        .line(mgDailyBetween(12, "2026-09-01", "2026-10-23"))
                        .build(),
                diazepamFrom("rx2", 5, "2026-11-01"));

        assertThat(dependence.exposureStart()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(dependence.exposureDays()).isEqualTo(22);
        assertThat(dependence.peakMgDe()).isEqualTo(5.0);
        assertThat(dependence.level()).isEqualTo(DependenceLevel.NONE);
    }

    // --- scope per hook --------------------------------------------------------------------------

    @Test
    void reportsAHistoryStepOfTheLastFourteenDaysInPatientView() {
        PatientTimeline patient = patientView(List.of(
                diazepam("rx1", 25, "2026-05-01"),
                diazepamFrom("rx2", 20, "2026-10-01"),
                diazepamFrom("rx3", 15, "2026-11-15")));

        assertThat(patient.timeline().reductions(patient.scope()))
                .extracting(DoseReduction::day, DoseReduction::inScope)
                .containsExactlyInAnyOrder(
                        tuple(LocalDate.of(2026, 10, 1), false), tuple(LocalDate.of(2026, 11, 15), true));
        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isEqualTo(15.0);
            assertThat(r.fraction()).isEqualTo(0.25);
            assertThat(r.orderId()).isEqualTo("rx3");
        });
    }

    @Test
    void reportsAHistoryStepExactlyFourteenDaysAgoInPatientView() {
        PatientTimeline patient =
                patientView(List.of(diazepam("rx1", 20, "2026-05-01"), diazepamFrom("rx2", 10, "2026-11-08")));

        assertThat(inScope(patient))
                .singleElement()
                .extracting(DoseReduction::day)
                .isEqualTo(LocalDate.of(2026, 11, 8));
    }

    @Test
    void doesNotReportAHistoryStepFifteenDaysAgoInPatientView() {
        PatientTimeline patient =
                patientView(List.of(diazepam("rx1", 20, "2026-05-01"), diazepamFrom("rx2", 10, "2026-11-07")));

        assertThat(patient.timeline().reductions(patient.scope())).hasSize(1);
        assertThat(inScope(patient)).isEmpty();
    }

    @Test
    void reportsNoReductionInAnOrderHookWithoutABenzodiazepineDraft() {
        MedicationRequest sertraline = draft("d1")
                .rxnorm("312940", "sertraline 50 MG Oral Tablet")
                .line(mgDaily(50))
                .build();
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-01"), diazepamFrom("rx2", 10, TODAY.toString())),
                List.of(sertraline));

        assertThat(patient.scope().hasBenzodiazepineDraft()).isFalse();
        assertThat(patient.timeline().reductions(patient.scope()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.day()).isEqualTo(TODAY);
                    assertThat(r.inScope()).isFalse();
                });
    }

    @Test
    void leavesTheReductionOfANonSelectedDraftOutOfScopeInOrderSelect() {
        PatientTimeline patient = build(
                Hook.ORDER_SELECT,
                List.of(diazepam("rx1", 10, "2026-05-01"), lorazepam("rx2", 2, "2026-05-01")),
                List.of(
                        draft("d1").diazepam10Tablet().line(mgDaily(10)).build(),
                        draft("d2").lorazepam1Tablet().line(mgDaily(1)).build()),
                Set.of("d1"));

        assertThat(patient.scope().hasBenzodiazepineDraft()).isTrue();
        assertThat(patient.timeline().reductions(patient.scope()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.day()).isEqualTo(TODAY);
                    assertThat(r.ingredients()).containsExactly("lorazepam");
                    assertThat(r.orderId()).isEqualTo("d2");
                    assertThat(r.inScope()).isFalse();
                });
    }

    @Test
    void reportsTheReductionOfTheSelectedDraftInOrderSelect() {
        PatientTimeline patient = build(
                Hook.ORDER_SELECT,
                List.of(diazepam("rx1", 10, "2026-05-01"), lorazepam("rx2", 2, "2026-05-01")),
                List.of(
                        draft("d1").diazepam10Tablet().line(mgDaily(10)).build(),
                        draft("d2").lorazepam1Tablet().line(mgDaily(1)).build()),
                Set.of("d2"));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.orderId()).isEqualTo("d2");
            assertThat(r.previousMgDe()).isEqualTo(30.0);
            assertThat(r.currentMgDe()).isEqualTo(20.0);
        });
    }

    // --- unassessable orders ---------------------------------------------------------------------

    @Test
    void stillChecksTheKnownDrugWhenAnotherDrugHasAnUnknownDoseAndReportsIt() {
        MedicationRequest textOnly = active("rx2")
                .lorazepam1Tablet()
                .authoredOn("2026-11-15")
                .line("{\"text\": \"one or two at night\"}")
                .build();
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-01"), textOnly),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        // The lorazepam dose is unknown; the diazepam cut 20 -> 10 is still checked over the known orders.
        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.fraction()).isEqualTo(0.5);
            assertThat(r.ingredients()).containsExactly("diazepam");
        });
        assertThat(patient.timeline().unknownBetween(TODAY.minusDays(14), TODAY))
                .isTrue();
        assertThat(patient.timeline().unassessable(patient.scope()))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.orderId()).isEqualTo("rx2");
                    assertThat(u.medication()).isEqualTo("lorazepam 1 MG Oral Tablet");
                    assertThat(u.reason()).isEqualTo("the dose is given as text only (\"one or two at night\")");
                    assertThat(u.drafted()).isFalse();
                    assertThat(u.inScope()).isTrue();
                });
    }

    @Test
    void letsAnExactlyTwentyFivePercentCutPassDespiteFloatingPoint() {
        // Estazolam (Ashton 1.5 mg = diazepam 10 mg): 4 -> 3 mg is 26.667 -> 20 mg DE, 25 % exactly.
        MedicationRequest history = active("rx1")
                .rxnorm("197654", "estazolam 2 MG Oral Tablet")
                .authoredOn("2026-05-01")
                .line(mgDaily(4))
                .build();
        MedicationRequest draft = draft("d1")
                .rxnorm("197653", "estazolam 1 MG Oral Tablet")
                .line(mgDaily(3))
                .build();

        assertThat(inScope(orderSign(List.of(history), List.of(draft))))
                .singleElement()
                .satisfies(r -> assertThat(r.fraction()).isEqualTo(0.25));
    }

    @Test
    void runsLinesWithoutSequenceButWithTheirOwnDatesOneAfterAnother() {
        // 20 mg/day for two weeks, then 10 mg/day: a 50 % step on day 14, not 30 mg/day for four weeks.
        MedicationRequest plan = draft("d1")
                .diazepam10Tablet()
                .line(mgDailyBetween(20, "2026-11-22", "2026-12-05"))
                .line(mgDailyBetween(10, "2026-12-06", "2026-12-19"))
                .build();
        PatientTimeline patient = orderSign(List.of(diazepam("rx1", 20, "2026-05-01")), List.of(plan));

        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(20.0);
        assertThat(patient.timeline().doseOn(LocalDate.parse("2026-12-06"))).isEqualTo(10.0);
        assertThat(inScope(patient)).anySatisfy(r -> {
            assertThat(r.day()).isEqualTo(LocalDate.parse("2026-12-06"));
            assertThat(r.fraction()).isEqualTo(0.5);
        });
    }

    @Test
    void doesNotJudgeADrugWhoseOwnDoseBecameUnknown() {
        // A text-only diazepam draft replaces 20 mg/day: the known dose "drops" to 0, but that is no stop.
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-01")),
                List.of(draft("d1")
                        .diazepam10Tablet()
                        .line("{\"text\": \"taper slowly\"}")
                        .build()));

        assertThat(patient.timeline().reductions(patient.scope())).isEmpty();
    }

    @Test
    void reportsAnUnassessableDraftInScope() {
        PatientTimeline patient = orderSign(
                List.of(diazepam("rx1", 20, "2026-05-01")),
                List.of(draft("d1")
                        .diazepam10Tablet()
                        .line("{\"text\": \"taper slowly\"}")
                        .build()));

        assertThat(patient.timeline().unassessable(patient.scope()))
                .extracting(UnassessableDose::orderId, UnassessableDose::drafted, UnassessableDose::inScope)
                .containsExactly(tuple("d1", true, true));
        assertThat(inScope(patient)).isEmpty();
    }

    @Test
    void stillChecksTheRateWhenAnUnassessableOrderWasReplacedBeforeTheWindow() {
        MedicationRequest textOnly = active("rx1")
                .diazepam10Tablet()
                .authoredOn("2026-05-01")
                .line("{\"text\": \"as directed\"}")
                .build();
        PatientTimeline patient = orderSign(
                List.of(textOnly, diazepamFrom("rx2", 20, "2026-10-01")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isEqualTo(10.0);
            assertThat(r.orderId()).isEqualTo("d1");
        });
        assertThat(patient.timeline().unassessable(patient.scope()))
                .extracting(UnassessableDose::orderId, UnassessableDose::inScope)
                .containsExactly(tuple("rx1", false));
    }

    @Test
    void stillChecksTheRateWhenAnUnassessableOrderEndedBeforeTheWindow() {
        MedicationRequest oldTextOnly = order("rx1", "completed")
                .lorazepam1Tablet()
                .validity("2026-03-01", "2026-03-31")
                .line("{\"text\": \"as directed\"}")
                .build();
        PatientTimeline patient = orderSign(
                List.of(oldTextOnly, diazepamFrom("rx2", 20, "2026-10-01")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(10)).build()));

        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.previousMgDe()).isEqualTo(20.0);
            assertThat(r.currentMgDe()).isEqualTo(10.0);
        });
        assertThat(patient.timeline().dependence().exposureStart()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(patient.timeline().unassessable(patient.scope()))
                .extracting(UnassessableDose::orderId, UnassessableDose::inScope)
                .containsExactly(tuple("rx1", false));
    }

    @Test
    void ignoresHistoryThatIsNotAnOrderOrWasEnteredInError() {
        MedicationRequest proposal = active("p1")
                .intent("proposal")
                .diazepam10Tablet()
                .authoredOn("2026-05-01")
                .line(mgDaily(40))
                .build();
        MedicationRequest inError = order("e1", "entered-in-error")
                .diazepam10Tablet()
                .authoredOn("2026-05-01")
                .line(mgDaily(40))
                .build();
        PatientTimeline patient = orderSign(List.of(proposal, inError, diazepam("rx1", 20, "2026-05-01")), List.of());

        assertThat(patient.regimens()).extracting(OrderRegimen::orderId).containsExactly("rx1");
        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(20.0);
    }

    @Test
    void letsADraftThatKeepsTheHistoryStartChangeOnlyTheDaysFromToday() {
        // An EHR edit of an existing order often keeps its original start: the past stays as taken.
        MedicationRequest edit = draft("d1")
                .diazepam10Tablet()
                .line(mgDailyFrom(10, "2026-05-01"))
                .build();
        PatientTimeline patient = orderSign(List.of(diazepamFrom("rx1", 20, "2026-05-01")), List.of(edit));

        assertThat(patient.timeline().doseOn(TODAY.minusDays(1))).isEqualTo(20.0);
        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(10.0);
        assertThat(inScope(patient)).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(TODAY);
            assertThat(r.fraction()).isEqualTo(0.5);
            assertThat(r.orderId()).isEqualTo("d1");
        });
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** An active diazepam prescription of {@code mg} mg once daily, authored on {@code authoredOn}. */
    private static MedicationRequest diazepam(String id, double mg, String authoredOn) {
        return active(id)
                .diazepam10Tablet()
                .authoredOn(authoredOn)
                .line(mgDaily(mg))
                .build();
    }

    /** An active diazepam prescription starting on its boundsPeriod.start. */
    private static MedicationRequest diazepamFrom(String id, double mg, String start) {
        return active(id)
                .diazepam10Tablet()
                .authoredOn(start)
                .line(mgDailyFrom(mg, start))
                .build();
    }

    private static MedicationRequest lorazepam(String id, double mg, String authoredOn) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(authoredOn)
                .line(mgDaily(mg))
                .build();
    }

    private static MedicationRequest lorazepamFrom(String id, double mg, String start) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(start)
                .line(mgDailyFrom(mg, start))
                .build();
    }

    private static Ingredient ingredient(String name) {
        return Requests.knowledge().ingredient(name).orElseThrow();
    }

    private static PatientTimeline orderSign(List<MedicationRequest> history, List<MedicationRequest> drafts) {
        return build(Hook.ORDER_SIGN, history, drafts, Set.of());
    }

    private static PatientTimeline patientView(List<MedicationRequest> history) {
        return build(Hook.PATIENT_VIEW, history, List.of(), Set.of());
    }

    private static PatientTimeline build(
            Hook hook, List<MedicationRequest> history, List<MedicationRequest> drafts, Set<String> selected) {
        return PatientTimeline.build(
                hook, TODAY, history, drafts, Map.of(), selected, Requests.knowledge(), Requests.settings());
    }

    private static Dependence dependenceOf(MedicationRequest... history) {
        return orderSign(List.of(history), List.of()).timeline().dependence();
    }

    private static List<DoseReduction> inScope(PatientTimeline patient) {
        return patient.timeline().reductions(patient.scope()).stream()
                .filter(DoseReduction::inScope)
                .toList();
    }
}
