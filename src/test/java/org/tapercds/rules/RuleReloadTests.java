package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the rule base in service ({@link ActiveRuleBase#reload}) on a copy of the shipped rules,
 * with the real loader and a check the test controls: a candidate goes into service only when it
 * loads and every check passes, otherwise the previous one keeps serving and the refusal names the
 * file and line; unchanged files are not built again; reloads run one at a time. The checks the
 * service runs (card templates, scenarios) are exercised through the application in {@code
 * admin.RuleReloadIT}.
 */
class RuleReloadTests {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path rules;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    /** A check that finds the problems it is given, and notes every version it looked at. */
    private static final class ControlledCheck implements RuleBaseCheck {

        final List<String> problems = new CopyOnWriteArrayList<>();
        final List<String> checked = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "controlled";
        }

        @Override
        public List<String> problems(RuleBase candidate) {
            checked.add(candidate.version());
            return List.copyOf(problems);
        }
    }

    private final ControlledCheck check = new ControlledCheck();

    private ActiveRuleBase started() throws IOException {
        RuleFolders.copyRules(rules);
        ActiveRuleBase active = new ActiveRuleBase(
                new RuleBaseLoader(CLOCK, FhirContext.forR4Cached()),
                List.of(check),
                rules,
                Path.of("fhir-profiles"),
                CLOCK,
                registry);
        active.afterSingletonsInstantiated();
        return active;
    }

    private void change(String file, String text, String instead) throws IOException {
        Path changed = rules.resolve(file);
        String content = Files.readString(changed);
        assertThat(content).contains(text);
        Files.writeString(changed, content.replace(text, instead));
    }

    private double reloads(String result) {
        return registry.get(ActiveRuleBase.RELOADS)
                .tag("result", result)
                .counter()
                .count();
    }

    private List<String> infoVersions() {
        return registry.find(ActiveRuleBase.INFO).gauges().stream()
                .filter(g -> g.value() == 1.0)
                .map(g -> g.getId().getTag("version"))
                .toList();
    }

    @Test
    void putsAChangedRuleBaseThatPassesItsChecksInServiceAndSwitchesTheVersionMetric() throws IOException {
        ActiveRuleBase active = started();
        RuleBase before = active.current();
        change("settings.properties", "taper.max-reduction-percent=25", "taper.max-reduction-percent=26");

        RuleReload reload = active.reload("endpoint");

        assertThat(reload.result()).isEqualTo(RuleReload.Result.LOADED);
        assertThat(reload.trigger()).isEqualTo("endpoint");
        assertThat(reload.attemptedAt()).isEqualTo(NOW);
        assertThat(reload.candidate()).isNotEqualTo(before.version()).isEqualTo(reload.inService());
        assertThat(reload.problems()).isEmpty();
        RuleBase after = active.current();
        assertThat(after.version()).isEqualTo(reload.candidate());
        assertThat(after.settings().maxReductionFraction()).isCloseTo(0.26, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(check.checked).containsExactly(before.version(), after.version());
        assertThat(active.lastReload()).isEqualTo(reload);
        assertThat(active.inService().ruleBase()).isSameAs(after);
        assertThat(infoVersions()).containsExactly(after.version());
        assertThat(reloads("success")).isEqualTo(2); // the start-up load and this one
        assertThat(reloads("failure")).isZero();
    }

    @Test
    void refusesACandidateACheckFindsFaultWithAndKeepsServingThePreviousOne() throws IOException {
        ActiveRuleBase active = started();
        RuleBase before = active.current();
        change("settings.properties", "taper.max-reduction-percent=25", "taper.max-reduction-percent=20");
        check.problems.add("taper-rate/scenarios/silent-diazepam-25-percent-exactly.json:147:3: expected cards []");

        RuleReload reload = active.reload("watch");

        assertThat(reload.result()).isEqualTo(RuleReload.Result.REFUSED);
        assertThat(reload.candidate()).isNotEqualTo(before.version());
        assertThat(reload.inService()).isEqualTo(before.version());
        assertThat(reload.problems())
                .containsExactly(
                        "controlled: taper-rate/scenarios/silent-diazepam-25-percent-exactly.json:147:3: expected cards []");
        assertThat(active.current()).isSameAs(before);
        assertThat(active.lastReload()).isEqualTo(reload);
        assertThat(infoVersions()).containsExactly(before.version());
        assertThat(reloads("failure")).isEqualTo(1);
        assertThat(reloads("success")).isEqualTo(1);
    }

    @Test
    void refusesFilesThatDoNotLoadNamingFileAndLineWithoutRunningTheChecks() throws IOException {
        ActiveRuleBase active = started();
        RuleBase before = active.current();
        change("taper-rate/taper-rate.drl", "currentMgDe > 0,", "curentMgDe > 0,");

        RuleReload reload = active.reload("endpoint");

        assertThat(reload.result()).isEqualTo(RuleReload.Result.REFUSED);
        assertThat(reload.candidate()).isNull();
        assertThat(reload.problems())
                .singleElement()
                .asString()
                .matches("taper-rate/taper-rate\\.drl:\\d+:33: .*")
                .contains("DoseReduction has no field curentMgDe, did you mean currentMgDe?");
        assertThat(active.current()).isSameAs(before);
        assertThat(check.checked).containsExactly(before.version());
        assertThat(reloads("failure")).isEqualTo(1);
    }

    @Test
    void findsUnchangedFilesWithoutBuildingOrCheckingThem() throws IOException {
        ActiveRuleBase active = started();
        RuleBase before = active.current();

        RuleReload reload = active.reload("endpoint");

        assertThat(reload.result()).isEqualTo(RuleReload.Result.UNCHANGED);
        assertThat(reload.candidate()).isEqualTo(before.version()).isEqualTo(reload.inService());
        assertThat(active.current()).isSameAs(before);
        assertThat(check.checked).containsExactly(before.version());
        assertThat(reloads("success")).isEqualTo(1);
        assertThat(reloads("failure")).isZero();
    }

    @Test
    void runsOneReloadAtATimeSoASecondRequestFindsTheFirstOnesWork() throws IOException {
        ActiveRuleBase active = started();
        change("settings.properties", "taper.max-reduction-percent=25", "taper.max-reduction-percent=26");

        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<RuleReload.Result> results;
        try {
            CompletableFuture<RuleReload> first = CompletableFuture.supplyAsync(() -> active.reload("watch"), threads);
            CompletableFuture<RuleReload> second =
                    CompletableFuture.supplyAsync(() -> active.reload("endpoint"), threads);
            results = List.of(first.join().result(), second.join().result());
        } finally {
            threads.shutdown();
        }
        assertThat(results).containsExactlyInAnyOrder(RuleReload.Result.LOADED, RuleReload.Result.UNCHANGED);
        // The new files were built and checked once, not once per request.
        assertThat(check.checked).hasSize(2).doesNotHaveDuplicates();
        assertThat(reloads("success")).isEqualTo(2);
    }

    @Test
    void keepsTheProblemsOfARefusalMessageWithoutItsHeadings() {
        assertThat(RuleReload.problemsOf("the rules do not compile:\n"
                        + "taper-rate/taper-rate.drl:37:33: DoseReduction has no field x\n\n"
                        + "rule metadata is incomplete:\n"
                        + "dose-quality/dose-quality.drl:12:5: rule y has no @id"))
                .containsExactly(
                        "taper-rate/taper-rate.drl:37:33: DoseReduction has no field x",
                        "dose-quality/dose-quality.drl:12:5: rule y has no @id");
    }

    @Test
    void placesAFailingScenarioAtItsExpectLikeTheCommandLine() throws IOException {
        RuleFolders.copyRules(rules);
        String scenario = "taper-rate/scenarios/fires-diazepam-20-to-10-critical.json";
        String text = Files.readString(rules.resolve(scenario));
        String before = text.substring(0, text.indexOf("\"expect\""));
        long line = before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.length() - before.lastIndexOf('\n');

        assertThat(RuleReload.located(
                        List.of(
                                "scenarios: " + scenario + ": expected cards [a/warning] but got [a/critical]",
                                "scenarios: dose-quality/dose-unassessable.drl: rule x has no silent-* scenario",
                                "scenarios: taper-rate/scenarios/gone.json: expected cards []"),
                        rules))
                .containsExactly(
                        "scenarios: " + scenario + ":" + line + ":" + column
                                + ": expected cards [a/warning] but got [a/critical]",
                        "scenarios: dose-quality/dose-unassessable.drl: rule x has no silent-* scenario",
                        "scenarios: taper-rate/scenarios/gone.json: expected cards []");
        assertThat(line).isGreaterThan(1);
    }

    @Test
    void countsTheScenarioFilesOfEachFolder() throws IOException {
        RuleFolders.copyRules(rules);

        List<ScenarioCount> counts = ScenarioCount.inFolders(rules);

        try (var files = Files.list(rules.resolve("taper-rate/scenarios"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(counts)
                    .contains(new ScenarioCount(
                            "taper-rate",
                            (int) names.stream()
                                    .filter(n -> n.startsWith("fires-"))
                                    .count(),
                            (int) names.stream()
                                    .filter(n -> n.startsWith("silent-"))
                                    .count()));
        }
        assertThat(counts).extracting(ScenarioCount::folder).doesNotContain("knowledge");
        assertThat(counts).allSatisfy(c -> assertThat(c.fires()).isPositive());
    }
}
