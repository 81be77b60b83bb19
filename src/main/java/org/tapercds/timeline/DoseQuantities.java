package org.tapercds.timeline;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.tapercds.fhir.Codes;

/**
 * The mg of one administration (RULES §1): a dose in mg, g or µg as it is; tablets, capsules or
 * films × the strength of one; mL × the concentration of the solution. Strengths come from the
 * RxNorm product, else from the referenced {@code Medication}.
 */
final class DoseQuantities {

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

    /**
     * mg per unit of mass, by lower-case unit: UCUM codes, SNOMED CT units (258684004 mg, 258685003
     * µg, 258682000 g) and unit texts.
     */
    private static final Map<String, Double> MASS_TO_MG = Map.ofEntries(
            Map.entry("mg", 1.0),
            Map.entry("milligram", 1.0),
            Map.entry("milligrams", 1.0),
            Map.entry("milligram(s)", 1.0),
            Map.entry("258684004", 1.0),
            Map.entry("g", 1000.0),
            Map.entry("gram", 1000.0),
            Map.entry("grams", 1000.0),
            Map.entry("gram(s)", 1000.0),
            Map.entry("258682000", 1000.0),
            Map.entry("ug", 0.001),
            Map.entry("mcg", 0.001),
            Map.entry("\u00b5g", 0.001),
            Map.entry("\u03bcg", 0.001),
            Map.entry("microgram", 0.001),
            Map.entry("micrograms", 0.001),
            Map.entry("microgram(s)", 0.001),
            Map.entry("258685003", 0.001));

    /** Units of volume (mL), by lower-case unit: UCUM, SNOMED CT 258773002 and unit texts. */
    private static final Set<String> VOLUME_ML =
            Set.of("ml", "milliliter", "milliliters", "milliliter(s)", "millilitre", "millilitres", "258773002");

    private DoseQuantities() {}

    /** mg per administration: the dose (upper bound of a range) in mg, tablets × strength or mL × concentration. */
    static double mgPerAdministration(Dosage line, Drug drug) {
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
        if (VOLUME_ML.contains(unit.toLowerCase(Locale.ROOT))) {
            return value * unitStrength(drug, true);
        }
        throw new Unassessable("the dose unit \"" + shorten(unit) + "\" is not understood");
    }

    /** mg per tablet/capsule (or per mL): from the RxNorm product, else the Medication's strength. */
    private static double unitStrength(Drug drug, boolean perMl) {
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
                boolean denominatorMl = VOLUME_ML.contains(per.toLowerCase(Locale.ROOT));
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

    /** Quotes free text in a reason without letting it grow long. */
    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
