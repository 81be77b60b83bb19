package org.tapercds.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tapercds.evaluation.ChartEvidence;
import org.tapercds.evaluation.ChartEvidence.DosePoint;

/**
 * What the taper chart draws, computed here (and unit-tested) so the page's script only styles it:
 * the recorded daily dose and the draft order's doses as step lines (each change point holds until
 * the next, so each line gets one more point where its last value ends), the safe envelope and the
 * withdrawal scores by instrument. Days are ISO dates; values are mg diazepam equivalents per day.
 *
 * @param recorded {@code [day, mg]} per recorded change point (mg null where the dose is unknown),
 *     then the day the last value ends
 * @param draft the same for the draft order's change points; empty when there is none
 * @param envelope {@code [day, mg]} change points of the lowest dose the limit allows: {@code (1 −
 *     maxReductionPercent/100)} × the highest known dose of the preceding {@code windowDays} days
 * @param scores {@code [day, value]} per instrument, oldest first
 * @param alertDay the day the alert was raised (a marker on the chart)
 * @param shownFrom the first day in view at first ({@link #DAYS_IN_VIEW} before the alert, or the
 *     first point); the reader zooms out to the whole history
 * @param end the last day drawn
 */
record ChartData(
        List<Object[]> recorded,
        List<Object[]> draft,
        List<Object[]> envelope,
        Map<String, List<Object[]>> scores,
        double maxReductionPercent,
        int windowDays,
        String alertDay,
        String shownFrom,
        String end) {

    /** How far back the chart shows at first: the weeks around the alert, where the question is. */
    static final int DAYS_IN_VIEW = 120;

    /** How far the last dose is drawn past the last event, so a final step is visible. */
    static final int DAYS_AFTER = 7;

    static ChartData of(ChartEvidence evidence, LocalDate alertDay) {
        List<DosePoint> points = evidence.dose();
        LocalDate last = alertDay;
        for (DosePoint point : points) {
            last = point.day().isAfter(last) ? point.day() : last;
        }
        for (ChartEvidence.ScorePoint score : evidence.scores()) {
            last = score.day().isAfter(last) ? score.day() : last;
        }
        LocalDate end = last.plusDays(DAYS_AFTER);
        List<DosePoint> recordedPoints = points.stream().filter(p -> !p.draft()).toList();
        List<DosePoint> draftPoints = points.stream().filter(DosePoint::draft).toList();
        LocalDate recordedEnd = draftPoints.isEmpty() ? end : draftPoints.get(0).day();
        Map<String, List<Object[]>> scores = new LinkedHashMap<>();
        for (ChartEvidence.ScorePoint score : evidence.scores()) {
            scores.computeIfAbsent(score.instrument(), i -> new ArrayList<>())
                    .add(new Object[] {score.day().toString(), score.value()});
        }
        return new ChartData(
                steps(recordedPoints, recordedEnd),
                steps(draftPoints, end),
                envelope(points, evidence.maxReductionPercent(), evidence.windowDays(), end),
                scores,
                evidence.maxReductionPercent(),
                evidence.windowDays(),
                alertDay.toString(),
                shownFrom(points, alertDay).toString(),
                end.toString());
    }

    private static LocalDate shownFrom(List<DosePoint> points, LocalDate alertDay) {
        LocalDate from = alertDay.minusDays(DAYS_IN_VIEW);
        return points.isEmpty() || points.get(0).day().isAfter(from)
                ? (points.isEmpty() ? from : points.get(0).day())
                : from;
    }

    private static List<Object[]> steps(List<DosePoint> points, LocalDate end) {
        List<Object[]> steps = new ArrayList<>();
        for (DosePoint point : points) {
            steps.add(new Object[] {point.day().toString(), point.unknown() ? null : point.mgDe()});
        }
        if (!points.isEmpty()) {
            DosePoint lastPoint = points.get(points.size() - 1);
            steps.add(new Object[] {end.toString(), lastPoint.unknown() ? null : lastPoint.mgDe()});
        }
        return steps;
    }

    /**
     * The envelope day by day from the day after the first dose to {@code end}, kept where it
     * changes (and at {@code end}); no point while the window holds no known dose.
     */
    static List<Object[]> envelope(List<DosePoint> points, double maxReductionPercent, int windowDays, LocalDate end) {
        List<Object[]> envelope = new ArrayList<>();
        if (points.isEmpty() || windowDays <= 0) {
            return envelope;
        }
        double keep = 1.0 - maxReductionPercent / 100.0;
        LocalDate first = points.get(0).day();
        Double previous = null;
        for (LocalDate day = first.plusDays(1); !day.isAfter(end); day = day.plusDays(1)) {
            Double highest = null;
            for (LocalDate x = day.minusDays(windowDays); x.isBefore(day); x = x.plusDays(1)) {
                Double dose = doseOn(points, x);
                if (dose != null && (highest == null || dose > highest)) {
                    highest = dose;
                }
            }
            Double value = highest == null ? null : Math.round(highest * keep * 100.0) / 100.0;
            boolean changed = value == null ? previous != null : !value.equals(previous);
            if (changed || day.equals(end)) {
                envelope.add(new Object[] {day.toString(), value});
            }
            previous = value;
        }
        return envelope;
    }

    /** The dose in force on the day (the latest change point on or before it); null when unknown. */
    private static Double doseOn(List<DosePoint> points, LocalDate day) {
        DosePoint inForce = null;
        for (DosePoint point : points) {
            if (point.day().isAfter(day)) {
                break;
            }
            inForce = point;
        }
        return inForce == null || inForce.unknown() ? null : inForce.mgDe();
    }
}
