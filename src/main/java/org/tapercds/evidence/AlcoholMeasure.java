package org.tapercds.evidence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tapercds.system.CsvFormatException;
import org.tapercds.system.CsvRow;

/**
 * A row of {@code rules/alcohol/alcohol-evidence.csv}: a measure of alcohol use, the ValueSet of its
 * codes, when a result is positive and how far back it counts.
 */
public record AlcoholMeasure(
        String measure,
        String valueSet,
        boolean condition,
        boolean inclusive,
        double threshold,
        Double thresholdMale,
        String unit,
        int lookbackDays) {

    public static final String FILE = "alcohol/alcohol-evidence.csv";

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
                        row.required("measure"), row.required("value_set"), true, true, 0, null, null, 0));
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
                    lookback.intValue()));
        }
        return List.copyOf(measures);
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
