package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.mgDailyBetween;
import static org.tapercds.timeline.Requests.mgDailyFrom;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.diazepam;
import static org.tapercds.timeline.TimelineFixture.diazepamFrom;
import static org.tapercds.timeline.TimelineFixture.inScope;
import static org.tapercds.timeline.TimelineFixture.ingredient;
import static org.tapercds.timeline.TimelineFixture.lorazepam;
import static org.tapercds.timeline.TimelineFixture.orderSign;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.ReductionCause;

/** RULES §2: which orders make up the day-by-day diazepam-equivalent timeline, and from when (replacement, drafts, concurrent drugs). */
class DoseTimelineTests {

    @Test
    void addsUpTwoIngredientsInEffectOnTheSameDay() {
        PatientTimeline patient =
                orderSign(List.of(lorazepam("rx1", 1, "2026-10-01"), diazepam("rx2", 5, "2026-10-01")), List.of());

        assertThat(patient.timeline().doseOn(TODAY)).isEqualTo(15.0);
        assertThat(patient.timeline().mgOn(ingredient("lorazepam"), TODAY)).isEqualTo(1.0);
        assertThat(patient.timeline().mgOn(ingredient("diazepam"), TODAY)).isEqualTo(5.0);
        assertThat(patient.timeline().doseOn(LocalDate.of(2026, 9, 30))).isZero();
    }

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
    void totalsAreTheStepsWithoutTheirDetail() {
        PatientTimeline patient = orderSign(
                List.of(
                        diazepam("rx1", 20, "2026-05-01"),
                        diazepamFrom("rx2", 10, "2026-10-01"),
                        lorazepam("rx3", 1, "2026-08-01")),
                List.of(draft("d1").diazepam10Tablet().line(mgDaily(5)).build()));
        DoseTimeline timeline = patient.timeline();
        LocalDate from = TODAY.minusDays(365);
        LocalDate to = TODAY.plusDays(120);

        List<DoseTimeline.Step> steps = timeline.steps(from, to);

        // Diazepam 20 mg from 1 May, lorazepam 1 mg (10 mg DE) added on 1 August, the diazepam replaced
        // by 10 mg on 1 October, and the draft's 5 mg of diazepam from today.
        assertThat(timeline.totals(from, to))
                .containsExactly(
                        new DoseTimeline.Total(LocalDate.parse("2026-04-30"), 0.0, false, false),
                        new DoseTimeline.Total(LocalDate.parse("2026-05-01"), 20.0, false, false),
                        new DoseTimeline.Total(LocalDate.parse("2026-08-01"), 30.0, false, false),
                        new DoseTimeline.Total(LocalDate.parse("2026-10-01"), 20.0, false, false),
                        new DoseTimeline.Total(TODAY, 15.0, false, true));
        assertThat(timeline.totals(from, to))
                .containsExactlyElementsOf(steps.stream()
                        .map(s -> new DoseTimeline.Total(s.day(), s.totalMgDe(), s.unknown(), s.draft()))
                        .toList());
    }
}
