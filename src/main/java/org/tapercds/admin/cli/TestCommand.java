package org.tapercds.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tapercds.evaluation.scenarios.ScenarioException;
import org.tapercds.evaluation.scenarios.ScenarioRunner;
import org.tapercds.rules.RuleBase;
import org.tapercds.rules.RuleInfo;

/**
 * {@code test}: {@code validate}, then every scenario, reported per folder (scenarios passed and
 * failed) and per rule (the scenarios it fired in, and the silent ones it stayed silent in); each
 * failure as {@code file:line:column: what differed}, at the scenario's {@code expect}; then the
 * rules that lack a fires-* or silent-* scenario. Exit 1 on any failure or gap, as the service
 * would refuse the rule base.
 */
final class TestCommand {

    private static final Pattern EXPECT = Pattern.compile("\"expect\"\\s*:");

    private final CommandContext context;

    TestCommand(CommandContext context) {
        this.context = context;
    }

    int run(PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Optional<RuleBase> loaded = context.load("test", err);
        if (loaded.isEmpty()) {
            return CommandLine.PROBLEMS;
        }
        RuleBase ruleBase = loaded.get();
        ScenarioRunner runner = context.scenarios();
        List<ScenarioRunner.Result> results;
        try {
            results = runner.runAll(ruleBase);
        } catch (ScenarioException e) {
            err.println(context.lines().located(e.getMessage()));
            err.println("test: the scenarios cannot be read");
            return CommandLine.PROBLEMS;
        }
        List<String> gaps = runner.coverageGaps(ruleBase, results);
        Map<String, List<ScenarioRunner.Result>> byFolder = new LinkedHashMap<>();
        results.forEach(r -> byFolder.computeIfAbsent(r.scenario().folder(), f -> new ArrayList<>())
                .add(r));
        ruleBase.rules().forEach(rule -> byFolder.putIfAbsent(rule.folder(), new ArrayList<>()));
        for (Map.Entry<String, List<ScenarioRunner.Result>> folder : byFolder.entrySet()) {
            report(folder.getKey(), folder.getValue(), ruleBase, gaps, out);
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        String summary = String.format(
                "test: %d scenarios, %d passed, %d failed; %d coverage %s (%.1f s)",
                results.size(),
                results.size() - failed,
                failed,
                gaps.size(),
                gaps.size() == 1 ? "gap" : "gaps",
                (System.nanoTime() - start) / 1e9);
        if (failed > 0 || !gaps.isEmpty()) {
            out.println(summary);
            err.println("test: FAILED");
            return CommandLine.PROBLEMS;
        }
        out.println(summary);
        return CommandLine.OK;
    }

    private void report(
            String folder, List<ScenarioRunner.Result> results, RuleBase ruleBase, List<String> gaps, PrintStream out) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf("%s: %d scenarios, %d passed, %d failed%n", folder, results.size(), results.size() - failed, failed);
        ruleBase.rules().stream()
                .filter(rule -> rule.folder().equals(folder))
                .sorted(Comparator.comparing(RuleInfo::id))
                .forEach(rule -> {
                    List<ScenarioRunner.Result> fired =
                            results.stream().filter(r -> r.fired(rule.id())).toList();
                    long firedFailed = fired.stream().filter(r -> !r.passed()).count();
                    long silent = results.stream()
                            .filter(r -> r.scenario().silent() && r.evaluation() != null && !r.fired(rule.id()))
                            .count();
                    out.printf(
                            "  %-40s fired in %d (%d passed, %d failed), silent in %d%n",
                            rule.id(), fired.size(), fired.size() - firedFailed, firedFailed, silent);
                });
        for (ScenarioRunner.Result result : results) {
            if (!result.passed()) {
                out.println(where(result) + ": " + result.message());
            }
        }
        gaps.stream()
                .filter(gap -> gap.startsWith(folder + "/"))
                .forEach(gap -> out.println(context.lines().located(gap)));
    }

    /** The scenario file at its {@code "expect"}, where what differed is written. */
    private String where(ScenarioRunner.Result result) {
        String file =
                context.rulesDir().resolve(result.scenario().name()).toString().replace('\\', '/');
        try {
            String text = Files.readString(result.scenario().file());
            Matcher expect = EXPECT.matcher(text);
            if (expect.find()) {
                String before = text.substring(0, expect.start());
                int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                int column = expect.start() - before.lastIndexOf('\n');
                return file + ":" + line + ":" + column;
            }
        } catch (IOException e) {
            // read a moment ago; the file name alone then
        }
        return file;
    }
}
