package org.tapercds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.EvaluationPipeline;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.evaluation.scenarios.ScenarioRunner;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleFolders;
import org.tapercds.rules.RuleInfo;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs every scenario under {@code rules/} through the full evaluation path, each with its pinned
 * day, and checks that every rule has scenarios where it fires and where it stays silent.
 */
@SpringBootTest
class RuleScenariosIT {

    private static final Path RULES = Path.of("rules");

    @Autowired
    ScenarioRunner runner;

    @Autowired
    ScenarioFiles files;

    @Autowired
    EvaluationPipeline pipeline;

    @Autowired
    ObjectMapper json;

    @Autowired
    ActiveRuleBase ruleBases;

    @TestFactory
    Stream<DynamicTest> everyScenarioGivesItsExpectedCards() {
        List<Scenario> scenarios = files.load(RULES);
        assertThat(scenarios).isNotEmpty();
        return scenarios.stream()
                .map(scenario ->
                        DynamicTest.dynamicTest(scenario.name(), scenario.file().toUri(), () -> {
                            ScenarioRunner.Result result = runner.run(scenario, ruleBases.current());
                            assertThat(result.passed())
                                    .as(scenario.name() + ": " + result.message())
                                    .isTrue();
                        }));
    }

    @Test
    void everyRuleHasScenariosWhereItFiresAndStaysSilent() throws IOException {
        // The rule-base check: every scenario passes, and every rule (by @id) raises an advisory in a
        // fires-* scenario of its folder and stays silent in a silent-* one.
        assertThat(runner.problems(ruleBases.current())).isEmpty();
        Set<String> folders =
                ruleBases.current().rules().stream().map(RuleInfo::folder).collect(Collectors.toSet());
        try (Stream<Path> dirs = Files.list(RULES)) {
            assertThat(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("every folder with DRL has rules in the catalogue")
                    .filteredOn(name -> !name.equals("knowledge"))
                    .allMatch(folders::contains);
        }
    }

    @Test
    void refusesARuleBaseOneOfWhoseScenariosFailsNamingTheFile(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Path scenario = dir.resolve("taper-rate/scenarios/fires-diazepam-20-to-10-critical.json");
        Files.writeString(
                scenario,
                Files.readString(scenario).replace("\"indicator\": \"critical\"", "\"indicator\": \"warning\""));

        assertThat(new ScenarioRunner(files, pipeline, json, dir).problems(ruleBases.current()))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("taper-rate/scenarios/fires-diazepam-20-to-10-critical.json: expected cards"
                        + " [taper-rate-exceeded/warning] but got [taper-rate-exceeded/critical]");
    }

    @Test
    void refusesARuleWithoutASilentScenario(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        try (Stream<Path> silent = Files.list(dir.resolve("dose-quality/scenarios"))) {
            for (Path file : silent.filter(p -> p.getFileName().toString().startsWith("silent-"))
                    .toList()) {
                Files.delete(file);
            }
        }

        assertThat(new ScenarioRunner(files, pipeline, json, dir).problems(ruleBases.current()))
                .containsExactly("dose-quality/dose-unassessable.drl: rule dose-unassessable has no silent-* scenario"
                        + " in dose-quality/scenarios where it stays silent");
    }
}
