package org.tapercds.hooks.cards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.tapercds.timeline.DoseStep;
import org.tapercds.timeline.OrderRegimen;
import org.tapercds.timeline.SaferDose;

/**
 * Writes the safer dose into a copy of the draft order: the dosage lines of the step in effect on
 * the reduction day are replaced (or, where a plan ends in zero, a step continuing at the safer dose
 * is added), so that accepting the suggestion changes exactly what was unsafe.
 */
final class DoseUpdate {

    private static final String UCUM = "http://unitsofmeasure.org";

    private DoseUpdate() {}

    static MedicationRequest apply(MedicationRequest draft, OrderRegimen regimen, LocalDate day, SaferDose dose) {
        MedicationRequest updated = draft.copy();
        TreeMap<Integer, List<Dosage>> groups = new TreeMap<>();
        for (Dosage line : updated.getDosageInstruction()) {
            groups.computeIfAbsent(line.hasSequence() ? line.getSequence() : 0, k -> new ArrayList<>())
                    .add(line);
        }
        int stepIndex = -1;
        List<DoseStep> steps = regimen.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).covers(day)) {
                stepIndex = i;
            }
        }
        List<Integer> sequences = new ArrayList<>(groups.keySet());
        List<Dosage> replacement;
        if (stepIndex >= 0 && stepIndex < sequences.size()) {
            int sequence = sequences.get(stepIndex);
            List<Dosage> old = groups.get(sequence);
            replacement = lines(old.get(0), dose, sequence, null);
            int position = updated.getDosageInstruction().indexOf(old.get(0));
            updated.getDosageInstruction().removeAll(old);
            updated.getDosageInstruction().addAll(position, replacement);
        } else {
            int sequence = sequences.isEmpty() ? 1 : sequences.get(sequences.size() - 1) + 1;
            Dosage template = groups.isEmpty()
                    ? new Dosage()
                    : groups.lastEntry().getValue().get(0);
            replacement = lines(template, dose, sequence, day);
            updated.getDosageInstruction().addAll(replacement);
        }
        return updated;
    }

    /** One line per distinct amount: e.g. 1 mg once daily and 0.5 mg once daily for 1.5 mg/day. */
    private static List<Dosage> lines(Dosage template, SaferDose dose, int sequence, LocalDate openFrom) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        for (double amount : dose.perAdministrationMg()) {
            counts.merge(amount, 1, Integer::sum);
        }
        List<Dosage> lines = new ArrayList<>();
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            Dosage line = template.copy();
            if (template.hasSequence() || openFrom != null || counts.size() > 1) {
                // Lines without a sequence were grouped under 0; FHIR sequences start at 1.
                line.setSequence(Math.max(1, sequence));
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
                            .setSystem(UCUM)
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
