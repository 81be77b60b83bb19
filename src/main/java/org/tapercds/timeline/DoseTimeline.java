package org.tapercds.timeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tapercds.facts.Dependence;
import org.tapercds.facts.DependenceLevel;
import org.tapercds.facts.DoseReduction;
import org.tapercds.facts.EvaluationScope;
import org.tapercds.facts.ReductionCause;
import org.tapercds.facts.TaperSettings;
import org.tapercds.facts.UnassessableDose;

/**
 * The day-by-day scheduled diazepam-equivalent dose D(t) of one patient across history and drafts
 * (RULES §2), and what the rules need from it: exposure and dependence, every reduction with its
 * 14-day comparison, and the orders that could not be assessed (RULES §3).
 */
public final class DoseTimeline {

    /** How far back the timeline looks; exposures longer than this are reported as at least this long. */
    static final int HORIZON_DAYS = 730;

    private final LocalDate today;
    private final LocalDate first;
    private final TaperSettings settings;
    private final List<OrderRegimen> regimens;
    /** Per ingredient: mg/day of the ingredient on each day (index = days since {@link #first}). */
    private final Map<Ingredient, double[]> mgByIngredient;
    /** Per ingredient: the regimen in effect on each day (for attribution and causes). */
    private final Map<Ingredient, OrderRegimen[]> regimenByIngredient;

    private final double[] ashton;
    private final double[] vaDod;
    private final boolean[] unknown;
    /** Per ingredient: the days an order of it has an unknown dose. */
    private final Map<Ingredient, boolean[]> unknownByIngredient = new LinkedHashMap<>();

    private final boolean[] asNeededOnly;

    private DoseTimeline(List<OrderRegimen> regimens, LocalDate today, TaperSettings settings) {
        this.today = today;
        this.settings = settings;
        this.regimens = List.copyOf(regimens);
        LocalDate earliest = regimens.stream()
                .map(OrderRegimen::start)
                .min(Comparator.naturalOrder())
                .orElse(today);
        LocalDate horizon = today.minusDays(HORIZON_DAYS);
        LocalDate start = earliest.isBefore(horizon) ? horizon : earliest.minusDays(1);
        // Orders that all start after today (pre-scheduled history) still give a timeline from
        // today: the range must reach today + window (it was negative, a 500 found by fuzzing).
        this.first = start.isAfter(today) ? today : start;
        LocalDate last = today.plusDays(settings.windowDays());
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
        this.mgByIngredient = new LinkedHashMap<>();
        this.regimenByIngredient = new LinkedHashMap<>();
        for (OrderRegimen regimen : effective(regimens, today)) {
            paint(regimen, length);
        }
    }

    /** Builds the timeline; {@code regimens} are history orders and drafts of one patient. */
    public static DoseTimeline build(List<OrderRegimen> regimens, LocalDate today, TaperSettings settings) {
        return new DoseTimeline(regimens, today, settings);
    }

    /**
     * Applies replacement (RULES §2): per ingredient, a later order replaces the earlier from its
     * start; drafts take effect from today at the earliest (they cannot change the past) and replace
     * history of the same ingredient from then; orders of the same kind starting the same day run
     * together.
     */
    private static List<OrderRegimen> effective(List<OrderRegimen> regimens, LocalDate today) {
        Map<Ingredient, List<OrderRegimen>> byIngredient = new LinkedHashMap<>();
        for (OrderRegimen written : regimens) {
            OrderRegimen regimen = written.draft() ? written.effectiveFrom(today) : written;
            byIngredient
                    .computeIfAbsent(regimen.ingredient(), k -> new ArrayList<>())
                    .add(regimen);
        }
        List<OrderRegimen> result = new ArrayList<>();
        for (List<OrderRegimen> orders : byIngredient.values()) {
            for (OrderRegimen order : orders) {
                LocalDate replacedFrom = null;
                for (OrderRegimen other : orders) {
                    if (other == order || !replaces(other, order)) {
                        continue;
                    }
                    if (replacedFrom == null || other.start().isBefore(replacedFrom)) {
                        replacedFrom = other.start();
                    }
                }
                result.add(replacedFrom == null ? order : order.replacedFrom(replacedFrom));
            }
        }
        return result;
    }

    private static boolean replaces(OrderRegimen later, OrderRegimen earlier) {
        if (later.draft() != earlier.draft()) {
            return later.draft() && !later.start().isBefore(earlier.start());
        }
        return later.start().isAfter(earlier.start());
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
                owners[i] = regimen;
                asNeededOnly[i] |= step.asNeededOnly();
            }
        }
        // The day after a bounded regimen ends still belongs to it, so its end can be attributed.
        LocalDate end = regimen.end();
        if (end != null && index(end) >= 0 && index(end) < length && owners[index(end)] == null) {
            owners[index(end)] = regimen;
        }
    }

    private int index(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(first, day);
    }

    private LocalDate dayAt(int index) {
        return first.plusDays(index);
    }

    /** D(t): the total scheduled diazepam-equivalent dose on a day (Ashton), 0 outside the timeline. */
    public double doseOn(LocalDate day) {
        int i = index(day);
        return i < 0 || i >= ashton.length ? 0.0 : ashton[i];
    }

    /** D(t) with the VA/DoD factors. */
    public double vaDodDoseOn(LocalDate day) {
        int i = index(day);
        return i < 0 || i >= vaDod.length ? 0.0 : vaDod[i];
    }

    /** Days from the last day with a scheduled dose (or unknown dose) up to today; -1 when none. */
    public int daysSinceScheduled() {
        for (int i = Math.min(index(today), ashton.length - 1); i >= 0; i--) {
            if (ashton[i] > 0 || unknown[i]) {
                return index(today) - i;
            }
        }
        return -1;
    }

    /**
     * The last day before today on which the scheduled dose went down (drafts take effect from today,
     * so this is always history); null when there was none within the timeline.
     */
    public LocalDate lastReductionBeforeToday() {
        for (int i = Math.min(index(today), ashton.length) - 1; i >= 1; i--) {
            if (ashton[i] < ashton[i - 1] && !unknown[i]) {
                return dayAt(i);
            }
        }
        return null;
    }

    /** The exposure up to today and the dependence estimate (guideline Table 2). */
    public Dependence dependence() {
        int end = Math.min(index(today), ashton.length - 1);
        while (end >= 0 && !(ashton[end] > 0) && !unknown[end]) {
            end--;
        }
        if (end < 0) {
            return new Dependence(DependenceLevel.NONE, null, 0, 0.0);
        }
        int start = end;
        int gap = 0;
        double peak = 0;
        for (int i = end; i >= 0; i--) {
            if (ashton[i] > 0 || unknown[i]) {
                start = i;
                gap = 0;
                peak = Math.max(peak, ashton[i]);
            } else if (++gap > settings.exposureGapDays()) {
                break;
            }
        }
        int days = end - start + 1;
        DependenceLevel level;
        if (days >= settings.highRiskExposureDays()) {
            level = DependenceLevel.HIGH_RISK;
        } else if (days >= settings.lowerRiskExposureDays()) {
            level = peak > settings.highRiskPeakMgDe() ? DependenceLevel.HIGH_RISK : DependenceLevel.LOWER_RISK;
        } else {
            level = DependenceLevel.NONE;
        }
        return new Dependence(level, dayAt(start), days, peak);
    }

    /**
     * Every day the timeline steps down, with prev = max D over the window before it and cur = D(t).
     * Days whose comparison touches an order of unknown dose are skipped (that order is reported as
     * unassessable instead).
     */
    public List<DoseReduction> reductions(EvaluationScope scope) {
        List<DoseReduction> result = new ArrayList<>();
        int window = settings.windowDays();
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
            LocalDate day = dayAt(t);
            List<String> lowered = new ArrayList<>();
            OrderRegimen responsible = null;
            for (Map.Entry<Ingredient, double[]> entry : mgByIngredient.entrySet()) {
                if (entry.getValue()[t] < entry.getValue()[t - 1]) {
                    lowered.add(entry.getKey().name());
                    OrderRegimen owner = regimenByIngredient.get(entry.getKey())[t];
                    if (owner == null) {
                        owner = regimenByIngredient.get(entry.getKey())[t - 1];
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
                    dayAt(prevIndex),
                    prev,
                    cur,
                    fraction,
                    switching,
                    ashtonFraction,
                    vaFraction,
                    prevVa,
                    List.copyOf(lowered),
                    draft != null ? draft.orderId() : (responsible == null ? null : responsible.orderId()),
                    cause(t, cur, responsible),
                    inScope));
        }
        return result;
    }

    /** Whether a drug whose known dose falls on day t has days of unknown dose in t−window … t. */
    private boolean loweredIngredientUnknown(int from, int t) {
        for (Map.Entry<Ingredient, boolean[]> entry : unknownByIngredient.entrySet()) {
            double[] mg = mgByIngredient.get(entry.getKey());
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

    /** Whether any order of unknown dose is in effect between two days (inclusive). */
    public boolean unknownBetween(LocalDate from, LocalDate to) {
        for (int i = Math.max(0, index(from)); i <= Math.min(unknown.length - 1, index(to)); i++) {
            if (unknown[i]) {
                return true;
            }
        }
        return false;
    }

    private static double round(double fraction) {
        return Math.round(fraction * 1e9) / 1e9;
    }

    /** A draft under review in effect on day {@code t} (or ending that day), if any. */
    private OrderRegimen reviewedDraftOn(int t, EvaluationScope scope) {
        for (OrderRegimen[] owners : regimenByIngredient.values()) {
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
        if (asNeededOnly[t]) {
            return ReductionCause.AS_NEEDED_ONLY;
        }
        if (responsible != null && responsible.draft()) {
            return ReductionCause.PLAN_ENDS;
        }
        return ReductionCause.ORDER_ENDED;
    }

    /** Whether the set of ingredients in effect changed between day {@code from} and day {@code t}. */
    private boolean ingredientsChanged(int from, int t) {
        for (double[] mg : mgByIngredient.values()) {
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
        for (double[] mg : mgByIngredient.values()) {
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
        for (OrderRegimen other : regimens) {
            if (other != regimen
                    && other.ingredient().equals(regimen.ingredient())
                    && replaces(other, regimen)
                    && !other.start().isAfter(day)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A change point of the timeline: from {@code day} on, the dose per ingredient and in total.
     *
     * @param draft a draft order under review sets (or ends) this dose
     */
    public record Step(
            LocalDate day, Map<String, Double> mgByIngredient, double totalMgDe, boolean unknown, boolean draft) {}

    /**
     * The change points between two days (inclusive), for the evidence table of a card. The first
     * is dated from when its dose began, even if that was before {@code from}.
     */
    public List<Step> steps(LocalDate from, LocalDate to) {
        List<Step> result = new ArrayList<>();
        int start = Math.max(0, index(from));
        int end = Math.min(ashton.length - 1, index(to));
        for (int i = start; i <= end; i++) {
            if (i != start && !changed(i)) {
                continue;
            }
            int began = i;
            while (i == start && began > 0 && !changed(began)) {
                began--;
            }
            Map<String, Double> mg = new LinkedHashMap<>();
            boolean draft = false;
            for (Map.Entry<Ingredient, double[]> entry : mgByIngredient.entrySet()) {
                if (entry.getValue()[i] > 0) {
                    mg.put(entry.getKey().name(), entry.getValue()[i]);
                }
                OrderRegimen owner = regimenByIngredient.get(entry.getKey())[i];
                draft |= owner != null && owner.draft();
            }
            result.add(new Step(dayAt(began), mg, ashton[i], unknown[i], draft));
        }
        return result;
    }

    private boolean changed(int i) {
        return i == 0 || ashton[i] != ashton[i - 1] || unknown[i] != unknown[i - 1] || mgChanged(i);
    }

    private boolean mgChanged(int i) {
        for (double[] mg : mgByIngredient.values()) {
            if (mg[i] != mg[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /** mg/day of one ingredient on a day. */
    public double mgOn(Ingredient ingredient, LocalDate day) {
        double[] mg = mgByIngredient.get(ingredient);
        int i = index(day);
        return mg == null || i < 0 || i >= mg.length ? 0.0 : mg[i];
    }

    public LocalDate today() {
        return today;
    }
}
