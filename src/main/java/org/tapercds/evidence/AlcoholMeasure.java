package org.tapercds.evidence;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tapercds.system.CsvFormatException;
import org.tapercds.system.CsvRow;

/**
 * A row of {@code rules/alcohol/alcohol-evidence.csv}: a measure of alcohol use, the ValueSet of its
 * codes, when a result is positive and how far back it counts; with the other units its results may
 * come in and their factors to its own unit ({@code rules/alcohol/alcohol-units.csv}).
 *
 * @param unit the unit a result is judged in (null: any, e.g. scores)
 * @param conversions other units (written as {@link #unitKey} makes them) and what one of each is in
 *     {@code unit}
 */
public record AlcoholMeasure(
        String measure,
        String valueSet,
        boolean condition,
        boolean inclusive,
        double threshold,
        Double thresholdMale,
        String unit,
        int lookbackDays,
        Map<String, BigDecimal> conversions) {

    public static final String FILE = "alcohol/alcohol-evidence.csv";
    public static final String UNITS_FILE = "alcohol/alcohol-units.csv";

    public AlcoholMeasure {
        conversions = Map.copyOf(conversions);
    }

    /**
     * A result's value in the measure's unit: as it is when the measure needs no unit or the result
     * carries the measure's unit, converted when its unit is one of the conversions; empty when it
     * cannot be judged (another unit, or none where one is needed).
     */
    public Optional<BigDecimal> inMeasureUnit(BigDecimal value, String resultUnit) {
        if (unit == null) {
            return Optional.of(value);
        }
        if (resultUnit == null) {
            return Optional.empty();
        }
        String key = unitKey(resultUnit);
        if (key.equals(unitKey(unit))) {
            return Optional.of(value);
        }
        BigDecimal factor = conversions.get(key);
        return factor == null ? Optional.empty() : Optional.of(value.multiply(factor));
    }

    /**
     * A unit as compared: trimmed, lower case, the micro sign (µ U+00B5, μ U+03BC) written u and
     * mcg written ug, so "µmol/L", "μmol/L" and "umol/L" are one unit, and "mcg/L" and "ug/L" another.
     */
    static String unitKey(String unit) {
        return unit.trim()
                .replace('\u00B5', 'u')
                .replace('\u03BC', 'u')
                .replace('\u039C', 'u')
                .toLowerCase(Locale.ROOT)
                .replace("mcg", "ug");
    }

    /** Whether a value is positive for this measure, for a patient of this sex. */
    public boolean positive(double value, boolean male) {
        double limit = male && thresholdMale != null ? thresholdMale : threshold;
        return inclusive ? value >= limit : value > limit;
    }

    /** Loads the table; malformed rows are refused with file and line. */
    public static List<AlcoholMeasure> load(Path rulesDir) {
        List<AlcoholMeasure> measures = new ArrayList<>();
        for (CsvRow row : CsvRow.read(
                rulesDir.resolve(FILE),
                List.of(
                        "measure",
                        "value_set",
                        "kind",
                        "positive_when",
                        "threshold",
                        "threshold_male",
                        "unit",
                        "lookback_days"))) {
            String kind = row.required("kind");
            if (kind.equals("condition")) {
                measures.add(new AlcoholMeasure(
                        row.required("measure"), row.required("value_set"), true, true, 0, null, null, 0, Map.of()));
                continue;
            }
            if (!kind.equals("observation")) {
                throw row.error("kind must be observation or condition");
            }
            String operator = row.required("positive_when");
            if (!operator.equals(">=") && !operator.equals(">")) {
                throw row.error("positive_when must be >= or >");
            }
            Double lookback = number(row, "lookback_days");
            if (lookback == null || lookback < 1 || lookback != Math.rint(lookback)) {
                throw row.error("lookback_days must be a whole number of days, at least 1");
            }
            Double threshold = number(row, "threshold");
            if (threshold == null) {
                throw row.error("threshold is required");
            }
            measures.add(new AlcoholMeasure(
                    row.required("measure"),
                    row.required("value_set"),
                    false,
                    operator.equals(">="),
                    threshold,
                    number(row, "threshold_male"),
                    row.optional("unit"),
                    lookback.intValue(),
                    Map.of()));
        }
        return withConversions(measures, rulesDir.resolve(UNITS_FILE));
    }

    /**
     * The measures with the conversions of {@code alcohol-units.csv} (an absent file: none). A row
     * naming no measure of the table, a measure without a unit, its own unit, a unit twice or a
     * factor that is not a positive number is refused with file and line.
     */
    private static List<AlcoholMeasure> withConversions(List<AlcoholMeasure> measures, Path file) {
        if (!Files.exists(file)) {
            return List.copyOf(measures);
        }
        Map<String, Map<String, BigDecimal>> byMeasure = new LinkedHashMap<>();
        for (CsvRow row : CsvRow.read(file, List.of("measure", "unit", "factor", "source"))) {
            String name = row.required("measure");
            AlcoholMeasure measure = measures.stream()
                    .filter(m -> m.measure().equals(name))
                    .findFirst()
                    .orElseThrow(() -> row.error("measure " + name + " is not in " + FILE));
            if (measure.unit() == null) {
                throw row.error("measure " + name + " has no unit in " + FILE + ": nothing to convert to");
            }
            String key = unitKey(row.required("unit"));
            if (key.equals(unitKey(measure.unit()))) {
                throw row.error("unit " + row.required("unit") + " is the measure's own unit");
            }
            BigDecimal factor;
            try {
                factor = new BigDecimal(row.required("factor"));
            } catch (NumberFormatException e) {
                throw row.error("factor is not a number: " + row.required("factor"));
            }
            if (factor.signum() <= 0) {
                throw row.error("factor must be positive");
            }
            row.required("source");
            if (byMeasure.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(key, factor) != null) {
                throw row.error("unit " + row.required("unit") + " of " + name + " is listed twice");
            }
        }
        return measures.stream()
                .map(m -> new AlcoholMeasure(
                        m.measure(),
                        m.valueSet(),
                        m.condition(),
                        m.inclusive(),
                        m.threshold(),
                        m.thresholdMale(),
                        m.unit(),
                        m.lookbackDays(),
                        byMeasure.getOrDefault(m.measure(), Map.of())))
                .toList();
    }

    private static Double number(CsvRow row, String column) {
        String value = row.optional(column);
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new CsvFormatException(row.file() + ":" + row.line() + ": " + column + " is not a number: " + value);
        }
    }
}
