package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.Exposure;

/**
 * Guideline Table 2 as the rules in {@code rules/dependence/} conclude it from the exposure, at the
 * boundaries of {@code settings.properties} (28 and 90 days, a peak above 10 mg DE): exactly one
 * level, from the rule that says so.
 */
class DependenceRulesTests {

    private static RuleBase ruleBase;

    @BeforeAll
    static void load() {
        ruleBase = RuleFolders.load(Path.of("rules"));
    }

    @ParameterizedTest(name = "{0} days, peak {1} mg DE: {2}")
    @CsvSource({
        "90, 5, HIGH_RISK, dependence-high-risk-duration",
        "400, 2, HIGH_RISK, dependence-high-risk-duration",
        "89, 10, LOWER_RISK, dependence-lower-risk",
        "28, 10, LOWER_RISK, dependence-lower-risk",
        "28, 10.5, HIGH_RISK, dependence-high-risk-dose",
        "83, 12, HIGH_RISK, dependence-high-risk-dose",
        "27, 40, NONE, dependence-not-likely",
        "0, 0, NONE, dependence-not-likely"
    })
    void classifiesTheExposure(int days, double peak, DependenceLevel level, String rule) {
        Exposure exposure = days == 0 ? Exposure.NONE : new Exposure(LocalDate.of(2026, 1, 1), days, peak);

        RuleOutcome outcome = ruleBase.fire(List.of(exposure));

        assertThat(outcome.concluded(Dependence.class)).singleElement().satisfies(dependence -> {
            assertThat(dependence.level()).isEqualTo(level);
            assertThat(dependence.exposure()).isSameAs(exposure);
        });
        assertThat(outcome.conclusions())
                .singleElement()
                .satisfies(c -> assertThat(c.rule().id()).isEqualTo(rule));
        assertThat(outcome.advisories()).isEmpty();
    }
}
