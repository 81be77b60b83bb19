package org.tapercds.evaluation.cards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.Dosages;
import org.tapercds.timeline.Ingredient;
import org.tapercds.timeline.Product;
import org.tapercds.timeline.SaferDose;
import org.tapercds.timeline.TaperPlan;
import org.tapercds.timeline.TaperProposal;

/**
 * Writes a proposal or a gradual plan into a copy of the draft order (RULES §3): every dosage line
 * of the draft is replaced, so the result carries none of the draft's later steps or its end
 * (bounds, {@code repeat.count}); its medication is a product that makes the dose in whole units,
 * else the drug's ingredient-level concept with the dose in mg.
 */
final class DoseUpdate {

    private DoseUpdate() {}

    /** The draft with the proposal as its one open-ended step. */
    static MedicationRequest proposal(MedicationRequest draft, TaperProposal proposal) {
        MedicationRequest updated = frame(draft, proposal.basis(), proposal.product());
        Dosage template = template(draft);
        LocalDate start = explicitStart(draft) ? proposal.basis().day() : null;
        updated.getDosageInstruction().clear();
        updated.getDosageInstruction().addAll(lines(template, proposal.dose(), null, start, null, null));
        return updated;
    }

    /** The draft with the plan as sequenced steps, each but the last with its duration. */
    static MedicationRequest plan(MedicationRequest draft, TaperPlan plan) {
        MedicationRequest updated = frame(draft, plan.basis(), plan.product());
        Dosage template = template(draft);
        boolean explicitStart = explicitStart(draft);
        updated.getDosageInstruction().clear();
        int sequence = 1;
        for (TaperPlan.Step step : plan.steps()) {
            LocalDate start = explicitStart && sequence == 1 ? step.start() : null;
            LocalDate until = start != null ? step.until() : null;
            Integer days = start == null ? step.days() : null;
            updated.getDosageInstruction().addAll(lines(template, step.dose(), sequence, start, until, days));
            sequence++;
        }
        return updated;
    }

    /** A copy of the draft naming the medication that makes the dose. */
    private static MedicationRequest frame(MedicationRequest draft, TaperProposal.Basis basis, Product product) {
        MedicationRequest updated = draft.copy();
        CodeableConcept medication = new CodeableConcept();
        if (product != null) {
            medication
                    .addCoding()
                    .setSystem(Codes.RXNORM)
                    .setCode(product.rxnormCode())
                    .setDisplay(product.display());
            medication.setText(product.display());
        } else {
            // The ingredient-level concept (RxNorm SCDF, e.g. "diazepam Oral Tablet"), the dose in mg,
            // coded with what the drug table has verified (the SCDF, else the ingredient), so that the
            // order, once accepted, is recognised again.
            Ingredient ingredient = basis.ingredient();
            Ingredient.OralForm oralForm = ingredient.oralForm();
            if (oralForm != null
                    && oralForm.rxnormCode() != null
                    && oralForm.display().toLowerCase(Locale.ROOT).endsWith(" " + basis.form())) {
                medication
                        .addCoding()
                        .setSystem(Codes.RXNORM)
                        .setCode(oralForm.rxnormCode())
                        .setDisplay(oralForm.display());
            }
            if (ingredient.rxnormCode() != null) {
                medication
                        .addCoding()
                        .setSystem(Codes.RXNORM)
                        .setCode(ingredient.rxnormCode())
                        .setDisplay(ingredient.name());
            }
            medication.setText(conceptText(basis));
        }
        updated.setMedication(medication);
        return updated;
    }

    /** The line the new lines copy route and method from: the draft's first scheduled line. */
    private static Dosage template(MedicationRequest draft) {
        return draft.getDosageInstruction().stream()
                .filter(l -> !Dosages.asNeeded(l))
                .findFirst()
                .orElse(draft.getDosageInstruction().isEmpty() ? new Dosage() : draft.getDosageInstructionFirstRep());
    }

    /** Whether the draft's start is written as boundsPeriod.start (kept, so the start does not move). */
    private static boolean explicitStart(MedicationRequest draft) {
        if (draft.getDosageInstruction().isEmpty()) {
            return false;
        }
        Timing.TimingRepeatComponent repeat =
                draft.getDosageInstructionFirstRep().getTiming().getRepeat();
        return repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart();
    }

    /**
     * One line per distinct amount: e.g. 10 mg once daily and 5 mg once daily for 15 mg/day.
     *
     * @param sequence the step's sequence, null for an unsequenced order
     * @param start boundsPeriod.start to write (null: none)
     * @param until boundsPeriod.end (inclusive) to write with {@code start} (null: open)
     * @param days boundsDuration in days (null: none)
     */
    static List<Dosage> lines(
            Dosage template, SaferDose dose, Integer sequence, LocalDate start, LocalDate until, Integer days) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        for (double amount : dose.perAdministrationMg()) {
            counts.merge(amount, 1, Integer::sum);
        }
        List<Dosage> lines = new ArrayList<>();
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            Dosage line = template.copy();
            line.setSequenceElement(null);
            if (sequence != null) {
                line.setSequence(sequence);
            }
            line.setAsNeeded(null);
            line.setPatientInstruction(null);
            line.setMaxDosePerPeriod(null);
            line.setMaxDosePerAdministration(null);
            line.setMaxDosePerLifetime(null);
            Timing timing = new Timing();
            Timing.TimingRepeatComponent repeat = timing.getRepeat();
            repeat.setFrequency(entry.getValue());
            repeat.setPeriod(BigDecimal.ONE);
            repeat.setPeriodUnit(Timing.UnitsOfTime.D);
            if (start != null) {
                Period period = new Period().setStartElement(new DateTimeType(start.toString()));
                if (until != null) {
                    period.setEndElement(new DateTimeType(until.toString()));
                }
                repeat.setBounds(period);
            } else if (days != null) {
                Duration duration = new Duration();
                duration.setValue(days).setUnit("d").setSystem(Codes.UCUM).setCode("d");
                repeat.setBounds(duration);
            }
            line.setTiming(timing);
            line.getDoseAndRate().clear();
            line.addDoseAndRate()
                    .setDose(new Quantity()
                            .setValue(BigDecimal.valueOf(entry.getKey()).stripTrailingZeros())
                            .setUnit("mg")
                            .setSystem(Codes.UCUM)
                            .setCode("mg"));
            line.setText(text(entry.getKey(), entry.getValue()) + (days != null ? " for " + days + " days" : ""));
            lines.add(line);
        }
        return lines;
    }

    /** "5 mg three times daily + 2 mg once daily": the administrations of a daily dose. */
    static String doses(SaferDose dose) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        for (double amount : dose.perAdministrationMg()) {
            counts.merge(amount, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((amount, count) -> parts.add(text(amount, count)));
        return String.join(" + ", parts);
    }

    private static String text(double amount, int count) {
        return Format.mg(amount) + " mg " + times(count) + " daily";
    }

    private static String times(int count) {
        return switch (count) {
            case 1 -> "once";
            case 2 -> "twice";
            default -> count + " times";
        };
    }

    /** The text of the drug's ingredient-level concept in the proposal's form ("diazepam Oral Tablet"). */
    static String conceptText(TaperProposal.Basis basis) {
        return basis.ingredient().name() + " " + titleCase(basis.form());
    }

    private static String titleCase(String form) {
        StringBuilder text = new StringBuilder();
        for (String word : form.split(" ")) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return text.toString();
    }
}
