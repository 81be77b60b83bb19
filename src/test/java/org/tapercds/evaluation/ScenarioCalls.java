package org.tapercds.evaluation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleBase;
import tools.jackson.databind.JsonNode;

/**
 * For tests that take a scenario of {@code rules/} (often changed) through the evaluation as the
 * service runs it: the scenario by name, and its evaluation on the rule base in service, on the
 * scenario's pinned day and with its service.
 */
public final class ScenarioCalls {

    /** The scenarios of {@code ./rules}, read once per test JVM (tests never change that folder). */
    private static List<Scenario> scenarios;

    private final ScenarioFiles files;
    private final EvaluationPipeline pipeline;
    private final ActiveRuleBase ruleBases;

    public ScenarioCalls(ApplicationContext context) {
        this.files = context.getBean(ScenarioFiles.class);
        this.pipeline = context.getBean(EvaluationPipeline.class);
        this.ruleBases = context.getBean(ActiveRuleBase.class);
    }

    /** A scenario by its name under {@code rules/}, e.g. {@code alcohol/scenarios/fires-x.json}. */
    public Scenario scenario(String name) {
        return all().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scenario " + name));
    }

    /** The scenario's own request, evaluated. */
    public Evaluation evaluate(Scenario scenario) {
        return evaluate(scenario, scenario.request());
    }

    /** {@code request} (a changed copy of the scenario's) evaluated with the scenario's service and day. */
    public Evaluation evaluate(Scenario scenario, JsonNode request) {
        Service service = Service.find(scenario.service()).orElseThrow();
        return pipeline.evaluate(
                pipeline.read(service, request), ruleBase(), LocalDate.ofInstant(scenario.now(), ZoneOffset.UTC));
    }

    public RuleBase ruleBase() {
        return ruleBases.current();
    }

    private synchronized List<Scenario> all() {
        if (scenarios == null) {
            scenarios = files.load(Path.of("rules"));
        }
        return scenarios;
    }
}
