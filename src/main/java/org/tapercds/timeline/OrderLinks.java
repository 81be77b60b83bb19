package org.tapercds.timeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.tapercds.fhir.Dosages;

/**
 * What decides whether two orders of one ingredient replace each other or add up (RULES §2): the
 * order's business identifiers, the orders it names as its predecessor ({@code priorPrescription}),
 * whether it has a scheduled (not as-needed) line, and the times of day it is taken.
 *
 * @param identifiers {@code system|value} of the order's identifiers
 * @param prior ids and {@code system|value} identifiers of the orders its {@code priorPrescription}
 *     names
 * @param scheduled some dosage line is not as-needed
 * @param times the {@code when} codes and {@code timeOfDay} values of its (scheduled, else all)
 *     lines; null when a line gives neither (the times are then not given)
 */
public record OrderLinks(Set<String> identifiers, Set<String> prior, boolean scheduled, Set<String> times) {

    /** No identifiers, no predecessor, scheduled, times not given. */
    public static final OrderLinks NONE = new OrderLinks(Set.of(), Set.of(), true, null);

    public OrderLinks {
        identifiers = Set.copyOf(identifiers);
        prior = Set.copyOf(prior);
        times = times == null ? null : Set.copyOf(times);
    }

    /** Reads the links of an order. */
    static OrderLinks of(MedicationRequest order) {
        Set<String> identifiers = new LinkedHashSet<>();
        for (Identifier identifier : order.getIdentifier()) {
            String key = key(identifier);
            if (key != null) {
                identifiers.add(key);
            }
        }
        Set<String> prior = new LinkedHashSet<>();
        if (order.hasPriorPrescription()) {
            Reference reference = order.getPriorPrescription();
            if (reference.hasReference()) {
                String id = new IdType(reference.getReference()).getIdPart();
                if (id != null) {
                    prior.add(id);
                }
            }
            String key = reference.hasIdentifier() ? key(reference.getIdentifier()) : null;
            if (key != null) {
                prior.add(key);
            }
        }
        List<Dosage> lines = order.getDosageInstruction();
        List<Dosage> scheduledLines =
                lines.stream().filter(l -> !Dosages.asNeeded(l)).toList();
        return new OrderLinks(
                identifiers,
                prior,
                !scheduledLines.isEmpty(),
                times(scheduledLines.isEmpty() ? lines : scheduledLines));
    }

    private static Set<String> times(List<Dosage> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        Set<String> times = new LinkedHashSet<>();
        for (Dosage line : lines) {
            Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
            if (!repeat.hasWhen() && !repeat.hasTimeOfDay()) {
                return null;
            }
            repeat.getWhen().forEach(when -> times.add("when:" + when.getCode()));
            repeat.getTimeOfDay().forEach(time -> times.add("time:" + time.getValueAsString()));
        }
        return times;
    }

    private static String key(Identifier identifier) {
        if (!identifier.hasValue()) {
            return null;
        }
        return (identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue();
    }

    /** Whether this order names {@code other} (by id or identifier) as the order it follows. */
    boolean names(String otherId, OrderLinks other) {
        if (otherId != null && prior.contains(otherId)) {
            return true;
        }
        for (String identifier : other.identifiers) {
            if (prior.contains(identifier)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the two orders share a business identifier (the same order, edited). */
    boolean sharesIdentifier(OrderLinks other) {
        for (String identifier : identifiers) {
            if (other.identifiers.contains(identifier)) {
                return true;
            }
        }
        return false;
    }

    /** Both orders say when they are taken and no time is shared: a morning and a bedtime order. */
    boolean disjointTimes(OrderLinks other) {
        if (times == null || other.times == null) {
            return false;
        }
        for (String time : times) {
            if (other.times.contains(time)) {
                return false;
            }
        }
        return true;
    }
}
