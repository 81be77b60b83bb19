package org.tapercds.evaluation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.tapercds.fhir.HookRequest;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates live hook calls: one snapshot of the rule base in service and today's UTC date from
 * the injected clock for the whole call, the resources checked against the profiles when {@code
 * taper.validation.mode} asks for it, then the {@link EvaluationPipeline}.
 */
@Component
public class Evaluator {

    private final EvaluationPipeline pipeline;
    private final ActiveRuleBase ruleBases;
    private final Clock clock;

    public Evaluator(EvaluationPipeline pipeline, ActiveRuleBase ruleBases, Clock clock) {
        this.pipeline = pipeline;
        this.ruleBases = ruleBases;
        this.clock = clock;
    }

    public Evaluation evaluate(Service service, JsonNode body) {
        return evaluate(service, body, request -> {});
    }

    /**
     * @param onRead told the request once its envelope and resources are read and valid (e.g. to
     *     log its hookInstance), before anything is evaluated
     */
    public Evaluation evaluate(Service service, JsonNode body, Consumer<HookRequest> onRead) {
        RuleBase ruleBase = ruleBases.current();
        HookRequest request = pipeline.read(service, body);
        onRead.accept(request);
        ProfileChecks.check(request, ruleBase);
        return pipeline.evaluate(request, ruleBase, LocalDate.now(clock));
    }
}
