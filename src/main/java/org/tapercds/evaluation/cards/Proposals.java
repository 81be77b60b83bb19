package org.tapercds.evaluation.cards;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.KeepDoseOffer;
import org.tapercds.fhir.Codes;
import org.tapercds.timeline.OrderRegimen;
import org.tapercds.timeline.Product;
import org.tapercds.timeline.TaperPlan;
import org.tapercds.timeline.TaperProposal;

/**
 * The one safe proposal per draft, and its gradual plan (RULES §3), computed once per call and
 * draft: every card of the call about that draft offers the same {@code update} first.
 */
final class Proposals {

    /** The templates a card needs to offer the proposal. */
    static final List<String> PARTS = List.of("suggestion", "action");

    /** The templates a card needs to offer the gradual plan too. */
    static final List<String> PLAN_PARTS = List.of("suggestion", "action", "plan", "plan-action");

    private final Map<String, Optional<Offer>> byDraft = new HashMap<>();

    /**
     * What is offered for a draft: the proposal (its view and resource) and, unless the taper
     * pauses, the gradual plan.
     */
    record Offer(
            String orderId,
            boolean pause,
            ProposalView proposal,
            String proposalResource,
            PlanView plan,
            String planResource) {}

    /**
     * What the templates see of the proposal.
     *
     * @param pause withdrawal fired: the current dose is kept
     * @param safer the smallest dose within the limit
     * @param hold no dose within the limit can be made: the current dose is kept
     * @param doses the administrations ("5 mg three times daily")
     * @param medication what the proposed order names
     */
    public record ProposalView(
            String ingredient,
            String mgPerDay,
            LocalDate day,
            boolean pause,
            boolean safer,
            boolean hold,
            String doses,
            String medication,
            String retainedPercent) {}

    /**
     * What the templates see of the gradual plan.
     *
     * @param reviewFrom the first day of the last, open-ended step
     */
    public record PlanView(
            String ingredient,
            LocalDate start,
            String firstMgPerDay,
            String lastMgPerDay,
            LocalDate reviewFrom,
            int stepCount,
            List<PlanStep> steps,
            String medication) {}

    /** A row of the plan table. */
    public record PlanStep(
            LocalDate start, LocalDate until, boolean open, String mgPerDay, String mgDe, String doses) {}

    /** The offer for the draft that made the earliest in-scope reduction of {@code reductions}. */
    Optional<Offer> forEarliest(List<DoseReduction> reductions, CardContext context) {
        return reductions.stream()
                .filter(r -> r.inScope() && r.orderId() != null)
                .filter(r -> context.timeline()
                        .regimen(r.orderId())
                        .filter(OrderRegimen::draft)
                        .isPresent())
                .min(Comparator.comparing(DoseReduction::day))
                .flatMap(r -> forDraft(r.orderId(), context));
    }

    /** The offer for a draft, computed on first use. */
    Optional<Offer> forDraft(String orderId, CardContext context) {
        Optional<Offer> known = byDraft.get(orderId);
        if (known == null) {
            known = compute(orderId, context);
            byDraft.put(orderId, known);
        }
        return known;
    }

    private static Optional<Offer> compute(String orderId, CardContext context) {
        Optional<MedicationRequest> draft = context.request().draftOrders().stream()
                .filter(d -> orderId.equals(d.getIdElement().getIdPart()))
                .findFirst();
        Optional<OrderRegimen> regimen = context.timeline().regimen(orderId).filter(OrderRegimen::draft);
        Optional<DoseReduction> first = context.timeline().reductions().stream()
                .filter(r -> r.inScope() && orderId.equals(r.orderId()))
                .min(Comparator.comparing(DoseReduction::day));
        if (draft.isEmpty() || regimen.isEmpty() || first.isEmpty()) {
            return Optional.empty();
        }
        var knowledge = context.ruleBase().knowledge();
        var settings = context.ruleBase().settings();
        Optional<TaperProposal.Basis> basis = TaperProposal.Basis.of(
                regimen.get(),
                first.get(),
                context.timeline().timeline(),
                context.timeline().regimens(),
                knowledge,
                productOf(draft.get(), context).orElse(null),
                settings);
        if (basis.isEmpty()) {
            return Optional.empty();
        }
        // The taper pauses when a withdrawal rule offers to keep the dose (rules/withdrawal, RULES §3, §5).
        boolean pause = context.outcome().advisories().stream().anyMatch(a -> a.evidence() instanceof KeepDoseOffer);
        TaperProposal proposal = TaperProposal.of(basis.get(), pause, settings.minRetainedFraction());
        var parser = context.fhirContext().newJsonParser();
        String proposalResource = parser.encodeResourceToString(DoseUpdate.proposal(draft.get(), proposal));
        ProposalView proposalView = new ProposalView(
                basis.get().ingredient().name(),
                Format.mg(proposal.dose().mgPerDay()),
                basis.get().day(),
                proposal.kind() == TaperProposal.Kind.PAUSE,
                proposal.kind() == TaperProposal.Kind.SAFER,
                proposal.kind() == TaperProposal.Kind.HOLD,
                DoseUpdate.doses(proposal.dose()),
                medicationText(proposal.product(), basis.get()),
                Format.percent(settings.minRetainedFraction()));
        PlanView planView = null;
        String planResource = null;
        Optional<TaperPlan> plan = pause ? Optional.empty() : TaperPlan.of(basis.get(), settings);
        if (plan.isPresent()) {
            List<PlanStep> rows = new ArrayList<>();
            for (TaperPlan.Step step : plan.get().steps()) {
                double mgDe = basis.get().ingredient().ashtonDe(step.dose().mgPerDay());
                rows.add(new PlanStep(
                        step.start(),
                        step.until(),
                        step.days() == null,
                        Format.mg(step.dose().mgPerDay()),
                        Format.mg(mgDe),
                        DoseUpdate.doses(step.dose())));
            }
            List<TaperPlan.Step> steps = plan.get().steps();
            planView = new PlanView(
                    basis.get().ingredient().name(),
                    steps.get(0).start(),
                    Format.mg(steps.get(0).dose().mgPerDay()),
                    Format.mg(steps.get(steps.size() - 1).dose().mgPerDay()),
                    steps.get(steps.size() - 1).start(),
                    steps.size(),
                    rows,
                    medicationText(plan.get().product(), basis.get()));
            planResource = parser.encodeResourceToString(DoseUpdate.plan(draft.get(), plan.get()));
        }
        return Optional.of(new Offer(orderId, pause, proposalView, proposalResource, planView, planResource));
    }

    /** A card suggestion: an {@code update} of the draft with the resource. */
    static Card.Suggestion suggestion(
            CardContext context, String orderId, String label, String description, String resource) {
        Card.Action action = new Card.Action("update", description, resource, null);
        String uuid = UUID.nameUUIDFromBytes((context.request().hookInstance() + "|suggestion|" + orderId + "|" + label)
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Card.Suggestion(label, uuid, Boolean.TRUE, List.of(action));
    }

    /** The proposal's suggestion, labelled by the category's templates. */
    static Card.Suggestion proposalSuggestion(Offer offer, String category, CardContext context, Object view) {
        return suggestion(
                context,
                offer.orderId(),
                context.render(category, "suggestion", view),
                context.render(category, "action", view),
                offer.proposalResource());
    }

    /** The plan's suggestion (not recommended: the proposal is), labelled by the category's templates. */
    static Card.Suggestion planSuggestion(Offer offer, String category, CardContext context, Object view) {
        Card.Suggestion plan = suggestion(
                context,
                offer.orderId(),
                context.render(category, "plan", view),
                context.render(category, "plan-action", view),
                offer.planResource());
        return new Card.Suggestion(plan.label(), plan.uuid(), Boolean.FALSE, plan.actions());
    }

    private static String medicationText(Product product, TaperProposal.Basis basis) {
        if (product != null) {
            return product.display();
        }
        return DoseUpdate.conceptText(basis);
    }

    private static Optional<Product> productOf(MedicationRequest draft, CardContext context) {
        if (!draft.hasMedicationCodeableConcept()) {
            return Optional.empty();
        }
        return draft.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> Codes.RXNORM.equals(c.getSystem()) && c.hasCode())
                .map(c -> context.ruleBase().knowledge().product(c.getCode()))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
