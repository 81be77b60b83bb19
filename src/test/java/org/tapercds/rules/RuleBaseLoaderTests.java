package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.Exposure;
import org.tapercds.facts.Indicator;
import org.tapercds.facts.ReductionCause;

class RuleBaseLoaderTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static RuleBase ruleBase;

    @BeforeAll
    static void loadProjectRules() {
        ruleBase = new RuleBaseLoader(CLOCK, FHIR).load(Path.of("rules"), Path.of("fhir-profiles"));
    }

    @Test
    void loadsEveryRuleWithItsMetadata() {
        assertThat(ruleBase.rules())
                .extracting(RuleInfo::id)
                .contains("taper-rate-exceeded", "abrupt-discontinuation", "dose-unassessable");
        assertThat(ruleBase.rules()).allSatisfy(rule -> {
            assertThat(rule.version()).isNotBlank();
            assertThat(rule.citation()).isNotBlank();
            assertThat(rule.file()).endsWith(".drl");
        });
        assertThat(ruleBase.version()).hasSize(12);
    }

    @Test
    void flagsAFiftyPercentCutAsCritical() {
        List<Advisory> advisories = ruleBase.evaluate(List.of(dependent(), reduction(20, 10, true)));
        assertThat(advisories).singleElement().satisfies(a -> {
            assertThat(a.category()).isEqualTo("taper-rate-exceeded");
            assertThat(a.indicator()).isEqualTo(Indicator.CRITICAL);
        });
    }

    @Test
    void letsTwentyFivePercentExactlyPass() {
        assertThat(ruleBase.evaluate(List.of(dependent(), reduction(20, 15, true))))
                .isEmpty();
    }

    @Test
    void ignoresReductionsOutOfScope() {
        assertThat(ruleBase.evaluate(List.of(dependent(), reduction(20, 10, false))))
                .isEmpty();
    }

    @Test
    void refusesARuleWithoutMetadataNamingTheFile(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("taper-rate/extra.drl"),
                """
                package org.tapercds.rules.taperrate;
                rule "No metadata"
                when
                then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(CLOCK, FHIR).load(dir, Path.of("fhir-profiles")))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("taper-rate/")
                .hasMessageContaining("has no @id");
    }

    @Test
    void refusesARuleWithoutAWhenThenHeader(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/headless.drl"),
                """
                package org.tapercds.rules.headless;
                rule "Headless"
                    @id("headless") @version("1") @category("dose-unassessable") @citation("none")
                when
                then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(CLOCK, FHIR).load(dir, Path.of("fhir-profiles")))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/headless.drl")
                .hasMessageContaining("When:");
    }

    @Test
    void refusesARepeatedRuleId(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/twice.drl"),
                """
                package org.tapercds.rules.twice;
                /* When: never. Then: nothing. */
                rule "Twice"
                    @id("dose-unassessable") @version("1") @category("dose-unassessable") @citation("none")
                when
                then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(CLOCK, FHIR).load(dir, Path.of("fhir-profiles")))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("repeats @id dose-unassessable");
    }

    @Test
    void keepsEachRulesWhenThenHeader() {
        assertThat(ruleBase.rules())
                .filteredOn(r -> r.id().equals("taper-rate-exceeded"))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.header()).startsWith("Taper rate exceeded").contains("When:", "Then:"));
    }

    @Test
    void refusesARuleThatDoesNotCompileWithFileAndLine(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/broken.drl"),
                """
                package org.tapercds.rules.broken;
                rule "Broken"
                when
                    NoSuchFact( )
                then
                end
                """);
        assertThatThrownBy(() -> new RuleBaseLoader(CLOCK, FHIR).load(dir, Path.of("fhir-profiles")))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/broken.drl:");
    }

    /** The profiles are read on another thread while the DRL compiles: their failure still arrives as is. */
    @Test
    void refusesABrokenValueSetNamingTheFileEvenWhileTheRulesAlsoFail(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        RuleFolders.copyRules(rules);
        Files.writeString(
                rules.resolve("dose-quality/broken.drl"),
                "package org.tapercds.rules.broken;\nrule \"B\" when X() then end\n");
        Path profiles = dir.resolve("fhir-profiles");
        RuleFolders.copyTree(Path.of("fhir-profiles"), profiles);
        Files.writeString(profiles.resolve("valuesets/ValueSet-alcoholic-drinks-per-day.json"), "{ not json");

        assertThatThrownBy(() -> new RuleBaseLoader(CLOCK, FHIR).load(rules, profiles))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("ValueSet-alcoholic-drinks-per-day.json");
    }

    private static Dependence dependent() {
        return new Dependence(DependenceLevel.HIGH_RISK, new Exposure(LocalDate.parse("2026-05-01"), 200, 20));
    }

    private static DoseReduction reduction(double prev, double cur, boolean inScope) {
        double fraction = (prev - cur) / prev;
        return new DoseReduction(
                LocalDate.parse("2026-11-22"),
                LocalDate.parse("2026-11-21"),
                prev,
                cur,
                fraction,
                false,
                fraction,
                fraction,
                prev,
                cur,
                List.of("diazepam"),
                "draft-1",
                ReductionCause.LOWER_DOSE,
                inScope);
    }
}
