package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.build;
import static org.tapercds.timeline.TimelineFixture.diazepam;
import static org.tapercds.timeline.TimelineFixture.diazepamFrom;
import static org.tapercds.timeline.TimelineFixture.inScope;
import static org.tapercds.timeline.TimelineFixture.lorazepam;
import static org.tapercds.timeline.TimelineFixture.orderSign;
import static org.tapercds.timeline.TimelineFixture.patientView;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.Hook;

/** RULES §3: which reductions are the clinician's to change, per hook. */
class ReductionScopeTests {

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
}
