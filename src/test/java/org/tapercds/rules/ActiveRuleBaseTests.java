package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule base in service has passed every rule-base check; a failing check stops the start. */
class ActiveRuleBaseTests {

    private static final RulesProperties PROJECT =
            new RulesProperties(Path.of("rules"), Path.of("fhir-profiles"), null);

    private static RuleBaseCheck check(String name, List<String> problems, List<String> seen) {
        return new RuleBaseCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> problems(RuleBase candidate) {
                seen.add(name + ":" + candidate.version());
                return problems;
            }
        };
    }

    @Test
    void runsEveryCheckOnTheCandidateBeforeServingIt() {
        List<String> seen = new ArrayList<>();
        ActiveRuleBase active = new ActiveRuleBase(
                new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()),
                List.of(check("first", List.of(), seen), check("second", List.of(), seen)),
                PROJECT,
                new SimpleMeterRegistry());

        assertThat(seen)
                .containsExactly(
                        "first:" + active.current().version(),
                        "second:" + active.current().version());
    }

    @Test
    void refusesToServeARuleBaseAFailingCheckNamesEveryProblem() {
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> new ActiveRuleBase(
                        new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()),
                        List.of(
                                check("scenarios", List.of("a/scenarios/x.json: expected cards [] but got [b]"), seen),
                                check("other", List.of("c/card.yaml:3: broken"), seen)),
                        PROJECT,
                        new SimpleMeterRegistry()))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("is refused:")
                .hasMessageContaining("scenarios: a/scenarios/x.json: expected cards [] but got [b]")
                .hasMessageContaining("other: c/card.yaml:3: broken");
    }
}
