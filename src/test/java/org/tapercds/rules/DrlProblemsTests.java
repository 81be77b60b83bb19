package org.tapercds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DRL that does not compile is refused at the line and column the author has to change, with
 * what was expected, whatever line Drools' executable-model compiler reports it at.
 */
class DrlProblemsTests {

    private static final String TAPER_RATE = "taper-rate/taper-rate.drl";

    @Test
    void pointsAtAMisspelledFieldInAConstraintAndSuggestsTheRightOne(@TempDir Path dir) throws IOException {
        String message = refusal(dir, "currentMgDe > 0,", "curentMgDe > 0,");

        assertThat(message)
                .contains(TAPER_RATE + ":" + lineOf("currentMgDe > 0,") + ":33: ")
                .contains("DoseReduction has no field curentMgDe, did you mean currentMgDe?")
                .contains("its fields: day, previousDay, previousMgDe, currentMgDe")
                .doesNotContain(TAPER_RATE + ":1:");
    }

    @Test
    void pointsAtAMisspelledMethodOfTheSettings(@TempDir Path dir) throws IOException {
        String message = refusal(dir, "settings.maxReductionFraction()", "settings.maxReductionFractio()");

        assertThat(message)
                .contains(TAPER_RATE + ":" + lineOf("fraction > settings.maxReductionFraction(),") + ":")
                .contains("did you mean maxReductionFraction()?");
    }

    @Test
    void pointsAtASyntaxErrorWhereTheParserFoundIt(@TempDir Path dir) throws IOException {
        String message = refusal(dir, "Dependence( likely )", "Dependence( likely ");

        assertThat(message)
                .contains(
                        TAPER_RATE + ":" + lineOf("$reduction : DoseReduction(") + ":5: mismatched input '$reduction'")
                .doesNotContain("null Package");
    }

    @Test
    void pointsAtAnErrorInAConsequenceWithoutDroolsStackTrace(@TempDir Path dir) throws IOException {
        String message = refusal(dir, "            $reduction);", "            $reduction)");

        assertThat(message)
                .contains(TAPER_RATE + ":" + lineOf("            $reduction);") + ":")
                .doesNotContain("Problem stacktrace", "GeneratedJavaParser", "\tat ");
    }

    @Test
    void pointsAtAnUnknownNameInAConsequenceNotAtTheGeneratedJava(@TempDir Path dir) throws IOException {
        String message = refusal(dir, "            $reduction);", "            $reductio);");

        assertThat(message)
                .contains(TAPER_RATE + ":" + lineOf("            $reduction);") + ":13: ")
                .contains("$reductio cannot be resolved")
                .doesNotContain("LambdaConsequence", "package org.tapercds");
    }

    @Test
    void pointsAtAnUnknownFactTypeAndNamesTheImportedOnes(@TempDir Path dir) throws IOException {
        String message = refusal(dir, "$reduction : DoseReduction(", "$reduction : DoseReductio(");

        assertThat(message)
                .contains(TAPER_RATE + ":" + lineOf("$reduction : DoseReduction(")
                        + ":18: Unable to find class: DoseReductio")
                .contains("did you mean DoseReduction?");
    }

    @Test
    void pointsAtTheSecondUseOfARuleId(@TempDir Path dir) throws IOException {
        RuleFolders.copyRules(dir);
        Files.writeString(
                dir.resolve("dose-quality/twice.drl"),
                """
                package org.tapercds.rules.twice;
                /* When: never. Then: nothing. */
                rule "Twice"
                    @version("1") @category("dose-unassessable") @citation("none")
                    @id("taper-rate-exceeded")
                when
                then
                end
                """);

        String message = catchThrowableOfType(RuleBaseException.class, () -> RuleFolders.load(dir))
                .getMessage();

        assertThat(message)
                .containsAnyOf(
                        "dose-quality/twice.drl:5:5: rule \"Twice\" repeats @id taper-rate-exceeded of the rule at "
                                + TAPER_RATE + ":" + lineOf("rule \"") + ":1",
                        TAPER_RATE + ":" + (lineOf("@id(")) + ":5: rule");
    }

    private static String refusal(Path dir, String written, String instead) throws IOException {
        RuleFolders.copyRules(dir);
        Path drl = dir.resolve(TAPER_RATE);
        String text = Files.readString(drl);
        assertThat(text).contains(written);
        Files.writeString(drl, text.replace(written, instead));
        return catchThrowableOfType(RuleBaseException.class, () -> RuleFolders.load(dir))
                .getMessage();
    }

    /** The line of the shipped taper-rate rule on which {@code text} is written. */
    private static int lineOf(String text) {
        try {
            String drl = Files.readString(Path.of("rules").resolve(TAPER_RATE));
            return (int) drl.substring(0, drl.indexOf(text)).lines().count()
                    + (drl.substring(0, drl.indexOf(text)).endsWith("\n") ? 1 : 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
