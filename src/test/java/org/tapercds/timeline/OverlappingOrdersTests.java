package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.dose;
import static org.tapercds.timeline.Requests.draft;
import static org.tapercds.timeline.Requests.every;
import static org.tapercds.timeline.Requests.line;
import static org.tapercds.timeline.TimelineFixture.TODAY;
import static org.tapercds.timeline.TimelineFixture.orderSign;
import static org.tapercds.timeline.TimelineFixture.patientView;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.tapercds.facts.DoseReduction;

/** RULES §2: orders of one ingredient that overlap in time replace each other or add up. */
class OverlappingOrdersTests {

    private static final String AS_NEEDED = "\"asNeededBoolean\": true, ";

    /** Lorazepam 1 mg three times daily since 300 days ago. */
    private static MedicationRequest lorazepamTid(String id) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(TODAY.minusDays(300).toString())
                .line(line(dose(1, "mg"), every(3, 1, "d")))
                .build();
    }

    /** Lorazepam 1 mg up to twice daily as needed, from {@code daysAgo} days ago. */
    private static MedicationRequest lorazepamAsNeeded(String id, int daysAgo) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(TODAY.minusDays(daysAgo).toString())
                .line("{" + AS_NEEDED + line(dose(1, "mg"), every(2, 1, "d")).substring(1))
                .build();
    }

    private static MedicationRequest lorazepamWhen(String id, double mg, int daysAgo, String... when) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(TODAY.minusDays(daysAgo).toString())
                .line(line(dose(mg, "mg"), "\"when\": [\"" + String.join("\", \"", when) + "\"]"))
                .build();
    }

    private static Requests.Builder lorazepamDraft(String id, double mg) {
        return draft(id).lorazepam1Tablet().line(line(dose(mg, "mg"), every(1, 1, "d")));
    }

    @Test
    void anAsNeededOrderDoesNotReplaceTheScheduledOne() {
        PatientTimeline patient = patientView(List.of(lorazepamTid("tid"), lorazepamAsNeeded("prn", 30)));

        assertThat(patient.timeline().mgOn(TimelineFixture.ingredient("lorazepam"), TODAY))
                .isEqualTo(3.0);
        assertThat(patient.timeline().reductions(patient.scope())).isEmpty();
    }

    @Test
    void aDraftThatNamesNoOrderReplacesTheScheduledOneNotTheAsNeededOne() {
        PatientTimeline patient = orderSign(
                List.of(lorazepamTid("tid"), lorazepamAsNeeded("prn", 30)),
                List.of(lorazepamDraft("new", 1).build()));

        assertThat(patient.timeline().mgOn(TimelineFixture.ingredient("lorazepam"), TODAY))
                .isEqualTo(1.0);
        assertThat(patient.reductions())
                .filteredOn(DoseReduction::inScope)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.previousMgDe()).isEqualTo(30.0);
                    assertThat(r.currentMgDe()).isEqualTo(10.0);
                    assertThat(r.orderId()).isEqualTo("new");
                });
    }

    @Test
    void morningAndBedtimeOrdersAddUpAndADraftReplacesOnlyTheOneWhoseTimesItShares() {
        PatientTimeline patient = orderSign(
                List.of(lorazepamWhen("morning", 1, 200, "MORN"), lorazepamWhen("night", 2, 100, "HS")),
                List.of(draft("night-cut")
                        .lorazepam1Tablet()
                        .line(line(dose(1, "mg"), "\"when\": [\"HS\"]"))
                        .build()));
        Ingredient lorazepam = TimelineFixture.ingredient("lorazepam");

        assertThat(patient.timeline().mgOn(lorazepam, TODAY.minusDays(1))).isEqualTo(3.0);
        assertThat(patient.timeline().mgOn(lorazepam, TODAY)).isEqualTo(2.0);
    }

    @Test
    void aDraftThatNamesItsPredecessorReplacesOnlyThatOrder() {
        PatientTimeline patient = orderSign(
                List.of(lorazepamWhen("morning", 1, 200, "MORN"), lorazepamWhen("night", 2, 100, "HS")),
                List.of(lorazepamDraft("renewal", 1)
                        .member("\"priorPrescription\": {\"reference\": \"MedicationRequest/morning\"}")
                        .build()));

        assertThat(patient.timeline().mgOn(TimelineFixture.ingredient("lorazepam"), TODAY))
                .isEqualTo(3.0);
        assertThat(patient.reductions()).filteredOn(DoseReduction::inScope).isEmpty();
    }

    @Test
    void aDraftNamesAnOrderByASharedIdentifier() {
        String identifier = "\"identifier\": [{\"system\": \"urn:oid:1.2.3\", \"value\": \"RX-77\"}]";
        MedicationRequest morning = active("morning")
                .lorazepam1Tablet()
                .authoredOn(TODAY.minusDays(200).toString())
                .line(line(dose(2, "mg"), "\"when\": [\"MORN\"]"))
                .member(identifier)
                .build();
        PatientTimeline patient = orderSign(
                List.of(morning, lorazepamWhen("night", 2, 100, "HS")),
                List.of(lorazepamDraft("edit", 1).member(identifier).build()));
        Ingredient lorazepam = TimelineFixture.ingredient("lorazepam");

        assertThat(patient.timeline().mgOn(lorazepam, TODAY.minusDays(1))).isEqualTo(4.0);
        // Named by its identifier, only the morning order is replaced; unnamed, the draft (no times
        // given) would replace both.
        assertThat(patient.timeline().mgOn(lorazepam, TODAY)).isEqualTo(3.0);
    }

    @Test
    void anAsNeededOnlyDraftReplacesTheScheduledOrder() {
        PatientTimeline patient = orderSign(
                List.of(lorazepamTid("tid")),
                List.of(draft("prn-only")
                        .lorazepam1Tablet()
                        .line("{" + AS_NEEDED
                                + line(dose(1, "mg"), every(2, 1, "d")).substring(1))
                        .build()));

        assertThat(patient.timeline().doseOn(TODAY)).isZero();
        assertThat(patient.reductions())
                .filteredOn(DoseReduction::inScope)
                .singleElement()
                .satisfies(r -> assertThat(r.currentMgDe()).isZero());
    }

    @Test
    void draftsOfOneCallAddUp() {
        PatientTimeline patient = orderSign(
                List.of(lorazepamTid("tid")),
                List.of(lorazepamDraft("a", 1).build(), lorazepamDraft("b", 1).build()));

        assertThat(patient.timeline().mgOn(TimelineFixture.ingredient("lorazepam"), TODAY))
                .isEqualTo(2.0);
    }

    @Test
    void aLaterHistoryOrderNamingAnotherReplacesItEvenWithDisjointTimes() {
        MedicationRequest renewal = active("renewal")
                .lorazepam1Tablet()
                .authoredOn(TODAY.minusDays(20).toString())
                .line(line(dose(1, "mg"), "\"when\": [\"HS\"]"))
                .member("\"priorPrescription\": {\"reference\": \"MedicationRequest/morning\"}")
                .build();
        PatientTimeline patient = patientView(List.of(lorazepamWhen("morning", 2, 200, "MORN"), renewal));
        Ingredient lorazepam = TimelineFixture.ingredient("lorazepam");

        assertThat(patient.timeline().mgOn(lorazepam, TODAY.minusDays(21))).isEqualTo(2.0);
        assertThat(patient.timeline().mgOn(lorazepam, TODAY)).isEqualTo(1.0);
        assertThat(patient.timeline().mgOn(lorazepam, LocalDate.from(TODAY.minusDays(20))))
                .isEqualTo(1.0);
    }

    @Test
    void theRegimenTableListsEveryOrderThatContributes() {
        PatientTimeline patient = orderSign(
                List.of(lorazepamWhen("morning", 1, 200, "MORN"), lorazepamWhen("night", 2, 100, "HS")),
                List.of(draft("night-cut")
                        .lorazepam1Tablet()
                        .line(line(dose(1, "mg"), "\"when\": [\"HS\"]"))
                        .build()));

        List<DoseTimeline.Step> steps = patient.timeline().steps(TODAY.minusDays(1), TODAY);

        assertThat(steps)
                .extracting(step -> step.ordersByIngredient().get("lorazepam"))
                .containsExactly(List.of("morning", "night"), List.of("morning", "night-cut"));
    }
}
