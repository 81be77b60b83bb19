package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks a rule base passes before it serves (what {@link ActiveRuleBase} runs at start-up;
 * every full-application test starts through them). This test does not name {@code
 * RulesProperties}: a test class that does makes the fuzz run's Jazzer agent load that record
 * before the context, without the parameter names its binding needs (docs/testing.md).
 */
class ActiveRuleBaseTests {

    private static RuleBase candidate;

    @BeforeAll
    static void load() {
        candidate = RuleFolders.load(Path.of("rules"));
    }

    private static RuleBaseCheck check(String name, List<String> problems) {
        return new RuleBaseCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> problems(RuleBase ruleBase) {
                return problems;
            }
        };
    }

    @Test
    void acceptsACandidateEveryCheckPasses() {
        assertThatCode(() ->
                        RuleBaseChecks.check(candidate, List.of(check("first", List.of()), check("second", List.of()))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesACandidateNamingEveryProblemOfEveryCheck() {
        assertThatThrownBy(() -> RuleBaseChecks.check(
                        candidate,
                        List.of(
                                check("scenarios", List.of("a/scenarios/x.json: expected cards [] but got [b]")),
                                check("other", List.of("c/card.yaml:3: broken")))))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("the rule base " + candidate.version() + " is refused:")
                .hasMessageContaining("scenarios: a/scenarios/x.json: expected cards [] but got [b]")
                .hasMessageContaining("other: c/card.yaml:3: broken");
    }

    @Test
    void servesTheRuleBaseOnlyOnceItsChecksPassed() {
        ActiveRuleBase active = new ActiveRuleBase(
                new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()),
                List.of(check("first", List.of())),
                Path.of("rules"),
                Path.of("fhir-profiles"),
                Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        active.afterSingletonsInstantiated();

        org.assertj.core.api.Assertions.assertThat(active.isLoaded()).isTrue();
        org.assertj.core.api.Assertions.assertThat(active.current().version()).isEqualTo(candidate.version());
    }

    @Test
    void tellsHowLongTheStartUpChecksTook() {
        RuleBaseCheck slow = new RuleBaseCheck() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public List<String> problems(RuleBase ruleBase) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        };
        ActiveRuleBase active = new ActiveRuleBase(
                new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()),
                List.of(slow, check("quick", List.of())),
                Path.of("rules"),
                Path.of("fhir-profiles"),
                Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        // Not the load (over a second here): the checks alone, which the warm-up counts.
        org.assertj.core.api.Assertions.assertThat(active.startUpChecks())
                .isBetween(java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(1000));
    }

    @Test
    void failsTheStartWhenAStartUpCheckFails() {
        ActiveRuleBase active = new ActiveRuleBase(
                new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()),
                List.of(check("scenarios", List.of("x/scenarios/y.json: expected cards [] but got [z]"))),
                Path.of("rules"),
                Path.of("fhir-profiles"),
                Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        assertThatThrownBy(active::afterSingletonsInstantiated)
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("scenarios: x/scenarios/y.json: expected cards [] but got [z]");
        org.assertj.core.api.Assertions.assertThat(active.isLoaded()).isFalse();
        assertThatThrownBy(active::current).isInstanceOf(RuleBaseException.class);
    }

    @Test
    void failsTheStartWhenTheRuleBaseDoesNotLoad(@org.junit.jupiter.api.io.TempDir Path rules) {
        // An empty rules directory: the load runs on its own thread while the
        // application is wired, so the constructor returns, and the start fails when it waits.
        ActiveRuleBase active = new ActiveRuleBase(
                new RuleBaseLoader(Clock.systemUTC(), FhirContext.forR4Cached()),
                List.of(check("first", List.of())),
                rules,
                Path.of("fhir-profiles"),
                Clock.systemUTC(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        assertThatThrownBy(active::afterSingletonsInstantiated)
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("no .drl files");
        org.assertj.core.api.Assertions.assertThat(active.isLoaded()).isFalse();
    }
}
