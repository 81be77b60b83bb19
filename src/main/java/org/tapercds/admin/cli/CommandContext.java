package org.tapercds.admin.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationContext;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.scenarios.ScenarioRunner;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleBaseCheck;
import org.tapercds.rules.RuleBaseException;
import org.tapercds.rules.RuleBaseLoader;
import tools.jackson.databind.ObjectMapper;

/** What a command uses from its Spring context, and the loading every command starts with. */
record CommandContext(ApplicationContext beans, Path rulesDir, Path profilesDir) {

    ProblemLines lines() {
        return new ProblemLines(rulesDir, profilesDir);
    }

    ObjectMapper json() {
        return beans.getBean(ObjectMapper.class);
    }

    EvaluationPipeline pipeline() {
        return beans.getBean(EvaluationPipeline.class);
    }

    ScenarioRunner scenarios() {
        return beans.getBean(ScenarioRunner.class);
    }

    /**
     * The rule base, loaded and checked as at the service's start-up except for the scenarios (run by
     * {@code test}); empty, with every problem printed on {@code err}, when it would be refused.
     */
    Optional<RuleBase> load(String command, PrintStream err) {
        RuleBase ruleBase;
        try {
            ruleBase = beans.getBean(RuleBaseLoader.class).load(rulesDir, profilesDir);
        } catch (RuleBaseException e) {
            return refused(command, e.getMessage(), err);
        }
        List<String> problems = new ArrayList<>();
        beans.getBeanProvider(RuleBaseCheck.class)
                .orderedStream()
                .filter(check -> !(check instanceof ScenarioRunner))
                .forEach(check -> problems.addAll(check.problems(ruleBase)));
        if (!problems.isEmpty()) {
            return refused(command, String.join("\n", problems), err);
        }
        return Optional.of(ruleBase);
    }

    private Optional<RuleBase> refused(String command, String message, PrintStream err) {
        int count = lines().print(message, err);
        err.println(command + ": " + rulesDir + " and " + profilesDir + " are refused: " + count
                + (count == 1 ? " problem" : " problems"));
        return Optional.empty();
    }
}
