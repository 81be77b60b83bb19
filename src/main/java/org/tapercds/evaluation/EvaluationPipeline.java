package org.tapercds.evaluation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Medication;
import org.tapercds.evaluation.cards.CardAssembler;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.evidence.EvidenceFacts;
import org.tapercds.facts.Hook;
import org.tapercds.fhir.HookRequest;
import org.tapercds.fhir.HookRequestReader;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleOutcome;
import org.tapercds.timeline.PatientTimeline;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation of one hook call on a given rule base and day: the request read from its JSON
 * tree, then FHIR → timeline facts → evidence facts → rules → cards, into one {@link Evaluation}.
 * Stateless; {@link Evaluator} runs it on the rule base in service and today, the scenario runner
 * on a candidate rule base and a scenario's pinned day.
 */
public final class EvaluationPipeline {

    private final HookRequestReader reader;
    private final CardAssembler cards;

    public EvaluationPipeline(HookRequestReader reader, CardAssembler cards) {
        this.reader = reader;
        this.cards = cards;
    }

    /** Reads and checks the call's envelope and resources (400, 412 … as {@code ApiException}s). */
    public HookRequest read(Service service, JsonNode body) {
        return reader.read(service.id(), service.hook(), body);
    }

    public Evaluation evaluate(HookRequest request, RuleBase ruleBase, LocalDate today) {
        long start = System.nanoTime();
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
        long timelineDone = System.nanoTime();
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
        long evidenceDone = System.nanoTime();
        RuleOutcome outcome = ruleBase.fire(facts);
        long rulesDone = System.nanoTime();
        List<IssuedCard> issued = cards.cards(request, ruleBase, timeline, facts, outcome);
        long cardsDone = System.nanoTime();
        return new Evaluation(
                request,
                ruleBase.version(),
                today,
                outcome,
                issued,
                List.of(),
                timeline,
                facts,
                ruleBase.settings(),
                new Evaluation.Timings(
                        timelineDone - start,
                        evidenceDone - timelineDone,
                        rulesDone - evidenceDone,
                        cardsDone - rulesDone));
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
