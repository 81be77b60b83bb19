package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.List;

/**
 * A benzodiazepine or Z-drug order normalised to mg/day steps (RULES §1–2), or unassessable.
 *
 * @param orderId MedicationRequest id
 * @param ingredient the benzodiazepine ingredient
 * @param medicationText what the order names, for cards
 * @param draft one of the draft orders being signed
 * @param steps consecutive dose steps (empty when unassessable)
 * @param planEnds the last step's end comes from timing bounds: the dose is zero afterwards
 * @param unassessableReason why no daily dose can be computed (null when it can)
 * @param unassessableUntil for an unassessable order, the first day it is no longer in effect
 *     (exclusive; null while open or when its end is unknown)
 * @param links what decides whether it replaces or adds to another order of its ingredient
 */
public record OrderRegimen(
        String orderId,
        Ingredient ingredient,
        String medicationText,
        boolean draft,
        LocalDate start,
        List<DoseStep> steps,
        boolean planEnds,
        String unassessableReason,
        LocalDate unassessableUntil,
        OrderLinks links) {

    public OrderRegimen {
        steps = List.copyOf(steps);
    }

    public boolean assessable() {
        return unassessableReason == null;
    }

    /** First day after the regimen, or null while open (or, when unassessable, of unknown end). */
    public LocalDate end() {
        if (!assessable()) {
            return unassessableUntil;
        }
        return steps.isEmpty() ? start : steps.get(steps.size() - 1).end();
    }

    /** This regimen, cut off from {@code day} on (a later order of the same ingredient replaces it). */
    OrderRegimen replacedFrom(LocalDate day) {
        List<DoseStep> kept = steps.stream()
                .filter(s -> s.start().isBefore(day))
                .map(s -> s.end() == null || s.end().isAfter(day) ? s.endingAt(day) : s)
                .toList();
        LocalDate until = unassessableUntil == null || unassessableUntil.isAfter(day) ? day : unassessableUntil;
        return new OrderRegimen(
                orderId, ingredient, medicationText, draft, start, kept, false, unassessableReason, until, links);
    }

    /**
     * This draft as it can take effect: from {@code today} on. A draft cannot change days already
     * past, so a back-dated draft (or an edit keeping the original start) leaves history in place up
     * to today.
     */
    OrderRegimen effectiveFrom(LocalDate today) {
        if (!start.isBefore(today)) {
            return this;
        }
        List<DoseStep> kept = steps.stream()
                .filter(s -> s.end() == null || s.end().isAfter(today))
                .map(s -> s.start().isBefore(today)
                        ? new DoseStep(today, s.end(), s.mgPerDay(), s.administrationsPerDay(), s.asNeededOnly())
                        : s)
                .toList();
        return new OrderRegimen(
                orderId,
                ingredient,
                medicationText,
                draft,
                today,
                kept,
                planEnds,
                unassessableReason,
                unassessableUntil,
                links);
    }
}
