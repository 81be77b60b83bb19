package org.tapercds.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The day arrays of a timeline (RULES §2): per day, the scheduled diazepam-equivalent dose D(t) with
 * the Ashton and the VA/DoD factors, the mg of each ingredient and the regimen it comes from, and the
 * days an order of unknown dose is in effect. Index 0 is {@link #first}; the arrays run from the
 * horizon (or the day before the first order) to today + window or the end of the last bounded step.
 * Built once, after replacement is applied; read-only afterwards, and read directly by {@link
 * Reductions} and {@link Exposure} in their per-day loops.
 */
final class DoseDays {

    /** How far back the timeline looks; exposures longer than this are reported as at least this long. */
    static final int HORIZON_DAYS = 730;

    /** The day of index 0. */
    final LocalDate first;

    /** D(t), Ashton factors. */
    final double[] ashton;
    /** D(t), VA/DoD factors (Ashton where VA/DoD has none). */
    final double[] vaDod;
    /** An order of unknown dose is in effect. */
    final boolean[] unknown;
    /** A step in effect is as-needed only. */
    final boolean[] asNeededOnly;

    /** Per ingredient: mg/day of the ingredient on each day. */
    final Map<Ingredient, double[]> mgByIngredient = new LinkedHashMap<>();
    /** Per ingredient: the regimen in effect on each day (for attribution and causes). */
    final Map<Ingredient, OrderRegimen[]> regimenByIngredient = new LinkedHashMap<>();
    /** The orders as they take effect: drafts from today, replaced orders cut off. */
    final List<OrderRegimen> effective;
    /** Per order as written: the day a later order replaces it from (absent: not replaced). */
    final Map<OrderRegimen, LocalDate> replacedFrom = new IdentityHashMap<>();
    /** Per ingredient: the days an order of it has an unknown dose. */
    final Map<Ingredient, boolean[]> unknownByIngredient = new LinkedHashMap<>();

    /**
     * @param regimens history orders and drafts of one patient, as written
     * @param windowDays the days after today the arrays reach at least
     */
    DoseDays(List<OrderRegimen> regimens, LocalDate today, int windowDays) {
        LocalDate earliest = regimens.stream()
                .map(OrderRegimen::start)
                .min(Comparator.naturalOrder())
                .orElse(today);
        LocalDate horizon = today.minusDays(HORIZON_DAYS);
        LocalDate start = earliest.isBefore(horizon) ? horizon : earliest.minusDays(1);
        // Orders that all start after today (pre-scheduled history) still give a timeline from
        // today: the range must reach today + window (it was negative, a 500 found by fuzzing).
        this.first = start.isAfter(today) ? today : start;
        LocalDate last = today.plusDays(windowDays);
        for (OrderRegimen regimen : regimens) {
            for (DoseStep step : regimen.steps()) {
                if (step.end() != null && step.end().isAfter(last)) {
                    last = step.end();
                }
            }
        }
        int length = index(last) + 1;
        this.ashton = new double[length];
        this.vaDod = new double[length];
        this.unknown = new boolean[length];
        this.asNeededOnly = new boolean[length];
        this.effective = effective(regimens, today);
        for (OrderRegimen regimen : effective) {
            paint(regimen, length);
        }
        for (OrderRegimen regimen : effective) {
            if (regimen.assessable()) {
                attributeEnd(regimen, length);
            }
        }
    }

    /**
     * Applies replacement ({@link Replacement}, RULES §2): drafts take effect from today at the
     * earliest (they cannot change the past); an order a later one replaces is cut off from then.
     */
    private List<OrderRegimen> effective(List<OrderRegimen> regimens, LocalDate today) {
        List<OrderRegimen> effective = new ArrayList<>();
        for (OrderRegimen written : regimens) {
            effective.add(written.draft() ? written.effectiveFrom(today) : written);
        }
        Map<OrderRegimen, LocalDate> cut = Replacement.replacedFrom(effective);
        List<OrderRegimen> result = new ArrayList<>();
        for (int i = 0; i < effective.size(); i++) {
            LocalDate from = cut.get(effective.get(i));
            if (from != null) {
                replacedFrom.put(regimens.get(i), from);
            }
            result.add(from == null ? effective.get(i) : effective.get(i).replacedFrom(from));
        }
        return result;
    }

    private void paint(OrderRegimen regimen, int length) {
        if (!regimen.assessable()) {
            // An order of unknown dose: its days cannot be compared until it ends or is replaced.
            int from = Math.max(0, index(regimen.start()));
            int to = regimen.end() == null ? length : Math.min(length, index(regimen.end()));
            boolean[] ingredientUnknown =
                    unknownByIngredient.computeIfAbsent(regimen.ingredient(), k -> new boolean[length]);
            for (int i = from; i < to; i++) {
                unknown[i] = true;
                ingredientUnknown[i] = true;
            }
            return;
        }
        double[] mg = mgByIngredient.computeIfAbsent(regimen.ingredient(), k -> new double[length]);
        OrderRegimen[] owners =
                regimenByIngredient.computeIfAbsent(regimen.ingredient(), k -> new OrderRegimen[length]);
        Ingredient ingredient = regimen.ingredient();
        for (DoseStep step : regimen.steps()) {
            int from = Math.max(0, index(step.start()));
            int to = step.end() == null ? length : Math.min(length, index(step.end()));
            for (int i = from; i < to; i++) {
                mg[i] += step.mgPerDay();
                ashton[i] += ingredient.ashtonDe(step.mgPerDay());
                vaDod[i] += ingredient.vaDodDe(step.mgPerDay());
                if (owners[i] == null || regimen.draft()) {
                    owners[i] = regimen;
                }
                asNeededOnly[i] |= step.asNeededOnly();
            }
        }
    }

    /** The day after a bounded regimen ends still belongs to it (when no other order is in effect), so its end can be attributed. */
    private void attributeEnd(OrderRegimen regimen, int length) {
        OrderRegimen[] owners = regimenByIngredient.get(regimen.ingredient());
        LocalDate end = regimen.end();
        if (owners != null && end != null && index(end) >= 0 && index(end) < length && owners[index(end)] == null) {
            owners[index(end)] = regimen;
        }
    }

    /** The index of a day (negative before {@link #first}, past the end after the last day). */
    int index(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(first, day);
    }

    LocalDate dayAt(int index) {
        return first.plusDays(index);
    }

    /** Whether the dose of any ingredient changes on day {@code i} (i ≥ 1). */
    boolean mgChanged(int i) {
        for (double[] mg : mgByIngredient.values()) {
            if (mg[i] != mg[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
