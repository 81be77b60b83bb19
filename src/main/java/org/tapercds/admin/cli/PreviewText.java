package org.tapercds.admin.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.tapercds.admin.ImpactReport;
import org.tapercds.admin.ImpactReport.CardChange;
import org.tapercds.admin.ImpactReport.Count;
import org.tapercds.admin.ImpactReport.Shown;

/**
 * The impact preview as text a committee can read: the two rule bases, the counts per category and
 * per rule, then one line per changed card ({@code file: category before -> after}, its suggestion
 * and plan beneath when they change), the candidate's failing expectations and coverage gaps.
 */
final class PreviewText {

    private static final String COLUMNS = "%-34s %9s %7s %10s %10s %11s %5s%n";

    private final Path candidateRules;
    private final Path baselineRules;
    private final PrintStream out;

    PreviewText(Path candidateRules, Path baselineRules, PrintStream out) {
        this.candidateRules = candidateRules;
        this.baselineRules = baselineRules;
        this.out = out;
    }

    void print(ImpactReport report) {
        ImpactReport.Totals totals = report.totals();
        out.printf(
                "preview: candidate %s (rule base %s) against baseline %s (rule base %s)%n",
                report.candidate().source(),
                report.candidate().version(),
                report.baseline().source(),
                report.baseline().version());
        out.printf(
                "%d scenarios replayed on both, each on its pinned day: %d change, %d unchanged%n",
                totals.scenarios(), totals.changed(), totals.unchanged());
        if (totals.changed() > 0) {
            counts("category", report.categories());
            counts("rule", report.rules());
            out.println();
            out.println("Changed scenarios (card: indicator before -> after; none = no card):");
            report.changed().forEach(this::scenario);
        }
        failing(report);
        if (!report.coverageGaps().isEmpty()) {
            out.println();
            out.println("Coverage gaps of the candidate (`test` fails on them):");
            report.coverageGaps().forEach(gap -> out.println("  " + gap));
        }
    }

    private void counts(String what, List<Count> counts) {
        out.println();
        out.printf(COLUMNS, "by " + what, "scenarios", "appear", "disappear", "indicator", "suggestion", "plan");
        for (Count count : counts) {
            out.printf(
                    COLUMNS,
                    "  " + count.name(),
                    count.scenarios(),
                    count.appearing(),
                    count.disappearing(),
                    count.indicatorChanges(),
                    count.suggestionChanges(),
                    count.planChanges());
        }
    }

    private void scenario(ImpactReport.ScenarioImpact impact) {
        String file = file(impact.from(), impact.scenario());
        if (impact.errorBefore() != null || impact.errorAfter() != null) {
            out.println(file + ": baseline: " + answer(impact.errorBefore()) + "; candidate: "
                    + answer(impact.errorAfter()));
        }
        for (CardChange card : impact.cards()) {
            out.println(
                    file + ": " + card.category() + " " + indicator(card.before()) + " -> " + indicator(card.after())
                            + (card.change().equals(CardChange.CHANGES) ? "" : " (" + card.change() + ")"));
            String suggestionBefore =
                    card.before() == null ? null : card.before().suggestion();
            String suggestionAfter = card.after() == null ? null : card.after().suggestion();
            if (!Objects.equals(suggestionBefore, suggestionAfter)) {
                out.println("    suggestion: " + quoted(suggestionBefore) + " -> " + quoted(suggestionAfter));
            }
            String planBefore = card.before() == null ? null : card.before().plan();
            String planAfter = card.after() == null ? null : card.after().plan();
            if (!Objects.equals(planBefore, planAfter)) {
                out.println("    plan: " + quoted(planBefore) + " -> " + quoted(planAfter));
            }
        }
        if (impact.notes() != null) {
            impact.notes().forEach(note -> out.println("    note: " + note));
        }
    }

    private void failing(ImpactReport report) {
        if (report.failing().isEmpty()) {
            return;
        }
        long changed =
                report.failing().stream().filter(ImpactReport.Failure::changed).count();
        out.println();
        out.printf(
                "Expectations failing on the candidate: %d scenarios (%d of them changed above, whose expectations"
                        + " `preview --accept` rewrites; %d to fix by hand)%n",
                report.failing().size(), changed, report.failing().size() - changed);
        report.failing()
                .forEach(f -> out.println("  " + file("candidate", f.scenario()) + ": " + f.message()
                        + (f.changed() ? "" : " (not changed)")));
    }

    private String file(String from, String scenario) {
        Path dir = from.equals("baseline") ? baselineRules : candidateRules;
        return dir.resolve(scenario).toString().replace('\\', '/') + (from.equals("baseline") ? " (baseline's)" : "");
    }

    private static String indicator(Shown shown) {
        return shown == null ? "none" : shown.indicator();
    }

    private static String quoted(String text) {
        return text == null ? "none" : "\"" + text + "\"";
    }

    private static String answer(String error) {
        return error == null ? "cards" : error;
    }
}
