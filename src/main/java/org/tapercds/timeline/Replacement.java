package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which orders of one ingredient replace which (RULES §2), and from when. Orders that do not replace
 * each other add up.
 *
 * <ul>
 *   <li>A later history order replaces an earlier one from its start when it names it in {@code
 *       priorPrescription}, or when both are scheduled and their {@code when}/{@code timeOfDay} sets are
 *       not both given and disjoint. An as-needed-only order never replaces a scheduled one; a morning
 *       and a bedtime order run together; two orders starting the same day run together.
 *   <li>A draft replaces the history orders it names (its {@code priorPrescription}, the same id, a
 *       shared identifier). A draft that names none replaces every scheduled history order that
 *       started on or before it and whose times are not both given and disjoint from its own — an
 *       as-needed-only draft too (read as a switch to as-needed, the safer reading).
 *   <li>Drafts of one call never replace each other, and history never replaces a draft.
 * </ul>
 */
final class Replacement {

    private Replacement() {}

    /**
     * The day from which each replaced order stops counting (absent: not replaced).
     *
     * @param regimens orders as they take effect (drafts from today at the earliest)
     */
    static Map<OrderRegimen, LocalDate> replacedFrom(List<OrderRegimen> regimens) {
        Map<Ingredient, List<OrderRegimen>> byIngredient = new LinkedHashMap<>();
        for (OrderRegimen regimen : regimens) {
            byIngredient
                    .computeIfAbsent(regimen.ingredient(), k -> new ArrayList<>())
                    .add(regimen);
        }
        Map<OrderRegimen, LocalDate> replaced = new IdentityHashMap<>();
        for (List<OrderRegimen> orders : byIngredient.values()) {
            // By start, so the first order found to replace an earlier one is the earliest that does
            // (usually the next one: linear for a history of renewals, not quadratic).
            List<OrderRegimen> byStart = new ArrayList<>(orders);
            byStart.sort(Comparator.comparing(OrderRegimen::start));
            List<OrderRegimen> drafts =
                    byStart.stream().filter(OrderRegimen::draft).toList();
            Map<OrderRegimen, Boolean> draftNamesAny = new IdentityHashMap<>();
            for (OrderRegimen draft : drafts) {
                draftNamesAny.put(draft, orders.stream().anyMatch(other -> !other.draft() && namedBy(draft, other)));
            }
            for (int i = 0; i < byStart.size(); i++) {
                OrderRegimen earlier = byStart.get(i);
                if (earlier.draft()) {
                    continue;
                }
                LocalDate from = null;
                for (OrderRegimen draft : drafts) {
                    if (replaces(draft, earlier, draftNamesAny.get(draft))
                            && (from == null || draft.start().isBefore(from))) {
                        from = draft.start();
                    }
                }
                int first = i;
                while (first > 0 && byStart.get(first - 1).start().equals(earlier.start())) {
                    first--;
                }
                for (int j = first; j < byStart.size(); j++) {
                    OrderRegimen later = byStart.get(j);
                    if (from != null && !later.start().isBefore(from)) {
                        break;
                    }
                    if (j != i
                            && !later.draft()
                            && !later.start().isBefore(earlier.start())
                            && replaces(later, earlier, false)) {
                        from = later.start();
                        break;
                    }
                }
                if (from != null) {
                    replaced.put(earlier, from);
                }
            }
        }
        return replaced;
    }

    private static boolean replaces(OrderRegimen later, OrderRegimen earlier, boolean draftNamesAny) {
        if (earlier.draft()) {
            return false;
        }
        OrderLinks links = later.links();
        if (later.draft()) {
            if (draftNamesAny) {
                return namedBy(later, earlier);
            }
            return earlier.links().scheduled()
                    && !links.disjointTimes(earlier.links())
                    && !later.start().isBefore(earlier.start());
        }
        if (links.names(earlier.orderId(), earlier.links())) {
            return true;
        }
        return later.start().isAfter(earlier.start())
                && links.scheduled()
                && earlier.links().scheduled()
                && !links.disjointTimes(earlier.links());
    }

    /** A draft names a history order: by priorPrescription, as the same order id, or by a shared identifier. */
    private static boolean namedBy(OrderRegimen draft, OrderRegimen history) {
        return draft.links().names(history.orderId(), history.links())
                || (draft.orderId() != null && draft.orderId().equals(history.orderId()))
                || draft.links().sharesIdentifier(history.links());
    }
}
