package org.tapercds.timeline;

import static org.assertj.core.api.Assertions.within;
import static org.tapercds.timeline.Requests.active;
import static org.tapercds.timeline.Requests.mgDaily;
import static org.tapercds.timeline.Requests.mgDailyFrom;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.Exposure;
import org.tapercds.facts.Hook;

/** Builds patient timelines of test orders with the project's drug table and thresholds, on a fixed day. */
final class TimelineFixture {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final Offset<Double> EXACT = within(1e-9);

    private TimelineFixture() {}

    /** An active diazepam prescription of {@code mg} mg once daily, authored on {@code authoredOn}. */
    static MedicationRequest diazepam(String id, double mg, String authoredOn) {
        return active(id)
                .diazepam10Tablet()
                .authoredOn(authoredOn)
                .line(mgDaily(mg))
                .build();
    }

    /** An active diazepam prescription starting on its boundsPeriod.start. */
    static MedicationRequest diazepamFrom(String id, double mg, String start) {
        return active(id)
                .diazepam10Tablet()
                .authoredOn(start)
                .line(mgDailyFrom(mg, start))
                .build();
    }

    static MedicationRequest lorazepam(String id, double mg, String authoredOn) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(authoredOn)
                .line(mgDaily(mg))
                .build();
    }

    static MedicationRequest lorazepamFrom(String id, double mg, String start) {
        return active(id)
                .lorazepam1Tablet()
                .authoredOn(start)
                .line(mgDailyFrom(mg, start))
                .build();
    }

    static Ingredient ingredient(String name) {
        return Requests.knowledge().ingredient(name).orElseThrow();
    }

    static PatientTimeline orderSign(List<MedicationRequest> history, List<MedicationRequest> drafts) {
        return build(Hook.ORDER_SIGN, history, drafts, Set.of());
    }

    static PatientTimeline patientView(List<MedicationRequest> history) {
        return build(Hook.PATIENT_VIEW, history, List.of(), Set.of());
    }

    static PatientTimeline build(
            Hook hook, List<MedicationRequest> history, List<MedicationRequest> drafts, Set<String> selected) {
        return PatientTimeline.build(
                hook, TODAY, history, drafts, Map.of(), selected, Requests.knowledge(), Requests.settings());
    }

    static Exposure exposureOf(MedicationRequest... history) {
        return orderSign(List.of(history), List.of()).timeline().exposure();
    }

    static List<DoseReduction> inScope(PatientTimeline patient) {
        return patient.timeline().reductions(patient.scope()).stream()
                .filter(DoseReduction::inScope)
                .toList();
    }
}
