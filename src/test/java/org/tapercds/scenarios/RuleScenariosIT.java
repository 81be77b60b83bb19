package org.tapercds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.hooks.Scenario;
import org.tapercds.hooks.ScenarioRunner;
import org.tapercds.rules.ActiveRuleBase;
import org.tapercds.rules.RuleInfo;

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
    ActiveRuleBase ruleBases;

    @TestFactory
    Stream<DynamicTest> everyScenarioGivesItsExpectedCards() {
        List<Scenario> scenarios = runner.load(RULES);
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
    void everyRuleFolderHasScenariosWhereItFiresAndStaysSilent() throws IOException {
        List<Scenario> scenarios = runner.load(RULES);
        Map<String, Set<String>> categoriesByFolder = ruleBases.current().rules().stream()
                .collect(Collectors.groupingBy(
                        (RuleInfo r) -> r.file().substring(0, r.file().indexOf('/')),
                        Collectors.mapping(RuleInfo::category, Collectors.toSet())));
        assertThat(categoriesByFolder).isNotEmpty();
        for (Map.Entry<String, Set<String>> folder : categoriesByFolder.entrySet()) {
            List<Scenario> own = scenarios.stream()
                    .filter(s -> s.folder().equals(folder.getKey()))
                    .toList();
            for (String category : folder.getValue()) {
                assertThat(own)
                        .as("a fires-* scenario in rules/%s/scenarios producing %s", folder.getKey(), category)
                        .anyMatch(s -> s.fires()
                                && s.cards().stream().anyMatch(c -> c.category().equals(category)));
                assertThat(own)
                        .as("a silent-* scenario in rules/%s/scenarios without %s", folder.getKey(), category)
                        .anyMatch(s -> s.silent()
                                && s.cards().stream()
                                        .noneMatch(c -> c.category().equals(category)));
            }
        }
        try (Stream<Path> files = Files.list(RULES)) {
            assertThat(files.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("every folder with DRL has rules in the catalogue")
                    .filteredOn(name -> !name.equals("knowledge"))
                    .allMatch(categoriesByFolder::containsKey);
        }
    }
}
