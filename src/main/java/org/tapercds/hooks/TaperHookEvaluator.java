package org.tapercds.hooks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Medication;
import org.tapercds.evidence.EvidenceFacts;
import org.tapercds.facts.Hook;
import org.tapercds.fhir.HookRequest;
import org.tapercds.hooks.cards.Card;
import org.tapercds.hooks.cards.CardAssembler;
import org.tapercds.hooks.cards.CardsResponse;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.Advisory;
import org.tapercds.rules.RuleBase;
import org.tapercds.timeline.PatientTimeline;

/**
 * The evaluation of one hook call: FHIR → timeline facts → rules → cards, all on one rule-base
 * snapshot and the injected clock.
 */
public class TaperHookEvaluator implements HookEvaluator {

    private final ActiveRuleBase ruleBases;
    private final CardAssembler cards;
    private final Clock clock;

    public TaperHookEvaluator(ActiveRuleBase ruleBases, CardAssembler cards, Clock clock) {
        this.ruleBases = ruleBases;
        this.cards = cards;
        this.clock = clock;
    }

    @Override
    public CardsResponse evaluate(HookRequest request) {
        return CardsResponse.of(evaluate(request, ruleBases.current(), LocalDate.now(clock)));
    }

    /**
     * Evaluates on a given rule base and day (also used for scenario runs, which pin their own day,
     * and for impact previews).
     */
    public List<Card> evaluate(HookRequest request, RuleBase ruleBase, LocalDate today) {
        ProfileChecks.check(request, ruleBase);
        Map<String, Medication> medications = medicationsByReference(request.medicationResources());
        PatientTimeline timeline = PatientTimeline.build(
                request.hook(),
                today,
                request.medications(),
                request.hook() == Hook.PATIENT_VIEW ? List.of() : request.draftOrders(),
                medications,
                selectedOrders(request),
                ruleBase.knowledge(),
                ruleBase.settings());
        List<Object> facts = timeline.facts();
        facts.addAll(new EvidenceFacts(ruleBase.terminology(), ruleBase.alcoholMeasures(), ruleBase.settings())
                .facts(new EvidenceFacts.Inputs(
                        timeline.scope(),
                        request.patient(),
                        request.medications(),
                        request.hook() == Hook.PATIENT_VIEW ? List.of() : request.draftOrders(),
                        medications,
                        request.observations(),
                        request.conditions(),
                        timeline.benzodiazepineUse())));
        List<Advisory> advisories = ruleBase.evaluate(facts);
        return cards.cards(request, ruleBase, timeline, facts, advisories);
    }

    private static Map<String, Medication> medicationsByReference(List<Medication> medications) {
        Map<String, Medication> byReference = new HashMap<>();
        for (Medication medication : medications) {
            String id = medication.getIdElement().getIdPart();
            if (id != null) {
                byReference.put("Medication/" + id, medication);
                byReference.put(id, medication);
            }
        }
        return byReference;
    }

    /** order-select: the selected drafts ({@code MedicationRequest/id} or {@code id}). */
    private static Set<String> selectedOrders(HookRequest request) {
        if (request.hook() != Hook.ORDER_SELECT) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (String selection : request.selections()) {
            ids.add(selection.substring(selection.lastIndexOf('/') + 1));
        }
        return ids;
    }
}
