package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.daysDuration;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.onceDaily;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.Requests.step;
import static org.tapercds.timeline.TimelineFixture.EXACT;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.diazepam;
import static org.tapercds.timeline.TimelineFixture.diazepamFrom;
import static org.tapercds.timeline.TimelineFixture.inScope;
import static org.tapercds.timeline.TimelineFixture.lorazepam;
import static org.tapercds.timeline.TimelineFixture.lorazepamFrom;
import static org.tapercds.timeline.TimelineFixture.orderSign;
import static org.tapercds.timeline.TimelineFixture.patientView;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.ReductionCause;

/** RULES §3: every reduction against the 14-day window, during a switch of drug, and its cause. */
class ReductionsTests {

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
}
