package org.tapercds.rules;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tapercds.facts.TaperSettings;

/**
 * Reads {@code rules/settings.properties}, the one place each threshold lives: as the typed
 * {@link TaperSettings} the timeline and the rules use, and as {@link SettingValues} for the card
 * templates, rule headers and citations, so that wording shows the live value.
 */
public final class SettingsFile {

    public static final String FILE_NAME = "settings.properties";

    private SettingsFile() {}

    /** Both views of the file. */
    public record Settings(TaperSettings thresholds, Map<String, Object> values) {}

    public static TaperSettings read(Path rulesDir) {
        return load(rulesDir).thresholds();
    }

    public static Settings load(Path rulesDir) {
        Path file = rulesDir.resolve(FILE_NAME);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new RuleBaseException(FILE_NAME + ": cannot be read (" + e.getMessage() + ")");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleBaseException(FILE_NAME + ": cannot be read (" + e.getMessage() + ")");
        }
        return new Settings(thresholds(new Values(properties, lines)), SettingValues.of(FILE_NAME, properties));
    }

    private static TaperSettings thresholds(Values values) {
        TaperSettings settings = new TaperSettings(
                values.positiveInt("taper.window-days"),
                values.percent("taper.max-reduction-percent"),
                values.percent("taper.critical-reduction-percent"),
                values.nonNegative("taper.tail-allowance-mg-de"),
                values.positiveInt("dependence.lower-risk-days"),
                values.positiveInt("dependence.high-risk-days"),
                values.nonNegative("dependence.high-risk-peak-mg-de"),
                (int) values.nonNegative("dependence.exposure-gap-days"),
                values.positiveInt("withdrawal.ciwa-b.mild-max"),
                values.positiveInt("withdrawal.ciwa-b.moderate-max"),
                values.positiveInt("withdrawal.ciwa-b.severe-max"),
                values.positiveInt("withdrawal.severe-sign-days"),
                values.positiveInt("withdrawal.very-severe-score-days"),
                values.positiveInt("withdrawal.window-days"),
                values.positiveInt("withdrawal.min-scores"),
                values.nonNegative("withdrawal.score-rise"),
                values.positiveInt("withdrawal.min-new-signs"),
                values.positiveInt("cards.max-table-rows"),
                values.percent("plan.step-percent"),
                values.positiveInt("plan.step-days"),
                values.positiveInt("plan.horizon-days"));
        if (!(settings.ciwaMildMax() < settings.ciwaModerateMax()
                && settings.ciwaModerateMax() < settings.ciwaSevereMax()
                && settings.ciwaSevereMax() < 80)) {
            throw new RuleBaseException(values.at("withdrawal.ciwa-b.mild-max")
                    + "the CIWA-B bands must rise: mild-max < moderate-max < severe-max < 80");
        }
        if (settings.highRiskExposureDays() < settings.lowerRiskExposureDays()) {
            throw new RuleBaseException(values.at("dependence.high-risk-days")
                    + "dependence.high-risk-days must not be below dependence.lower-risk-days");
        }
        if (settings.criticalReductionFraction() < settings.maxReductionFraction()) {
            throw new RuleBaseException(values.at("taper.critical-reduction-percent")
                    + "taper.critical-reduction-percent must not be below taper.max-reduction-percent");
        }
        return settings;
    }

    /**
     * The settings with the lines they are written on: {@link Properties} forgets them, so a key's
     * line is found again in the file's text (its last definition, which is the one that counts).
     */
    private record Values(Properties properties, List<String> lines) {

        /** {@code settings.properties:line:column: } of the key's value, or of the file when absent. */
        String at(String key) {
            Pattern definition = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:\\s]\\s*");
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher matcher = definition.matcher(lines.get(i));
                if (matcher.find()) {
                    return FILE_NAME + ":" + (i + 1) + ":" + (matcher.end() + 1) + ": ";
                }
            }
            return FILE_NAME + ": ";
        }

        String raw(String key) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new RuleBaseException(at(key) + "missing setting " + key + " (write it as " + key + "=<value>)");
            }
            return value.trim();
        }

        double number(String key) {
            try {
                return Double.parseDouble(raw(key));
            } catch (NumberFormatException e) {
                throw new RuleBaseException(at(key) + key + " is not a number: " + raw(key));
            }
        }

        double nonNegative(String key) {
            double value = number(key);
            if (value < 0) {
                throw new RuleBaseException(at(key) + key + " must not be negative (is " + raw(key) + ")");
            }
            return value;
        }

        int positiveInt(String key) {
            double value = number(key);
            if (value < 1 || value != Math.rint(value)) {
                throw new RuleBaseException(
                        at(key) + key + " must be a whole number, at least 1 (is " + raw(key) + ")");
            }
            return (int) value;
        }

        double percent(String key) {
            double value = number(key);
            if (value <= 0 || value >= 100) {
                throw new RuleBaseException(at(key) + key + " must be between 0 and 100 (is " + raw(key) + ")");
            }
            return value / 100.0;
        }
    }
}
