package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.Exposure;
import org.tapercds.facts.ReductionCause;
import org.tapercds.facts.TaperSettings;
import org.tapercds.system.Sha256;

/**
 * The compiled-rule cache (ADR 0011): unchanged DRL is never compiled again, whatever else changed;
 * changed DRL always is; a damaged entry or a directory that cannot be written costs a compile, never
 * a failed load. Each test works on a copy of {@code rules/} with one comment added, so the jar's
 * pre-compiled entry (which holds the project's rules as they are) does not answer for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CompiledRuleCacheTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    Path rules;
    Path cacheDir;

    @BeforeEach
    void copyRules() throws IOException {
        rules = Files.createDirectories(dir.resolve("rules"));
        RuleFolders.copyRules(rules);
        append(rules.resolve("dose-quality/dose-unassessable.drl"), "\n// a local copy\n");
        cacheDir = dir.resolve("cache");
    }

    @Test
    void loadsUnchangedRulesFromTheCacheWithoutCompilingOrRewritingIt() throws IOException {
        CompiledRuleCache first = CompiledRuleCache.in(cacheDir);
        DrlCompiler.Compiled compiled = compile(first);
        assertThat(first.builds()).isEqualTo(1);
        assertThat(compiled.origin()).isEqualTo("compiled");
        Path kjar = cacheDir.resolve(compiled.key() + ".kjar");
        byte[] written = Files.readAllBytes(kjar);
        FileTime writtenAt = Files.getLastModifiedTime(kjar);

        CompiledRuleCache afterRestart = CompiledRuleCache.in(cacheDir);
        DrlCompiler.Compiled loaded = compile(afterRestart);

        assertThat(afterRestart.builds()).isZero();
        assertThat(loaded.origin()).isEqualTo("taken from the rule cache " + cacheDir);
        assertThat(loaded.key()).isEqualTo(compiled.key());
        assertThat(kjar).hasBinaryContent(written);
        assertThat(Files.getLastModifiedTime(kjar)).isEqualTo(writtenAt);
        assertThat(ruleNames(loaded.kieBase())).hasSize(21).isEqualTo(ruleNames(compiled.kieBase()));
    }

    @Test
    void theJarsPrecompiledRulesServeTheProjectRulesWhereverTheyAreCopied() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("somewhere/else/rules"));
        RuleFolders.copyRules(elsewhere);
        CompiledRuleCache jarOnly = CompiledRuleCache.classpathOnly();

        DrlCompiler.Compiled checkout = compile(Path.of("rules"), jarOnly);
        DrlCompiler.Compiled copy = compile(elsewhere, jarOnly);

        assertThat(jarOnly.builds())
                .as("compiles (the build step writes the jar's entry)")
                .isZero();
        assertThat(copy.key()).isEqualTo(checkout.key());
        assertThat(checkout.origin()).isEqualTo("taken from the jar's pre-compiled rules");
        assertThat(ruleNames(checkout.kieBase())).hasSize(21);
        assertThat(copy.origin()).isEqualTo("taken from the rule base in memory (the same DRL)");
        assertThat(copy.kieBase()).isSameAs(checkout.kieBase());
    }

    @Test
    void compilesAChangedDrlAgainAndKeepsBothEntries() throws IOException {
        CompiledRuleCache cache = CompiledRuleCache.in(cacheDir);
        DrlCompiler.Compiled before = compile(cache);
        addARule();

        DrlCompiler.Compiled after = compile(cache);

        assertThat(cache.builds()).isEqualTo(2);
        assertThat(after.key()).isNotEqualTo(before.key());
        assertThat(ruleNames(after.kieBase())).contains("A rule added after the first compile");
        assertThat(ruleNames(before.kieBase())).doesNotContain("A rule added after the first compile");
        assertThat(cacheDir.resolve(before.key() + ".kjar")).exists();
        assertThat(cacheDir.resolve(after.key() + ".kjar")).exists();
    }

    @Test
    void reusesTheCompiledRulesWhenOnlySettingsAndProfilesChangeAndTheyReadTheNewSettings() throws IOException {
        Path profiles = dir.resolve("fhir-profiles");
        RuleFolders.copyTree(Path.of("fhir-profiles"), profiles);
        CompiledRuleCache cache = CompiledRuleCache.in(cacheDir);
        RuleBaseLoader loader = new RuleBaseLoader(CLOCK, FhirContext.forR4Cached(), ValidationMode.OFF, cache);
        RuleBase before = loader.load(rules, profiles);
        assertThat(before.evaluate(List.of(dependent(), cut(20, 14))))
                .as("a 30 %% cut")
                .hasSize(1);

        Path settings = rules.resolve("settings.properties");
        Files.writeString(
                settings,
                Files.readString(settings).replace("taper.max-reduction-percent=25", "taper.max-reduction-percent=35"));
        append(profiles.resolve("valuesets/ValueSet-alcoholic-drinks-per-day.json"), "\n");
        RuleBase after = loader.load(rules, profiles);

        assertThat(cache.builds()).isEqualTo(1);
        assertThat(after.version()).isNotEqualTo(before.version());
        assertThat(after.evaluate(List.of(dependent(), cut(20, 14))))
                .as("a 30 %% cut under a 35 %% threshold")
                .isEmpty();
        assertThat(after.evaluate(List.of(dependent(), cut(20, 12)))).hasSize(1);
        // The very KieBase in memory, not the kjar loaded again (no classes loaded a second time);
        // each rule base still reads its own settings.
        assertThat(after.kieBase()).isSameAs(before.kieBase());
        assertThat(before.evaluate(List.of(dependent(), cut(20, 14))))
                .as("the rule base before, still under its 25 %% threshold")
                .hasSize(1);
    }

    @Test
    void discardsAnEntryThatDoesNotMatchItsDigestAndCompilesAgain(CapturedOutput output) throws IOException {
        String key = compile(CompiledRuleCache.in(cacheDir)).key();
        Path kjar = cacheDir.resolve(key + ".kjar");
        byte[] whole = Files.readAllBytes(kjar);
        Files.write(kjar, java.util.Arrays.copyOf(whole, whole.length / 2)); // a write cut short

        CompiledRuleCache afterRestart = CompiledRuleCache.in(cacheDir);
        DrlCompiler.Compiled rebuilt = compile(afterRestart);

        assertThat(afterRestart.builds()).isEqualTo(1);
        assertThat(ruleNames(rebuilt.kieBase())).hasSize(21);
        assertThat(output).contains("rule cache entry " + kjar + " does not match its digest");
        assertThat(CompiledRuleCache.in(cacheDir).holds(key)).isTrue();
        assertThat(compile(CompiledRuleCache.in(cacheDir)).origin()).startsWith("taken from the rule cache");
    }

    @Test
    void discardsAnEntryDroolsCannotLoadAndCompilesAgain(CapturedOutput output) throws IOException {
        String key = compile(CompiledRuleCache.in(cacheDir)).key();
        byte[] notAKjar = "not a kjar".getBytes(StandardCharsets.UTF_8);
        Files.write(cacheDir.resolve(key + ".kjar"), notAKjar);
        Files.writeString(cacheDir.resolve(key + ".sha256"), Sha256.hex(notAKjar) + "\n");

        CompiledRuleCache afterRestart = CompiledRuleCache.in(cacheDir);
        DrlCompiler.Compiled rebuilt = compile(afterRestart);

        assertThat(afterRestart.builds()).isEqualTo(1);
        assertThat(ruleNames(rebuilt.kieBase())).hasSize(21);
        assertThat(output).contains("cannot be loaded");
        assertThat(CompiledRuleCache.in(cacheDir).holds(key)).isTrue();
        assertThat(Files.readAllBytes(cacheDir.resolve(key + ".kjar"))).isNotEqualTo(notAKjar);
    }

    @Test
    void loadsWithADirectoryThatCannotBeWrittenWarningOnce(CapturedOutput output) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
        CompiledRuleCache cache = CompiledRuleCache.in(notADirectory.resolve("cache"));

        DrlCompiler.Compiled first = compile(cache);
        addARule();
        DrlCompiler.Compiled second = compile(cache);

        assertThat(ruleNames(first.kieBase())).hasSize(21);
        assertThat(ruleNames(second.kieBase())).hasSize(22);
        assertThat(cache.builds()).as("each new DRL compiled").isEqualTo(2);
        assertThat(output.getAll().split("cannot be written", -1)).hasSize(2);
    }

    @Test
    void neverStoresRulesThatDoNotCompile() throws IOException {
        Files.writeString(
                rules.resolve("dose-quality/broken.drl"),
                "package org.tapercds.rules.broken;\nrule \"B\" when NoSuchFact() then end\n");
        CompiledRuleCache cache = CompiledRuleCache.in(cacheDir);

        assertThatThrownBy(() -> compile(cache))
                .isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("dose-quality/broken.drl:2:");
        assertThatThrownBy(() -> compile(cache)).isInstanceOf(RuleBaseException.class);
        assertThat(cache.builds()).isEqualTo(2);
        assertThat(cacheDir).satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d)
                .isEmptyDirectory());
    }

    @Test
    void keysTheClassesTheRulesSeeNotOnlyTheirText() {
        DrlCompiler.DrlFiles files =
                DrlCompiler.read(rules.toAbsolutePath(), RuleFiles.withSuffix(rules.toAbsolutePath(), ".drl"));
        Set<Class<?>> seen =
                CompileKey.classesSeenBy(files.sources(), getClass().getClassLoader());

        // Named in the DRL (imports, globals), and reached from their signatures: no DRL names
        // ReductionCause, but the generated code reads DoseReduction, whose record has one.
        assertThat(seen).contains(DoseReduction.class, AdvisorySink.class, TaperSettings.class, ReductionCause.class);
        assertThat(seen).allMatch(c -> c.getName().startsWith("org.tapercds."));
    }

    /** Changes the DRL: a rule added to a copy's dose-quality folder. */
    private void addARule() throws IOException {
        append(
                rules.resolve("dose-quality/dose-unassessable.drl"),
                """
                rule "A rule added after the first compile"
                when
                    $d : org.tapercds.facts.UnassessableDose( )
                then
                end
                """);
    }

    private DrlCompiler.Compiled compile(CompiledRuleCache cache) {
        return compile(rules, cache);
    }

    private static DrlCompiler.Compiled compile(Path rulesDir, CompiledRuleCache cache) {
        Path root = rulesDir.toAbsolutePath().normalize();
        return DrlCompiler.compile(root, RuleFiles.withSuffix(root, ".drl"), cache);
    }

    private static Set<String> ruleNames(KieBase kieBase) {
        Set<String> names = new TreeSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
        return names;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file) + text);
    }

    private static Dependence dependent() {
        return new Dependence(DependenceLevel.HIGH_RISK, new Exposure(LocalDate.parse("2026-05-01"), 200, 20));
    }

    private static DoseReduction cut(double previous, double current) {
        double fraction = (previous - current) / previous;
        return new DoseReduction(
                LocalDate.parse("2026-11-22"),
                LocalDate.parse("2026-11-21"),
                previous,
                current,
                fraction,
                false,
                fraction,
                fraction,
                previous,
                current,
                List.of("diazepam"),
                "draft-1",
                ReductionCause.LOWER_DOSE,
                true);
    }
}
