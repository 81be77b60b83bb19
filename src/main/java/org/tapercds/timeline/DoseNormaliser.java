package org.tapercds.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.Dosages;

/**
 * Turns a FHIR {@code MedicationRequest} into mg/day steps (RULES §1–2). Every dose representation
 * the rules list is understood; anything else makes the order unassessable with a reason, never a
 * guess. The parts: {@link DrugIdentifier} (which drug), {@link OrderDates} (when each step starts
 * and ends), {@link DoseQuantities} (mg per administration) and {@link Frequencies} (administrations
 * per day); this class groups the dosage lines into steps and puts them together.
 */
public final class DoseNormaliser {

    /** The RxNorm system ({@link Codes#RXNORM}), by which orders name their drug. */
    public static final String RXNORM = Codes.RXNORM;

    /** No benzodiazepine regimen comes near this many mg a day; anything above is a data error. */
    static final double MAX_MG_PER_DAY = 10_000;

    private final DrugIdentifier drugs;

    DoseNormaliser(DrugKnowledge knowledge) {
        this.drugs = new DrugIdentifier(knowledge);
    }

    /** The benzodiazepine or Z-drug an order is for ({@link DrugIdentifier#drugOf}). */
    Optional<Drug> drugOf(MedicationRequest order, Map<String, Medication> medications) {
        return drugs.drugOf(order, medications);
    }

    /**
     * Normalises an order of a known drug.
     *
     * @param today the evaluation day: drafts without a start begin today
     */
    OrderRegimen normalise(MedicationRequest order, Drug drug, boolean draft, LocalDate today) {
        String id = order.getIdElement().getIdPart();
        LocalDate start = today;
        try {
            LocalDate written = OrderDates.startOf(order);
            if (written == null && !draft) {
                throw new Unassessable("the order has no start date or authoredOn");
            }
            start = written != null ? written : today;
            if (drug.unassessable() != null) {
                throw new Unassessable(drug.unassessable());
            }
            if (!drug.ingredient().hasEquivalence()) {
                throw new Unassessable("no diazepam equivalent is known for "
                        + drug.ingredient().name());
            }
            if (order.getDosageInstruction().isEmpty()) {
                throw new Unassessable("the order has no dosage instructions");
            }
            UnderstoodElements.require(order);
            List<DoseStep> steps = steps(order.getDosageInstruction(), drug, start);
            boolean bounded = steps.get(steps.size() - 1).end() != null;
            if (!bounded && !draft) {
                LocalDate end = OrderDates.historyEnd(order, start);
                if (end != null) {
                    DoseStep last = steps.get(steps.size() - 1);
                    steps.set(
                            steps.size() - 1,
                            last.endingAt(
                                    end.isAfter(last.start())
                                            ? end
                                            : last.start().plusDays(1)));
                }
            }
            OrderDates.requireNearToday(steps, today);
            return new OrderRegimen(
                    id, drug.ingredient(), drug.text(), draft, start, steps, bounded, null, null, OrderLinks.of(order));
        } catch (Unassessable e) {
            LocalDate until = draft ? null : OrderDates.unassessableEnd(order, start);
            return new OrderRegimen(
                    id,
                    drug.ingredient(),
                    drug.text(),
                    draft,
                    start,
                    List.of(),
                    false,
                    e.getMessage(),
                    until,
                    OrderLinks.of(order));
        }
    }

    /**
     * The dosage lines of an order grouped into its steps, in order: lines with the same sequence run
     * together; without any sequence, lines with different boundsPeriod starts are consecutive steps
     * in date order (not one summed step). Shared with the suggestion that rewrites a step.
     */
    public static List<List<Dosage>> stepGroups(List<Dosage> lines) {
        boolean sequenced = lines.stream().anyMatch(Dosage::hasSequence);
        TreeMap<Long, List<Dosage>> bySequence = new TreeMap<>();
        for (Dosage line : lines) {
            long key;
            if (sequenced) {
                key = line.hasSequence() ? line.getSequence() : 0;
            } else {
                LocalDate start = OrderDates.explicitStart(List.of(line));
                key = start == null ? Long.MIN_VALUE : start.toEpochDay();
            }
            bySequence.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        return new ArrayList<>(bySequence.values());
    }

    private static List<DoseStep> steps(List<Dosage> lines, Drug drug, LocalDate orderStart) {
        List<List<Dosage>> groups = stepGroups(lines);
        List<DoseStep> steps = new ArrayList<>();
        LocalDate cursor = orderStart;
        int index = 0;
        for (List<Dosage> group : groups) {
            index++;
            LocalDate stepStart = OrderDates.explicitStart(group);
            if (stepStart == null) {
                stepStart = cursor;
            }
            LocalDate stepEnd = OrderDates.explicitEnd(group, stepStart);
            double mgPerDay = 0;
            double administrations = 0;
            boolean allAsNeeded = true;
            for (Dosage line : group) {
                if (Dosages.asNeeded(line)) {
                    continue;
                }
                allAsNeeded = false;
                // The dose first: a text-only instruction must be reported as such (quoting it),
                // not as a missing frequency.
                double mg = DoseQuantities.mgPerAdministration(line, drug);
                double perDay = Frequencies.administrationsPerDay(line);
                mgPerDay += mg * perDay;
                administrations += perDay;
            }
            if (stepEnd == null && index < groups.size()) {
                throw new Unassessable("taper step " + index + " has no duration (boundsDuration or boundsPeriod.end)");
            }
            if (stepEnd != null && !stepEnd.isAfter(stepStart)) {
                throw new Unassessable("taper step " + index + " ends before it starts");
            }
            if (!steps.isEmpty() && stepStart.isBefore(cursor)) {
                throw new Unassessable("taper step " + index + " overlaps the step before it");
            }
            if (!Double.isFinite(mgPerDay) || mgPerDay > MAX_MG_PER_DAY) {
                throw new Unassessable("the daily dose of taper step " + index + " is implausibly large");
            }
            steps.add(new DoseStep(stepStart, stepEnd, mgPerDay, administrations, allAsNeeded));
            cursor = stepEnd;
        }
        return steps;
    }
}
