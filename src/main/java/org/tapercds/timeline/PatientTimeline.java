package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestIntent;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.tapercds.facts.BenzodiazepineUse;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.EvaluationScope;
import org.tapercds.facts.Hook;
import org.tapercds.facts.TaperSettings;

/**
 * A patient's benzodiazepine regimens (history and drafts) and their timeline, with the facts the
 * rules see. Built once per hook call.
 */
public record PatientTimeline(
        EvaluationScope scope,
        List<OrderRegimen> regimens,
        DoseTimeline timeline,
        List<DoseReduction> reductions,
        BenzodiazepineUse benzodiazepineUse) {

    /** History statuses that place an order on the timeline (RULES §2). */
    private static final Set<MedicationRequestStatus> HISTORY_STATUSES = Set.of(
            MedicationRequestStatus.ACTIVE,
            MedicationRequestStatus.ONHOLD,
            MedicationRequestStatus.COMPLETED,
            MedicationRequestStatus.STOPPED);

    /** Order-type intents; proposals, plans and options are not prescriptions. */
    private static final Set<MedicationRequestIntent> ORDER_INTENTS = Set.of(
            MedicationRequestIntent.ORDER,
            MedicationRequestIntent.ORIGINALORDER,
            MedicationRequestIntent.REFLEXORDER,
            MedicationRequestIntent.FILLERORDER,
            MedicationRequestIntent.INSTANCEORDER);

    /**
     * Builds the regimens and timeline.
     *
     * @param history the prefetched {@code MedicationRequest}s of the patient
     * @param drafts the draft orders being signed or selected (empty for patient-view)
     * @param medications {@code Medication} resources by reference ({@code Medication/id} and {@code id})
     * @param selectedOrders order-select: ids of the selected drafts (empty: every draft is reviewed)
     */
    public static PatientTimeline build(
            Hook hook,
            LocalDate today,
            List<MedicationRequest> history,
            List<MedicationRequest> drafts,
            Map<String, Medication> medications,
            Set<String> selectedOrders,
            DrugKnowledge knowledge,
            TaperSettings settings) {
        DoseNormaliser normaliser = new DoseNormaliser(knowledge);
        List<OrderRegimen> regimens = new ArrayList<>();
        for (MedicationRequest order : history) {
            // Status and intent are required in FHIR; an order without them is not a placed order
            // (and Set.of(...).contains(null) would throw).
            if (order.getStatus() == null
                    || order.getIntent() == null
                    || !HISTORY_STATUSES.contains(order.getStatus())
                    || !ORDER_INTENTS.contains(order.getIntent())) {
                continue;
            }
            normaliser
                    .drugOf(order, medications)
                    .ifPresent(drug -> regimens.add(normaliser.normalise(order, drug, false, today)));
        }
        boolean benzodiazepineDraft = false;
        for (MedicationRequest draft : drafts) {
            Optional<Drug> drug = normaliser.drugOf(draft, medications);
            if (drug.isPresent()) {
                benzodiazepineDraft |= selectedOrders.isEmpty()
                        || selectedOrders.contains(draft.getIdElement().getIdPart());
                regimens.add(normaliser.normalise(draft, drug.get(), true, today));
            }
        }
        EvaluationScope scope = new EvaluationScope(hook, today, benzodiazepineDraft, selectedOrders);
        DoseTimeline timeline = DoseTimeline.build(regimens, today, settings);
        List<DoseReduction> reductions = timeline.reductions(scope);
        return new PatientTimeline(scope, regimens, timeline, reductions, use(scope, regimens, timeline, reductions));
    }

    /** The facts the rules see: the scope, the exposure, reductions and unassessable orders. */
    public List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        facts.add(scope);
        facts.add(timeline.exposure());
        facts.addAll(reductions);
        facts.addAll(timeline.unassessable(scope));
        facts.add(benzodiazepineUse);
        return facts;
    }

    /** The benzodiazepine use the co-use and withdrawal rules see; derived once, when the timeline is built. */
    private static BenzodiazepineUse use(
            EvaluationScope scope, List<OrderRegimen> regimens, DoseTimeline timeline, List<DoseReduction> reductions) {
        LocalDate today = scope.today();
        // In use today: a scheduled dose, or a history order in effect today even if it is as-needed
        // only or of unknown dose (co-use risk does not need a schedule).
        boolean active =
                timeline.doseOn(today) > 0 || regimens.stream().anyMatch(r -> !r.draft() && inEffect(r, today));
        boolean draftReduces = !scope.patientView() && reductions.stream().anyMatch(DoseReduction::inScope);
        List<String> ingredients = regimens.stream()
                .map(r -> r.ingredient().name() + (r.draft() ? " (draft)" : ""))
                .distinct()
                .sorted()
                .toList();
        return new BenzodiazepineUse(
                scope.patientView(),
                active,
                scope.hasBenzodiazepineDraft(),
                draftReduces,
                timeline.daysSinceScheduled(),
                timeline.lastReductionBeforeToday(),
                ingredients);
    }

    private static boolean inEffect(OrderRegimen regimen, LocalDate day) {
        if (!regimen.assessable()) {
            LocalDate until = regimen.unassessableUntil();
            return !regimen.start().isAfter(day) && (until == null || until.isAfter(day));
        }
        return regimen.steps().stream().anyMatch(step -> step.covers(day));
    }

    /** The regimen of an order by id; orders without an id (allowed in FHIR) are never found. */
    public Optional<OrderRegimen> regimen(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        return regimens.stream().filter(r -> orderId.equals(r.orderId())).findFirst();
    }
}
