package org.tapercds.timeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Timing;
import org.tapercds.fhir.Codes;
import org.tapercds.fhir.Dosages;
import org.tapercds.fhir.FhirDates;
import org.tapercds.fhir.Medications;

/**
 * Turns a FHIR {@code MedicationRequest} into mg/day steps (RULES §1–2). Every dose representation
 * the rules list is understood; anything else makes the order unassessable with a reason, never a
 * guess.
 */
public final class DoseNormaliser {

    /** The RxNorm system ({@link Codes#RXNORM}), by which orders name their drug. */
    public static final String RXNORM = Codes.RXNORM;

    /** Units that count tablets, capsules or films (UCUM annotations and common unit texts). */
    private static final Set<String> COUNT_UNITS = Set.of(
            "{tbl}",
            "{tablet}",
            "{tablets}",
            "{tab}",
            "{capsule}",
            "{capsules}",
            "{cap}",
            "{film}",
            "{each}",
            "tablet",
            "tablets",
            "tab",
            "tabs",
            "tbl",
            "capsule",
            "capsules",
            "cap",
            "caps",
            "film",
            "films",
            "each",
            "1",
            "{unit}",
            // SNOMED CT units of presentation: tablet, capsule
            "732936001",
            "732937005");

    private static final Map<String, Double> MASS_TO_MG = Map.of("mg", 1.0, "g", 1000.0, "ug", 0.001, "mcg", 0.001);
    private static final Set<String> VOLUME_ML = Set.of("ml", "mL");

    /** Administrations per day of the v3 GTSAbbreviation timing codes. */
    private static final Map<String, Double> TIMING_CODES = Map.ofEntries(
            Map.entry("QD", 1.0),
            Map.entry("AM", 1.0),
            Map.entry("PM", 1.0),
            Map.entry("HS", 1.0),
            Map.entry("BED", 1.0),
            Map.entry("BID", 2.0),
            Map.entry("TID", 3.0),
            Map.entry("QID", 4.0),
            Map.entry("QOD", 0.5),
            Map.entry("Q4H", 6.0),
            Map.entry("Q6H", 4.0),
            Map.entry("Q8H", 3.0),
            Map.entry("Q12H", 2.0),
            Map.entry("WK", 1.0 / 7),
            Map.entry("MO", 1.0 / 30));

    private final DrugKnowledge knowledge;

    public DoseNormaliser(DrugKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    /** The drug of an order: its benzodiazepine ingredient and product, when it is one. */
    public record Drug(Ingredient ingredient, Product product, Medication medication, String text) {}

    /**
     * Identifies the benzodiazepine or Z-drug an order is for, from its RxNorm code (product or
     * ingredient) or a contained/referenced {@code Medication}. Empty when it is not one (or not a
     * taper regimen, such as an injection or a rescue nasal spray).
     */
    public Optional<Drug> drugOf(MedicationRequest order, Map<String, Medication> medications) {
        Medication medication = null;
        CodeableConcept code;
        if (order.hasMedicationReference()) {
            medication = Medications.referenced(order, medications);
            if (medication == null) {
                return Optional.empty();
            }
            code = medication.getCode();
        } else if (order.hasMedicationCodeableConcept()) {
            code = order.getMedicationCodeableConcept();
        } else {
            return Optional.empty();
        }
        String display = Codes.display(code);
        String text =
                display != null ? display : "order " + order.getIdElement().getIdPart();
        for (Coding coding : code.getCoding()) {
            if (!RXNORM.equals(coding.getSystem()) || !coding.hasCode()) {
                continue;
            }
            Optional<Product> product = knowledge.product(coding.getCode());
            if (product.isPresent()) {
                if (!product.get().taperRegimen()) {
                    return Optional.empty();
                }
                return Optional.of(new Drug(
                        knowledge.ingredient(product.get().ingredient()).orElseThrow(),
                        product.get(),
                        medication,
                        text));
            }
            Optional<Ingredient> ingredient = knowledge.ingredientByCode(coding.getCode());
            if (ingredient.isPresent()) {
                return Optional.of(new Drug(ingredient.get(), null, medication, text));
            }
        }
        if (medication != null) {
            for (Medication.MedicationIngredientComponent component : medication.getIngredient()) {
                if (!component.hasItemCodeableConcept()) {
                    continue;
                }
                for (Coding coding : component.getItemCodeableConcept().getCoding()) {
                    if (RXNORM.equals(coding.getSystem())) {
                        Optional<Ingredient> ingredient = knowledge.ingredientByCode(coding.getCode());
                        if (ingredient.isPresent()) {
                            return Optional.of(new Drug(ingredient.get(), null, medication, text));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Normalises an order of a known drug.
     *
     * @param today the evaluation day: drafts without a start begin today
     */
    public OrderRegimen normalise(MedicationRequest order, Drug drug, boolean draft, LocalDate today) {
        String id = order.getIdElement().getIdPart();
        LocalDate start = today;
        try {
            LocalDate written = startOf(order);
            if (written == null && !draft) {
                throw new Unassessable("the order has no start date or authoredOn");
            }
            start = written != null ? written : today;
            if (!drug.ingredient().hasEquivalence()) {
                throw new Unassessable("no diazepam equivalent is known for "
                        + drug.ingredient().name());
            }
            if (order.getDosageInstruction().isEmpty()) {
                throw new Unassessable("the order has no dosage instructions");
            }
            List<DoseStep> steps = steps(order.getDosageInstruction(), drug, start);
            boolean bounded = steps.get(steps.size() - 1).end() != null;
            if (!bounded && !draft) {
                LocalDate end = historyEnd(order, start);
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
            for (DoseStep step : steps) {
                if (outOfRange(step.start(), today) || (step.end() != null && outOfRange(step.end(), today))) {
                    throw new Unassessable(
                            "a date of the order lies more than " + MAX_YEARS_FROM_TODAY + " years from today");
                }
            }
            return new OrderRegimen(id, drug.ingredient(), drug.text(), draft, start, steps, bounded, null, null);
        } catch (Unassessable e) {
            LocalDate until = draft ? null : unassessableEnd(order, start);
            return new OrderRegimen(
                    id, drug.ingredient(), drug.text(), draft, start, List.of(), false, e.getMessage(), until);
        }
    }

    /**
     * The end of a history order whose dose is unknown (RULES §2: an order applies until
     * boundsPeriod.end, else validityPeriod.end, else open while active): it stops hiding the rate
     * check from then on. Null when the end is unknown too, so the order keeps counting as unknown.
     */
    private static LocalDate unassessableEnd(MedicationRequest order, LocalDate start) {
        try {
            LocalDate end = null;
            for (Dosage line : order.getDosageInstruction()) {
                Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
                if (!repeat.hasBoundsPeriod() || !repeat.getBoundsPeriod().hasEnd()) {
                    return historyEnd(order, start);
                }
                LocalDate lineEnd =
                        day(repeat.getBoundsPeriod().getEndElement()).plusDays(1);
                end = end == null || lineEnd.isAfter(end) ? lineEnd : end;
            }
            return end != null ? end : historyEnd(order, start);
        } catch (Unassessable e) {
            return null;
        }
    }

    /** Start: boundsPeriod.start of the first line, else validityPeriod.start, else authoredOn. */
    static LocalDate startOf(MedicationRequest order) {
        if (!order.getDosageInstruction().isEmpty()) {
            Timing.TimingRepeatComponent repeat =
                    order.getDosageInstructionFirstRep().getTiming().getRepeat();
            if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart()) {
                return day(repeat.getBoundsPeriod().getStartElement());
            }
        }
        if (order.getDispenseRequest().hasValidityPeriod()
                && order.getDispenseRequest().getValidityPeriod().hasStart()) {
            return day(order.getDispenseRequest().getValidityPeriod().getStartElement());
        }
        return order.hasAuthoredOn() ? day(order.getAuthoredOnElement()) : null;
    }

    /**
     * End of a history order without timing bounds: validityPeriod.end; open while active or on
     * hold; for a completed or stopped order its expected supply, else unknown (unassessable).
     */
    private static LocalDate historyEnd(MedicationRequest order, LocalDate start) {
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = order.getDispenseRequest();
        if (dispense.hasValidityPeriod() && dispense.getValidityPeriod().hasEnd()) {
            return day(dispense.getValidityPeriod().getEndElement()).plusDays(1);
        }
        MedicationRequest.MedicationRequestStatus status = order.getStatus();
        if (status == MedicationRequest.MedicationRequestStatus.ACTIVE
                || status == MedicationRequest.MedicationRequestStatus.ONHOLD) {
            return null;
        }
        if (dispense.hasExpectedSupplyDuration()) {
            long days = durationDays(dispense.getExpectedSupplyDuration());
            int fills = 1 + (dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0);
            if (days * fills > 365L * MAX_YEARS_FROM_TODAY) {
                throw new Unassessable("the expected supply runs longer than " + MAX_YEARS_FROM_TODAY + " years");
            }
            return start.plusDays(days * fills);
        }
        throw new Unassessable("the " + status.toCode() + " order has no end date or expected supply duration");
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
                LocalDate start = explicitStart(List.of(line));
                key = start == null ? Long.MIN_VALUE : start.toEpochDay();
            }
            bySequence.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
        }
        return new ArrayList<>(bySequence.values());
    }

    private List<DoseStep> steps(List<Dosage> lines, Drug drug, LocalDate orderStart) {
        List<List<Dosage>> groups = stepGroups(lines);
        List<DoseStep> steps = new ArrayList<>();
        LocalDate cursor = orderStart;
        int index = 0;
        for (List<Dosage> group : groups) {
            index++;
            LocalDate stepStart = explicitStart(group);
            if (stepStart == null) {
                stepStart = cursor;
            }
            LocalDate stepEnd = explicitEnd(group, stepStart);
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
                double mg = doseMg(line, drug);
                double perDay = administrationsPerDay(line);
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

    private static LocalDate explicitStart(List<Dosage> group) {
        for (Dosage line : group) {
            Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
            if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart()) {
                return day(repeat.getBoundsPeriod().getStartElement());
            }
        }
        return null;
    }

    /** Exclusive end of a step from its bounds: boundsPeriod.end (inclusive day) or start + duration. */
    private static LocalDate explicitEnd(List<Dosage> group, LocalDate stepStart) {
        LocalDate end = null;
        for (Dosage line : group) {
            Timing.TimingRepeatComponent repeat = line.getTiming().getRepeat();
            LocalDate lineEnd = null;
            if (repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasEnd()) {
                lineEnd = day(repeat.getBoundsPeriod().getEndElement()).plusDays(1);
            } else if (repeat.hasBoundsDuration()) {
                lineEnd = stepStart.plusDays(durationDays(repeat.getBoundsDuration()));
            }
            if (lineEnd != null && (end == null || lineEnd.isAfter(end))) {
                end = lineEnd;
            }
        }
        return end;
    }

    /** Administrations per day: frequency/period, else when/timeOfDay entries, else timing.code. */
    static double administrationsPerDay(Dosage line) {
        Timing timing = line.getTiming();
        Timing.TimingRepeatComponent repeat = timing.getRepeat();
        if (repeat.hasFrequency() || repeat.hasFrequencyMax() || repeat.hasPeriod()) {
            int frequency = repeat.hasFrequencyMax()
                    ? repeat.getFrequencyMax()
                    : (repeat.hasFrequency() ? repeat.getFrequency() : 1);
            // The upper bound of the dose: frequencyMax over the shorter interval (period, not periodMax).
            BigDecimal period = repeat.hasPeriod() ? repeat.getPeriod() : repeat.getPeriodMax();
            if (period == null) {
                if (!repeat.hasPeriodUnit()) {
                    throw new Unassessable("the timing has a frequency but no period");
                }
                period = BigDecimal.ONE;
            }
            if (!repeat.hasPeriodUnit()) {
                throw new Unassessable("the timing period has no unit");
            }
            double periodDays =
                    period.doubleValue() * unitDays(repeat.getPeriodUnit().toCode());
            if (frequency <= 0 || !(periodDays > 0)) {
                throw new Unassessable("the timing frequency or period is not positive");
            }
            return frequency / periodDays;
        }
        if (repeat.hasWhen()) {
            return repeat.getWhen().size();
        }
        if (repeat.hasTimeOfDay()) {
            return repeat.getTimeOfDay().size();
        }
        if (timing.hasCode()) {
            for (Coding coding : timing.getCode().getCoding()) {
                Double perDay =
                        coding.hasCode() ? TIMING_CODES.get(coding.getCode().toUpperCase(Locale.ROOT)) : null;
                if (perDay != null) {
                    return perDay;
                }
            }
            throw new Unassessable(
                    "timing code " + timing.getCode().getCodingFirstRep().getCode() + " is not a known frequency");
        }
        throw new Unassessable("the dosage has no structured frequency");
    }

    /** mg per administration: the dose (upper bound of a range) in mg, tablets × strength or mL × concentration. */
    private double doseMg(Dosage line, Drug drug) {
        Quantity dose = null;
        for (Dosage.DosageDoseAndRateComponent doseAndRate : line.getDoseAndRate()) {
            if (doseAndRate.hasDoseQuantity()) {
                dose = doseAndRate.getDoseQuantity();
            } else if (doseAndRate.hasDoseRange() && doseAndRate.getDoseRange().hasHigh()) {
                dose = doseAndRate.getDoseRange().getHigh();
            } else if (doseAndRate.hasDoseRange()) {
                throw new Unassessable("the dose range has no upper bound");
            }
            if (dose != null) {
                break;
            }
        }
        if (dose == null || !dose.hasValue()) {
            throw new Unassessable(
                    line.hasText()
                            ? "the dose is given as text only (\"" + shorten(line.getText()) + "\")"
                            : "the dosage has no dose quantity");
        }
        double value = dose.getValue().doubleValue();
        if (value < 0 || Double.isInfinite(value)) {
            throw new Unassessable("the dose quantity is negative or not finite");
        }
        String unit = Codes.doseUnit(dose);
        if (unit == null) {
            throw new Unassessable("the dose quantity has no unit");
        }
        Double massFactor = MASS_TO_MG.get(unit.toLowerCase(Locale.ROOT));
        if (massFactor != null) {
            return value * massFactor;
        }
        if (COUNT_UNITS.contains(unit.toLowerCase(Locale.ROOT)) || COUNT_UNITS.contains(unit)) {
            return value * unitStrength(drug, false);
        }
        if (VOLUME_ML.contains(unit)) {
            return value * unitStrength(drug, true);
        }
        throw new Unassessable("the dose unit \"" + shorten(unit) + "\" is not understood");
    }

    /** mg per tablet/capsule (or per mL): from the RxNorm product, else the Medication's strength. */
    private double unitStrength(Drug drug, boolean perMl) {
        Product product = drug.product();
        if (product != null) {
            if (product.countable() == !perMl) {
                return product.strengthMg();
            }
            throw new Unassessable(
                    perMl
                            ? "a dose in mL was given for " + product.display()
                            : "a dose in tablets was given for " + product.display());
        }
        if (drug.medication() != null) {
            for (Medication.MedicationIngredientComponent component :
                    drug.medication().getIngredient()) {
                if (!component.hasStrength()) {
                    continue;
                }
                Ratio strength = component.getStrength();
                Quantity numerator = strength.getNumerator();
                Quantity denominator = strength.getDenominator();
                Double toMg = numerator.hasValue()
                        ? MASS_TO_MG.get(
                                String.valueOf(Codes.doseUnit(numerator)).toLowerCase(Locale.ROOT))
                        : null;
                if (toMg == null
                        || !denominator.hasValue()
                        || denominator.getValue().signum() <= 0) {
                    continue;
                }
                String per = String.valueOf(Codes.doseUnit(denominator));
                boolean denominatorMl = VOLUME_ML.contains(per);
                boolean denominatorCount = COUNT_UNITS.contains(per.toLowerCase(Locale.ROOT));
                if ((perMl && denominatorMl) || (!perMl && denominatorCount)) {
                    return numerator.getValue().doubleValue()
                            * toMg
                            / denominator.getValue().doubleValue();
                }
            }
        }
        throw new Unassessable(
                perMl
                        ? "the concentration (mg/mL) of the solution is unknown"
                        : "the strength of one tablet or capsule is unknown");
    }

    private static double unitDays(String unit) {
        return switch (unit) {
            case "s" -> 1.0 / 86_400;
            case "min" -> 1.0 / 1_440;
            case "h" -> 1.0 / 24;
            case "d" -> 1.0;
            case "wk" -> 7.0;
            case "mo" -> 30.0;
            case "a" -> 365.0;
            default -> throw new Unassessable("the timing unit " + unit + " is not understood");
        };
    }

    /** Dates further than this from today are taken as errors (and bound the timeline's size). */
    static final int MAX_YEARS_FROM_TODAY = 10;

    /** No benzodiazepine regimen comes near this many mg a day; anything above is a data error. */
    static final double MAX_MG_PER_DAY = 10_000;

    private static boolean outOfRange(LocalDate day, LocalDate today) {
        return day.isAfter(today.plusYears(MAX_YEARS_FROM_TODAY)) || day.isBefore(today.minusYears(100));
    }

    static long durationDays(Duration duration) {
        if (!duration.hasValue() || duration.getValue().signum() <= 0) {
            throw new Unassessable("a duration has no positive value");
        }
        String unit = duration.hasCode() ? duration.getCode() : duration.getUnit();
        if (unit == null) {
            throw new Unassessable("a duration has no unit");
        }
        double days = duration.getValue().doubleValue() * unitDays(unit);
        if (!(days <= 365.0 * MAX_YEARS_FROM_TODAY)) {
            throw new Unassessable("a duration is longer than " + MAX_YEARS_FROM_TODAY + " years");
        }
        return Math.max(1, (long) Math.ceil(days - 1e-9));
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static LocalDate day(BaseDateTimeType value) {
        LocalDate day = FhirDates.day(value);
        if (day == null) {
            throw new Unassessable("a date has no value");
        }
        return day;
    }

    /** Thrown inside normalisation when a dose cannot be computed; becomes the unassessable reason. */
    static final class Unassessable extends RuntimeException {
        Unassessable(String reason) {
            super(reason, null, false, false);
        }
    }
}
