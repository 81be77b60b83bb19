package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.order;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.diazepam;
import static org.tapercds.timeline.TimelineFixture.diazepamFrom;
import static org.tapercds.timeline.TimelineFixture.inScope;
import static org.tapercds.timeline.TimelineFixture.orderSign;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.UnassessableDose;

/** RULES §3: orders of unknown dose, which checks they hide and when they are reported. */
class UnassessableOrdersTests {

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
        assertThat(patient.timeline().exposure().start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(patient.timeline().unassessable(patient.scope()))
                .extracting(UnassessableDose::orderId, UnassessableDose::inScope)
                .containsExactly(tuple("rx1", false));
    }
}
