package org.tapercds.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapercds.rules.RuleFolders;

/**
 * The informaticist's commands as {@code java -jar taper-cds.jar …} runs them (the real entry,
 * in-process, output captured): each break of a copy of the shipped rules is refused with exit 1,
 * the file, the exact line and what was expected, and never a stack trace; the shipped rules pass.
 */
class CommandLineIT {

    private record Run(int exit, String out, String err) {

        String all() {
            return out + err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CommandLine.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Copies of the shipped rules/ and fhir-profiles/, with one file changed. */
    private static Path[] copyChanging(Path dir, String file, String written, String instead) throws IOException {
        Path rules = dir.resolve("rules");
        Path profiles = dir.resolve("fhir-profiles");
        RuleFolders.copyTree(Path.of("rules"), rules);
        RuleFolders.copyTree(Path.of("fhir-profiles"), profiles);
        Path changed = rules.resolve(file);
        String text = Files.readString(changed);
        assertThat(text).contains(written);
        Files.writeString(changed, text.replace(written, instead));
        return new Path[] {rules, profiles};
    }

    /** The 1-based line of the shipped file on which {@code text} starts. */
    private static int lineOf(String file, String text) throws IOException {
        String content = Files.readString(Path.of("rules").resolve(file));
        return (int) content.substring(0, content.indexOf(text))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.all()).doesNotContain("Exception", "\tat ", "at org.", "Problem stacktrace");
    }

    @Test
    void validatesTheShippedRules() {
        Run run = run("validate", "rules", "fhir-profiles");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("validate: rules and fhir-profiles are valid: rule base ", "21 rules in 7 folders");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void testsTheShippedScenariosWithAReportPerFolderAndRule() {
        Run run = run("test");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("taper-rate: 34 scenarios, 34 passed, 0 failed")
                .containsPattern("  taper-rate-exceeded +fired in \\d+ \\(\\d+ passed, 0 failed\\), silent in \\d+")
                .contains("dependence: 6 scenarios, 6 passed, 0 failed")
                .containsPattern("test: \\d+ scenarios, \\d+ passed, 0 failed; 0 coverage gaps");
        assertNoStackTrace(run);
    }

    @Test
    void refusesADrlSyntaxErrorAtItsLine(@TempDir Path dir) throws IOException {
        Path[] dirs = copyChanging(dir, "taper-rate/taper-rate.drl", "Dependence( likely )", "Dependence( likely ");

        Run run = run("validate", dirs[0].toString(), dirs[1].toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains(dirs[0] + "/taper-rate/taper-rate.drl:"
                        + lineOf("taper-rate/taper-rate.drl", "    $reduction : DoseReduction(")
                        + ":5: mismatched input");
        assertNoStackTrace(run);
    }

    @Test
    void refusesAMisspelledFieldAtItsLineSayingWhatTheFactHas(@TempDir Path dir) throws IOException {
        Path[] dirs = copyChanging(dir, "taper-rate/taper-rate.drl", "currentMgDe > 0,", "curentMgDe > 0,");

        Run run = run("validate", dirs[0].toString(), dirs[1].toString());

        assertThat(run.exit()).isEqualTo(1);
        int line = lineOf("taper-rate/taper-rate.drl", "                                currentMgDe > 0,");
        assertThat(line).isGreaterThan(1);
        assertThat(run.err())
                .startsWith(dirs[0] + "/taper-rate/taper-rate.drl:" + line + ":33: ")
                .contains("DoseReduction has no field curentMgDe, did you mean currentMgDe?");
        assertNoStackTrace(run);
    }

    @Test
    void refusesARepeatedRuleIdAtTheSecondRule(@TempDir Path dir) throws IOException {
        Path[] dirs = copyChanging(
                dir,
                "abrupt-discontinuation/abrupt-discontinuation.drl",
                "@id(\"abrupt-discontinuation\")",
                "@id(\"taper-rate-exceeded\")");

        Run run = run("validate", dirs[0].toString(), dirs[1].toString());

        assertThat(run.exit()).isEqualTo(1);
        int line = lineOf("abrupt-discontinuation/abrupt-discontinuation.drl", "@id(\"abrupt-discontinuation\")");
        int taperRate = lineOf("taper-rate/taper-rate.drl", "@id(\"taper-rate-exceeded\")");
        assertThat(run.err())
                .containsAnyOf(
                        "/abrupt-discontinuation/abrupt-discontinuation.drl:" + line + ":5: rule ",
                        "/taper-rate/taper-rate.drl:" + taperRate + ":5: rule ")
                .contains("repeats @id taper-rate-exceeded");
        assertNoStackTrace(run);
    }

    @Test
    void refusesABrokenCardTemplateAtItsLine(@TempDir Path dir) throws IOException {
        Path[] dirs = copyChanging(dir, "dose-quality/card.yaml", "{{/others}}", "{{/other}}");

        Run run = run("validate", dirs[0].toString(), dirs[1].toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains(dirs[0] + "/dose-quality/card.yaml:" + lineOf("dose-quality/card.yaml", "  summary:") + ":")
                .contains("dose-unassessable.summary does not compile");
        assertNoStackTrace(run);
    }

    @Test
    void refusesABadSettingAtItsLine(@TempDir Path dir) throws IOException {
        Path[] dirs = copyChanging(
                dir, "settings.properties", "taper.max-reduction-percent=25", "taper.max-reduction-percent=125");

        Run run = run("test", dirs[0].toString(), dirs[1].toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith(dirs[0] + "/settings.properties:"
                        + lineOf("settings.properties", "taper.max-reduction-percent=") + ":29: "
                        + "taper.max-reduction-percent must be between 0 and 100 (is 125)");
        assertNoStackTrace(run);
    }

    @Test
    void failsAScenarioNamingItsFileAndWhatDiffered(@TempDir Path dir) throws IOException {
        String scenario = "taper-rate/scenarios/fires-diazepam-20-to-10-critical.json";
        Path[] dirs = copyChanging(dir, scenario, "\"indicator\": \"critical\"", "\"indicator\": \"warning\"");

        Run run = run("test", dirs[0].toString(), dirs[1].toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("taper-rate: 34 scenarios, 33 passed, 1 failed")
                .contains(dirs[0] + "/" + scenario + ":" + lineOf(scenario, "\"expect\"") + ":3: expected cards "
                        + "[taper-rate-exceeded/warning] but got [taper-rate-exceeded/critical]");
        assertThat(run.err()).contains("test: FAILED");
        assertNoStackTrace(run);
    }

    @Test
    void evaluatesARequestFileOnAGivenDay() {
        Run run = run("evaluate", "docs/examples/order-sign-diazepam-20-to-10.json", "--now", "2026-11-22");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .startsWith("{")
                .contains("\"code\" : \"taper-rate-exceeded\"", "\"indicator\" : \"critical\"");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void refusesAnUnknownCommandOptionAsAUsageError() {
        Run run = run("validate", "--fast");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("usage: java -jar taper-cds.jar <command>");
        assertThat(List.of(run.out())).containsExactly("");
    }
}
