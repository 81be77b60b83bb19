package org.tapercds.evaluation.cards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.Dosages;
import org.tapercds.timeline.DoseNormaliser;
import org.tapercds.timeline.DoseStep;
import org.tapercds.timeline.OrderRegimen;
import org.tapercds.timeline.SaferDose;

/**
 * Writes the safer dose into a copy of the draft order: the dosage lines of the step in effect on
 * the reduction day are replaced (or, where a plan ends in zero, a step continuing at the safer dose
 * is added), so that accepting the suggestion changes exactly what was unsafe.
 */
final class DoseUpdate {

    private DoseUpdate() {}

    static MedicationRequest apply(MedicationRequest draft, OrderRegimen regimen, LocalDate day, SaferDose dose) {
        MedicationRequest updated = draft.copy();
        List<List<Dosage>> groups = DoseNormaliser.stepGroups(updated.getDosageInstruction());
        int stepIndex = -1;
        List<DoseStep> steps = regimen.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).covers(day)) {
                stepIndex = i;
            }
        }
        if (stepIndex >= 0 && stepIndex < groups.size()) {
            // Replace the scheduled lines of that step; its as-needed lines stay as they are.
            List<Dosage> old = groups.get(stepIndex);
            List<Dosage> scheduled =
                    old.stream().filter(l -> !Dosages.asNeeded(l)).toList();
            Dosage template = scheduled.isEmpty() ? old.get(0) : scheduled.get(0);
            List<Dosage> replacement =
                    lines(template, dose, template.hasSequence() ? template.getSequence() : null, null);
            int position = updated.getDosageInstruction().indexOf(template);
            updated.getDosageInstruction().removeAll(scheduled.isEmpty() ? List.of(template) : scheduled);
            updated.getDosageInstruction().addAll(Math.max(0, position), replacement);
        } else {
            // The plan ends in zero: a step continuing at the safer dose is added after the last one.
            Integer sequence = null;
            for (Dosage line : updated.getDosageInstruction()) {
                if (line.hasSequence()) {
                    sequence = Math.max(sequence == null ? 1 : sequence, line.getSequence() + 1);
                }
            }
            Dosage template = groups.isEmpty()
                    ? new Dosage()
                    : groups.get(groups.size() - 1).get(0);
            updated.getDosageInstruction().addAll(lines(template, dose, sequence, day));
        }
        return updated;
    }

    /** One line per distinct amount: e.g. 1 mg once daily and 0.5 mg once daily for 1.5 mg/day. */
    /**
     * @param sequence the sequence of the new lines, or null to leave them unsequenced (as the order's
     *     lines were: then their boundsPeriod dates order the steps)
     */
    private static List<Dosage> lines(Dosage template, SaferDose dose, Integer sequence, LocalDate openFrom) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        for (double amount : dose.perAdministrationMg()) {
            counts.merge(amount, 1, Integer::sum);
        }
        List<Dosage> lines = new ArrayList<>();
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            Dosage line = template.copy();
            if (sequence != null) {
                line.setSequence(sequence);
            }
            line.setAsNeeded(null);
            Timing timing = line.getTiming();
            timing.setCode(null);
            Timing.TimingRepeatComponent repeat = timing.getRepeat();
            repeat.getWhen().clear();
            repeat.getTimeOfDay().clear();
            repeat.setFrequency(entry.getValue());
            repeat.setFrequencyMaxElement(null);
            repeat.setPeriod(BigDecimal.ONE);
            repeat.setPeriodMaxElement(null);
            repeat.setPeriodUnit(Timing.UnitsOfTime.D);
            if (openFrom != null) {
                repeat.setBounds(new Period().setStartElement(new DateTimeType(openFrom.toString())));
            }
            line.getDoseAndRate().clear();
            line.addDoseAndRate()
                    .setDose(new Quantity()
                            .setValue(BigDecimal.valueOf(entry.getKey()).stripTrailingZeros())
                            .setUnit("mg")
                            .setSystem(Codes.UCUM)
                            .setCode("mg"));
            line.setText(Format.mg(entry.getKey()) + " mg " + times(entry.getValue()) + " daily");
            lines.add(line);
        }
        return lines;
    }

    private static String times(int count) {
        return switch (count) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> count + " times";
        };
    }
}
