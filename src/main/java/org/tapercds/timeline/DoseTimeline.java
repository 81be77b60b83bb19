package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.EvaluationScope;
import org.tapercds.facts.Exposure;
import org.tapercds.facts.TaperSettings;
import org.tapercds.facts.UnassessableDose;

/**
 * The day-by-day scheduled diazepam-equivalent dose D(t) of one patient across history and drafts
 * (RULES §2), and what the rules need from it: the exposure ({@link ExposureRun}), every
 * reduction with its 14-day comparison ({@link Reductions}), and the orders that could not be
 * assessed (RULES §3). The per-day arrays are {@link DoseDays}.
 */
public final class DoseTimeline {

    private final LocalDate today;
    private final TaperSettings settings;
    private final List<OrderRegimen> regimens;
    private final DoseDays days;
    private final Reductions reductions;
    private final ExposureRun exposure;

    private DoseTimeline(List<OrderRegimen> regimens, LocalDate today, TaperSettings settings) {
        this.today = today;
        this.settings = settings;
        this.regimens = List.copyOf(regimens);
        this.days = new DoseDays(regimens, today, settings.windowDays());
        this.reductions = new Reductions(days, this.regimens, today, settings.windowDays());
        this.exposure = new ExposureRun(days, today, settings);
    }

    /** Builds the timeline; {@code regimens} are history orders and drafts of one patient. */
    public static DoseTimeline build(List<OrderRegimen> regimens, LocalDate today, TaperSettings settings) {
        return new DoseTimeline(regimens, today, settings);
    }

    /** D(t): the total scheduled diazepam-equivalent dose on a day (Ashton), 0 outside the timeline. */
    public double doseOn(LocalDate day) {
        int i = days.index(day);
        return i < 0 || i >= days.ashton.length ? 0.0 : days.ashton[i];
    }

    /** D(t) with the VA/DoD factors. */
    public double vaDodDoseOn(LocalDate day) {
        int i = days.index(day);
        return i < 0 || i >= days.vaDod.length ? 0.0 : days.vaDod[i];
    }

    /** mg/day of one ingredient on a day. */
    public double mgOn(Ingredient ingredient, LocalDate day) {
        double[] mg = days.mgByIngredient.get(ingredient);
        int i = days.index(day);
        return mg == null || i < 0 || i >= mg.length ? 0.0 : mg[i];
    }

    /** Whether any order of unknown dose is in effect between two days (inclusive). */
    public boolean unknownBetween(LocalDate from, LocalDate to) {
        boolean[] unknown = days.unknown;
        for (int i = Math.max(0, days.index(from)); i <= Math.min(unknown.length - 1, days.index(to)); i++) {
            if (unknown[i]) {
                return true;
            }
        }
        return false;
    }

    /** Days from the last day with a scheduled dose (or unknown dose) up to today; -1 when none. */
    public int daysSinceScheduled() {
        return exposure.daysSinceScheduled();
    }

    /** The latest continuous exposure up to today (the dependence rules classify it). */
    public Exposure exposure() {
        return exposure.exposure();
    }

    /**
     * The last day before today on which the scheduled dose went down (drafts take effect from today,
     * so this is always history); null when there was none within the timeline.
     */
    public LocalDate lastReductionBeforeToday() {
        return reductions.lastBeforeToday();
    }

    /**
     * Every day the timeline steps down, with prev = max D over the window before it and cur = D(t).
     * Days whose comparison touches an order of unknown dose are skipped (that order is reported as
     * unassessable instead).
     */
    public List<DoseReduction> reductions(EvaluationScope scope) {
        return reductions.of(scope);
    }

    /**
     * Orders whose dose could not be computed. In scope: every draft; in order hooks the history
     * orders in effect within the window before today (the rate check needed them); in
     * patient-view those in effect today or within the window.
     */
    public List<UnassessableDose> unassessable(EvaluationScope scope) {
        List<UnassessableDose> result = new ArrayList<>();
        LocalDate windowStart = scope.today().minusDays(settings.windowDays());
        for (OrderRegimen regimen : regimens) {
            if (regimen.assessable()) {
                continue;
            }
            boolean relevant = regimen.draft()
                    ? !scope.patientView() && scope.reviewsDraft(regimen.orderId())
                    : !regimen.start().isAfter(scope.today())
                            && !replacedBefore(regimen, windowStart)
                            && !endedBefore(regimen, windowStart);
            boolean inScope = relevant && (scope.patientView() || scope.hasBenzodiazepineDraft());
            result.add(new UnassessableDose(
                    regimen.orderId(),
                    regimen.medicationText(),
                    regimen.unassessableReason(),
                    regimen.draft(),
                    inScope));
        }
        return result;
    }

    /** A history order of unknown dose that was no longer in effect on {@code day}. */
    private static boolean endedBefore(OrderRegimen regimen, LocalDate day) {
        return regimen.end() != null && !regimen.end().isAfter(day);
    }

    /** A history order of unknown dose that a later order of its ingredient replaced before {@code day}. */
    private boolean replacedBefore(OrderRegimen regimen, LocalDate day) {
        LocalDate from = days.replacedFrom.get(regimen);
        return from != null && !from.isAfter(day);
    }

    /**
     * A change point of the timeline: from {@code day} on, the dose per ingredient and in total.
     *
     * @param draft a draft order under review sets (or ends) this dose
     * @param ordersByIngredient per ingredient, the ids of the orders whose scheduled doses add up to
     *     it (RULES §2: the regimen table lists every order that contributes)
     */
    public record Step(
            LocalDate day,
            Map<String, Double> mgByIngredient,
            double totalMgDe,
            boolean unknown,
            boolean draft,
            Map<String, List<String>> ordersByIngredient) {}

    /**
     * The change points between two days (inclusive), for the evidence table of a card. The first
     * is dated from when its dose began, even if that was before {@code from}.
     */
    public List<Step> steps(LocalDate from, LocalDate to) {
        List<Step> result = new ArrayList<>();
        forEachChange(from, to, (began, i) -> {
            Map<String, Double> mg = new LinkedHashMap<>();
            for (Map.Entry<Ingredient, double[]> entry : days.mgByIngredient.entrySet()) {
                if (entry.getValue()[i] > 0) {
                    mg.put(entry.getKey().name(), entry.getValue()[i]);
                }
            }
            result.add(new Step(days.dayAt(began), mg, days.ashton[i], days.unknown[i], draft(i), contributing(i)));
        });
        return result;
    }

    /**
     * A change point of the total only: from {@code day} on, {@code totalMgDe} (Ashton).
     *
     * @param draft a draft order under review sets (or ends) this dose
     */
    public record Total(LocalDate day, double totalMgDe, boolean unknown, boolean draft) {}

    /**
     * The change points of the total between two days (inclusive), as {@link #steps} dates them,
     * without the per-ingredient detail (the dose chart of a stored alert).
     */
    public List<Total> totals(LocalDate from, LocalDate to) {
        List<Total> result = new ArrayList<>();
        forEachChange(
                from,
                to,
                (began, i) -> result.add(new Total(days.dayAt(began), days.ashton[i], days.unknown[i], draft(i))));
        return result;
    }

    private interface Change {
        /** A change point: the dose of day index {@code i}, which began on day index {@code began}. */
        void at(int began, int i);
    }

    private void forEachChange(LocalDate from, LocalDate to, Change change) {
        int start = Math.max(0, days.index(from));
        int end = Math.min(days.ashton.length - 1, days.index(to));
        for (int i = start; i <= end; i++) {
            if (i != start && !changed(i)) {
                continue;
            }
            int began = i;
            while (i == start && began > 0 && !changed(began)) {
                began--;
            }
            change.at(began, i);
        }
    }

    /** Whether a draft order sets the dose of some ingredient on day index {@code i}. */
    private boolean draft(int i) {
        for (OrderRegimen[] owners : days.regimenByIngredient.values()) {
            if (owners[i] != null && owners[i].draft()) {
                return true;
            }
        }
        return false;
    }

    /** Per ingredient, the orders with a scheduled dose on day {@code i}, in the order given. */
    private Map<String, List<String>> contributing(int i) {
        LocalDate day = days.dayAt(i);
        Map<String, List<String>> orders = new LinkedHashMap<>();
        for (OrderRegimen regimen : days.effective) {
            if (regimen.orderId() != null
                    && regimen.steps().stream().anyMatch(step -> step.mgPerDay() > 0 && step.covers(day))) {
                orders.computeIfAbsent(regimen.ingredient().name(), k -> new ArrayList<>())
                        .add(regimen.orderId());
            }
        }
        return orders;
    }

    private boolean changed(int i) {
        return i == 0
                || days.ashton[i] != days.ashton[i - 1]
                || days.unknown[i] != days.unknown[i - 1]
                || days.mgChanged(i);
    }

    public LocalDate today() {
        return today;
    }
}
