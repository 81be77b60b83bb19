package org.tapercds.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapercds.rules.RuleFolders;

/**
 * {@code java -jar taper-cds.jar preview} as an informaticist runs it (the real entry, in-process):
 * the case of the taper-rate limit lowered from 25 % to 20 %, which changes the cards of some
 * scenarios and not others; {@code --accept}, after which {@code test} passes and untouched
 * scenarios are byte-identical; no change; a candidate that does not compile.
 */
class PreviewCommandIT {

    private static final String LIMIT = "taper.max-reduction-percent=";

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CommandLine.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A copy of the shipped rules/ in {@code dir}, with one text replaced in one file (none: unchanged). */
    private static Path candidate(Path dir, String file, String written, String instead) throws IOException {
        Path rules = dir.resolve("rules");
        RuleFolders.copyTree(Path.of("rules"), rules);
        if (file != null) {
            Path changed = rules.resolve(file);
            String text = Files.readString(changed);
            assertThat(text).contains(written);
            Files.writeString(changed, text.replace(written, instead));
        }
        return rules;
    }

    /** Every scenario file below the rules directory, by path relative to it, with its bytes. */
    private static Map<String, byte[]> scenarios(Path rules) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(rules)) {
            for (Path file : walk.filter(
                            p -> p.getParent().getFileName().toString().equals("scenarios"))
                    .toList()) {
                files.put(rules.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The scenarios the report lists as changed (one line per changed card), relative to their rules dir. */
    private static Set<String> listed(String out, Path rules) {
        Set<String> listed = new LinkedHashSet<>();
        Matcher line = Pattern.compile("(?m)^(?:" + Pattern.quote(rules.toString()) + "|rules)/(\\S+\\.json)"
                        + "(?: \\(baseline's\\))?: ")
                .matcher(out);
        while (line.find()) {
            listed.add(line.group(1));
        }
        return listed;
    }

    private static int summaryCount(String out, int group) {
        Matcher summary =
                Pattern.compile("preview: (\\d+) of (\\d+) scenarios change").matcher(out);
        assertThat(summary.find()).as(out).isTrue();
        return Integer.parseInt(summary.group(group));
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.out() + run.err()).doesNotContain("Exception", "\tat ", "at org.", "Problem stacktrace");
    }

    @Test
    void previewsATaperRateLimitOf20PercentThenAcceptsTheChangedScenarios(@TempDir Path dir) throws IOException {
        Path rules = candidate(dir, "settings.properties", LIMIT + "25", LIMIT + "20");
        // A scenario the candidate lacks is still replayed: the baseline's copy.
        String removed = "taper-rate/scenarios/silent-accepted-one-proposal.json";
        Files.delete(rules.resolve(removed));
        Map<String, byte[]> before = scenarios(rules);

        Run preview = run("preview", rules.toString(), "fhir-profiles");

        assertThat(preview.exit()).as(preview.err()).isZero();
        String out = preview.out();
        // A cut of exactly 25 %: allowed under a 25 % limit, a warning under 20 %.
        assertThat(out)
                .contains(rules + "/taper-rate/scenarios/silent-diazepam-25-percent-exactly.json: "
                        + "taper-rate-exceeded none -> warning (appears)")
                .contains("rules/" + removed + " (baseline's): taper-rate-exceeded none -> warning (appears)");
        // A 30 % cut: a warning under both, but the safer dose keeps 80 % of 40 mg instead of 75 %.
        assertThat(out)
                .contains(
                        rules + "/taper-rate/scenarios/fires-diazepam-40-to-28-warning.json: "
                                + "taper-rate-exceeded warning -> warning\n"
                                + "    suggestion: \"Change diazepam to 30 mg/day from 2026-11-22, then review before the next"
                                + " step\" -> \"Change diazepam to 32 mg/day from 2026-11-22, then review before the next step\"");
        // A 10 % cut and an alcohol card are untouched by the limit.
        assertThat(out).doesNotContain("silent-diazepam-20-to-18.json", "fires-audit-c-4-male.json");
        Set<String> listed = listed(out, rules);
        assertThat(listed).contains("taper-rate/scenarios/silent-diazepam-25-percent-exactly.json", removed);
        assertThat(summaryCount(out, 1)).isEqualTo(listed.size());
        assertThat(summaryCount(out, 2)).isEqualTo(before.size() + 1);
        assertThat(out)
                .contains((before.size() + 1) + " scenarios replayed on both, each on its pinned day: " + listed.size()
                        + " change, " + (before.size() + 1 - listed.size()) + " unchanged")
                .containsPattern("  taper-rate-exceeded +\\d+ +[1-9]\\d* +0 +0 +[1-9]\\d* +\\d+")
                .containsPattern("Expectations failing on the candidate: [1-9]\\d* scenarios");
        assertNoStackTrace(preview);

        Run accept = run("preview", rules.toString(), "fhir-profiles", "--accept");

        assertThat(accept.exit()).as(accept.err()).isZero();
        assertThat(accept.out()).contains("`test` passes on the candidate");
        Set<String> accepted = new LinkedHashSet<>();
        Matcher line = Pattern.compile("(?m)^accepted: " + Pattern.quote(rules.toString()) + "/(\\S+)$")
                .matcher(accept.out());
        while (line.find()) {
            accepted.add(line.group(1));
        }
        assertThat(accepted)
                .contains("taper-rate/scenarios/silent-diazepam-25-percent-exactly.json")
                .isSubsetOf(listed);
        Map<String, byte[]> after = scenarios(rules);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((file, bytes) -> {
            if (!accepted.contains(file)) {
                assertThat(after.get(file)).as(file).isEqualTo(bytes);
            } else {
                assertThat(after.get(file)).as(file).isNotEqualTo(bytes);
            }
        });
        assertThat(new String(
                        after.get("taper-rate/scenarios/fires-diazepam-40-to-28-warning.json"), StandardCharsets.UTF_8))
                .contains("\"suggestion\": \"32 mg/day\"")
                .doesNotContain("30 mg/day\"");
        assertNoStackTrace(accept);

        Run test = run("test", rules.toString(), "fhir-profiles");

        assertThat(test.exit()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).containsPattern("test: \\d+ scenarios, \\d+ passed, 0 failed; 0 coverage gaps");
    }

    @Test
    void reportsNoChangeForACopyOfTheRulesInService(@TempDir Path dir) throws IOException {
        Path rules = candidate(dir, null, null, null);
        int count = scenarios(rules).size();

        Run preview = run("preview", rules.toString());

        assertThat(preview.exit()).as(preview.err()).isZero();
        assertThat(preview.out())
                .contains(count + " scenarios replayed on both, each on its pinned day: 0 change, " + count
                        + " unchanged")
                .contains("preview: 0 of " + count + " scenarios change: 0 cards appear, 0 disappear")
                .doesNotContain("Changed scenarios", "Expectations failing", "Coverage gaps");
        assertThat(preview.err()).isEmpty();
    }

    @Test
    void refusesACandidateThatDoesNotCompileAtItsLine(@TempDir Path dir) throws IOException {
        Path rules = candidate(dir, "taper-rate/taper-rate.drl", "Dependence( likely )", "Dependence( likely ");
        String drl = Files.readString(Path.of("rules/taper-rate/taper-rate.drl"));
        int line = (int) drl.substring(0, drl.indexOf("    $reduction : DoseReduction("))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;

        Run preview = run("preview", rules.toString(), "fhir-profiles", "--accept");

        assertThat(preview.exit()).isEqualTo(1);
        assertThat(preview.err())
                .contains(rules + "/taper-rate/taper-rate.drl:" + line + ":5: mismatched input")
                .contains("preview: " + rules + " and fhir-profiles are refused: ");
        assertThat(preview.out()).isEmpty();
        assertNoStackTrace(preview);
    }

    @Test
    void refusesToCompareTheRulesWithThemselvesAsAUsageError() {
        Run same = run("preview");
        Run missing = run("preview", "rules-next", "--baseline");

        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("preview compares two rule bases", "usage: java -jar taper-cds.jar");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--baseline needs a directory");
    }
}
