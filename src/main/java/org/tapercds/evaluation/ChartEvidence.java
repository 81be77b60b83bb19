package org.tapercds.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.WithdrawalScore;
import org.tapercds.timeline.DoseTimeline;

/**
 * What a stored alert keeps for the pharmacists' chart: the patient's diazepam-equivalent dose over
 * time (its change points, drafts marked), the withdrawal scores, the reductions the rules saw and
 * the limit that defines the safe envelope. Small, so a stored alert can be made from it after the
 * evaluation (with its parsed request) is gone.
 *
 * @param dose change points of the total daily dose in mg diazepam equivalents (Ashton), oldest
 *     first; each holds until the next
 * @param scores withdrawal scores, oldest first
 * @param reductions the reductions found (deciding table), oldest first
 * @param maxReductionPercent the limit per window ({@code taper.max-reduction}, live setting)
 * @param windowDays the window of the limit, in days
 */
public record ChartEvidence(
        List<DosePoint> dose,
        List<ScorePoint> scores,
        List<Reduction> reductions,
        double maxReductionPercent,
        int windowDays) {

    /** How far back the chart reaches, and ahead (drafts and plans set future steps). */
    static final int DAYS_BACK = 365;

    static final int DAYS_AHEAD = 120;

    public record DosePoint(LocalDate day, double mgDe, boolean unknown, boolean draft) {}

    public record ScorePoint(LocalDate day, String instrument, double value) {}

    public record Reduction(LocalDate from, LocalDate to, double fromMgDe, double toMgDe, double percent) {}

    static ChartEvidence of(Evaluation evaluation) {
        List<DosePoint> dose = new ArrayList<>();
        if (evaluation.timeline() != null) {
            DoseTimeline timeline = evaluation.timeline().timeline();
            LocalDate day = evaluation.day();
            for (DoseTimeline.Total total : timeline.totals(day.minusDays(DAYS_BACK), day.plusDays(DAYS_AHEAD))) {
                dose.add(new DosePoint(total.day(), round(total.totalMgDe()), total.unknown(), total.draft()));
            }
        }
        List<ScorePoint> scores = evaluation.facts().stream()
                .filter(WithdrawalScore.class::isInstance)
                .map(WithdrawalScore.class::cast)
                .map(s -> new ScorePoint(s.date(), s.instrument(), s.value()))
                .sorted(Comparator.comparing(ScorePoint::day))
                .toList();
        List<Reduction> reductions = evaluation.facts().stream()
                .filter(DoseReduction.class::isInstance)
                .map(DoseReduction.class::cast)
                .map(r -> new Reduction(
                        r.previousDay(),
                        r.day(),
                        round(r.decidingPreviousMgDe()),
                        round(r.decidingCurrentMgDe()),
                        round(r.percent())))
                .sorted(Comparator.comparing(Reduction::to))
                .toList();
        return new ChartEvidence(
                dose,
                scores,
                reductions,
                round(evaluation.settings().maxReductionFraction() * 100.0),
                evaluation.settings().windowDays());
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
