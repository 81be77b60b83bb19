package org.tapercds.evaluation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tapercds.evaluation.cards.IssuedCard;
import org.tapercds.facts.Indicator;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates live hook calls: one snapshot of the rule base in service and today's UTC date from
 * the injected clock for the whole call, the resources checked against the profiles when {@code
 * taper.validation.mode} asks for it, then the {@link EvaluationPipeline}; cards of categories the
 * EHR's users snoozed for the patient are withheld ({@link Snoozes}), and the listeners (alert
 * storage, audit) are told of the result.
 */
@Component
public class Evaluator {

    private final EvaluationPipeline pipeline;
    private final ActiveRuleBase ruleBases;
    private final Clock clock;
    private final Snoozes snoozes;
    private final List<EvaluationListener> listeners;

    public Evaluator(EvaluationPipeline pipeline, ActiveRuleBase ruleBases, Clock clock) {
        this(pipeline, ruleBases, clock, Snoozes.NONE, List.of());
    }

    public Evaluator(
            EvaluationPipeline pipeline,
            ActiveRuleBase ruleBases,
            Clock clock,
            Snoozes snoozes,
            List<EvaluationListener> listeners) {
        this.pipeline = pipeline;
        this.ruleBases = ruleBases;
        this.clock = clock;
        this.snoozes = snoozes;
        this.listeners = List.copyOf(listeners);
    }

    @Autowired
    Evaluator(
            EvaluationPipeline pipeline,
            ActiveRuleBase ruleBases,
            Clock clock,
            ObjectProvider<Snoozes> snoozes,
            ObjectProvider<EvaluationListener> listeners) {
        this(
                pipeline,
                ruleBases,
                clock,
                snoozes.getIfAvailable(() -> Snoozes.NONE),
                listeners.orderedStream().toList());
    }

    public Evaluation evaluate(Service service, JsonNode body) {
        return evaluate(service, body, request -> {}, () -> {});
    }

    /**
     * Evaluates as a live call would, but as a rehearsal (the start-up warm-up): nothing snoozed,
     * no listener told, so nothing is stored or audited.
     */
    public Evaluation rehearse(Service service, JsonNode body) {
        return rehearse(service, body, LocalDate.now(clock));
    }

    /** {@link #rehearse(Service, JsonNode)} on a day of its own (a scenario's pinned day). */
    public Evaluation rehearse(Service service, JsonNode body, LocalDate day) {
        return run(service, body, request -> {}, day);
    }

    /**
     * @param onRead told the request once its envelope and resources are read and valid (e.g. to
     *     log its hookInstance), before anything is evaluated
     * @param beforeTelling run once the cards are made, before any listener is told (nothing stored or
     *     audited yet); what it throws ends the call there (the EHR token's replay check, ADR 0015)
     */
    public Evaluation evaluate(Service service, JsonNode body, Consumer<HookRequest> onRead, Runnable beforeTelling) {
        Evaluation evaluation = withholdSnoozed(run(service, body, onRead, LocalDate.now(clock)));
        beforeTelling.run();
        for (EvaluationListener listener : listeners) {
            listener.evaluated(evaluation, body);
        }
        return evaluation;
    }

    private Evaluation run(Service service, JsonNode body, Consumer<HookRequest> onRead, LocalDate day) {
        RuleBase ruleBase = ruleBases.current();
        HookRequest request = pipeline.read(service, body);
        onRead.accept(request);
        ProfileChecks.check(request, ruleBase);
        return pipeline.evaluate(request, ruleBase, day);
    }

    /** Moves the cards of snoozed categories that got no more severe to {@code withheld}. */
    private Evaluation withholdSnoozed(Evaluation evaluation) {
        if (evaluation.cards().isEmpty()) {
            return evaluation;
        }
        Map<String, Indicator> snoozed = snoozes.snoozed(evaluation.request().patientId());
        if (snoozed.isEmpty()) {
            return evaluation;
        }
        List<IssuedCard> shown = new ArrayList<>();
        List<IssuedCard> withheld = new ArrayList<>();
        for (IssuedCard card : evaluation.cards()) {
            Indicator upTo = snoozed.get(card.lead().category());
            boolean snooze = upTo != null && !card.lead().indicator().isMoreSevereThan(upTo);
            (snooze ? withheld : shown).add(card);
        }
        return withheld.isEmpty() ? evaluation : evaluation.withholding(shown, withheld);
    }
}
