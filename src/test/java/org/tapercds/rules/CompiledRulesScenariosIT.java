package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.tapercds.evaluation.scenarios.Scenario;
import org.tapercds.evaluation.scenarios.ScenarioFiles;
import org.tapercds.evaluation.scenarios.ScenarioRunner;
import tools.jackson.databind.ObjectMapper;

/**
 * The rules loaded from a cached kjar behave exactly as freshly compiled ones: every scenario of
 * the library gives the same cards, to the byte, on both.
 */
@SpringBootTest
class CompiledRulesScenariosIT {

    @Autowired
    ScenarioRunner runner;

    @Autowired
    ScenarioFiles files;

    @Autowired
    ObjectMapper json;

    @Test
    void cachedRulesGiveTheSameCardsAsFreshlyCompiledOnesInEveryScenario() {
        CompiledRuleCache jar = CompiledRuleCache.classpathOnly();
        CompiledRuleCache none = CompiledRuleCache.none();
        RuleBase cached = load(jar);
        RuleBase compiled = load(none);
        assertThat(jar.builds()).as("the cached rules were not compiled").isZero();
        assertThat(none.builds()).isEqualTo(1);

        List<Scenario> scenarios = files.load(Path.of("rules"));
        assertThat(scenarios).hasSizeGreaterThan(20);
        for (Scenario scenario : scenarios) {
            ScenarioRunner.Result fromCache = runner.run(scenario, cached);
            ScenarioRunner.Result fresh = runner.run(scenario, compiled);
            assertThat(fromCache.passed())
                    .as(scenario.name() + ": " + fromCache.message())
                    .isTrue();
            assertThat(cards(fromCache)).as(scenario.name()).isEqualTo(cards(fresh));
            assertThat(fromCache.evaluation().rules().advisories())
                    .as(scenario.name())
                    .hasSameSizeAs(fresh.evaluation().rules().advisories());
        }
    }

    private String cards(ScenarioRunner.Result result) {
        return json.writeValueAsString(result.evaluation().wireCards());
    }

    private static RuleBase load(CompiledRuleCache cache) {
        return new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached(), ValidationMode.OFF, cache)
                .load(Path.of("rules"), Path.of("fhir-profiles"));
    }
}
