package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.EvaluationScope;
import org.tapercds.facts.ReductionCause;

/**
 * The reductions of a timeline (RULES §3): every day D(t) steps down, compared with the highest dose
 * of the window before it, with the order responsible, its cause and whether it is the clinician's
 * to change in this call.
 */
final class Reductions {

    private final DoseDays days;
    private final List<OrderRegimen> regimens;
    private final LocalDate today;
    private final int window;

    /**
     * @param regimens the regimens as written (for the drafts under review)
     * @param window the comparison window in days
     */
    Reductions(DoseDays days, List<OrderRegimen> regimens, LocalDate today, int window) {
        this.days = days;
        this.regimens = regimens;
        this.today = today;
        this.window = window;
    }

    /**
     * Every day the timeline steps down, with prev = max D over the window before it and cur = D(t).
     * Days whose comparison touches an order of unknown dose are skipped (that order is reported as
     * unassessable instead).
     */
    List<DoseReduction> of(EvaluationScope scope) {
        double[] ashton = days.ashton;
        double[] vaDod = days.vaDod;
        List<DoseReduction> result = new ArrayList<>();
        // In order hooks every step from the start of the drafts under review on is the clinician's
        // to change: the drafts' own steps and what they leave when they replace or outlast history.
        LocalDate firstDraftStart = regimens.stream()
                .filter(r -> r.draft() && scope.reviewsDraft(r.orderId()))
                .map(r -> r.start().isBefore(today) ? today : r.start())
                .min(Comparator.naturalOrder())
                .orElse(null);
        for (int t = 1; t < ashton.length; t++) {
            if (!(ashton[t] < ashton[t - 1])) {
                continue;
            }
            int from = Math.max(0, t - window);
            // A drug whose own dose is unknown in the comparison cannot be judged (it is reported as
            // dose-unassessable). An unknown dose of another drug is left out of the totals, so the cut
            // of the known drug is still checked (the card says the totals are partial).
            if (loweredIngredientUnknown(from, t)) {
                continue;
            }
            int prevIndex = -1;
            double prev = 0;
            double prevVa = 0;
            for (int i = from; i < t; i++) {
                if (ashton[i] > prev) {
                    prev = ashton[i];
                    prevIndex = i;
                }
                prevVa = Math.max(prevVa, vaDod[i]);
            }
            if (prev <= 0) {
                continue;
            }
            double cur = ashton[t];
            // Rounded to 1e-9 so that 25 % exactly (e.g. 26.667 -> 20 mg DE) stays 25 % and passes.
            double ashtonFraction = round((prev - cur) / prev);
            double vaFraction = prevVa > 0 ? round((prevVa - vaDod[t]) / prevVa) : ashtonFraction;
            boolean switching = ingredientsChanged(from, t);
            double fraction = switching ? Math.min(ashtonFraction, vaFraction) : ashtonFraction;
            LocalDate day = days.dayAt(t);
            List<String> lowered = new ArrayList<>();
            OrderRegimen responsible = null;
            for (Map.Entry<Ingredient, double[]> entry : days.mgByIngredient.entrySet()) {
                if (entry.getValue()[t] < entry.getValue()[t - 1]) {
                    lowered.add(entry.getKey().name());
                    OrderRegimen owner = days.regimenByIngredient.get(entry.getKey())[t];
                    if (owner == null) {
                        owner = days.regimenByIngredient.get(entry.getKey())[t - 1];
                    }
                    if (responsible == null || (owner != null && owner.draft() && !responsible.draft())) {
                        responsible = owner;
                    }
                }
            }
            boolean byUnreviewedDraft =
                    responsible != null && responsible.draft() && !scope.reviewsDraft(responsible.orderId());
            boolean inScope = scope.patientView()
                    ? !day.isAfter(scope.today()) && !day.isBefore(scope.today().minusDays(window))
                    : firstDraftStart != null && !day.isBefore(firstDraftStart) && !byUnreviewedDraft;
            OrderRegimen draft = responsible != null && responsible.draft() ? responsible : reviewedDraftOn(t, scope);
            result.add(new DoseReduction(
                    day,
                    days.dayAt(prevIndex),
                    prev,
                    cur,
                    fraction,
                    switching,
                    ashtonFraction,
                    vaFraction,
                    prevVa,
                    vaDod[t],
                    List.copyOf(lowered),
                    draft != null ? draft.orderId() : (responsible == null ? null : responsible.orderId()),
                    cause(t, cur, responsible),
                    inScope));
        }
        return result;
    }

    /**
     * The last day before today on which the scheduled dose went down (drafts take effect from today,
     * so this is always history); null when there was none within the timeline.
     */
    LocalDate lastBeforeToday() {
        double[] ashton = days.ashton;
        for (int i = Math.min(days.index(today), ashton.length) - 1; i >= 1; i--) {
            if (ashton[i] < ashton[i - 1] && !days.unknown[i]) {
                return days.dayAt(i);
            }
        }
        return null;
    }

    /** Whether a drug whose known dose falls on day t has days of unknown dose in t−window … t. */
    private boolean loweredIngredientUnknown(int from, int t) {
        for (Map.Entry<Ingredient, boolean[]> entry : days.unknownByIngredient.entrySet()) {
            double[] mg = days.mgByIngredient.get(entry.getKey());
            boolean lowered = mg != null && mg[t] < mg[t - 1];
            if (!lowered) {
                continue;
            }
            for (int i = from; i <= t; i++) {
                if (entry.getValue()[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double round(double fraction) {
        return Math.round(fraction * 1e9) / 1e9;
    }

    /** A draft under review in effect on day {@code t} (or ending that day), if any. */
    private OrderRegimen reviewedDraftOn(int t, EvaluationScope scope) {
        for (OrderRegimen[] owners : days.regimenByIngredient.values()) {
            for (OrderRegimen owner : new OrderRegimen[] {owners[t], owners[t - 1]}) {
                if (owner != null && owner.draft() && scope.reviewsDraft(owner.orderId())) {
                    return owner;
                }
            }
        }
        return null;
    }

    private ReductionCause cause(int t, double cur, OrderRegimen responsible) {
        if (cur > 0) {
            return ReductionCause.LOWER_DOSE;
        }
        if (days.asNeededOnly[t]) {
            return ReductionCause.AS_NEEDED_ONLY;
        }
        if (responsible != null && responsible.draft()) {
            return ReductionCause.PLAN_ENDS;
        }
        return ReductionCause.ORDER_ENDED;
    }

    /** Whether the set of ingredients in effect changed between day {@code from} and day {@code t}. */
    private boolean ingredientsChanged(int from, int t) {
        for (double[] mg : days.mgByIngredient.values()) {
            boolean present = false;
            boolean absent = false;
            for (int i = from; i <= t; i++) {
                if (mg[i] > 0) {
                    present = true;
                } else {
                    absent = true;
                }
            }
            if (present && absent && anyOtherIngredientOverlaps(mg, from, t)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyOtherIngredientOverlaps(double[] self, int from, int t) {
        for (double[] mg : days.mgByIngredient.values()) {
            if (mg == self) {
                continue;
            }
            for (int i = from; i <= t; i++) {
                if (mg[i] > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
