package org.tapercds.rules;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
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
            throw new RuleBaseException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return new Settings(thresholds(file, properties), SettingValues.of(FILE_NAME, properties));
    }

    private static TaperSettings thresholds(Path file, Properties properties) {
        Values values = new Values(file, properties);
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
            throw new RuleBaseException(
                    file + ": the CIWA-B bands must rise: mild-max < moderate-max < severe-max < 80");
        }
        if (settings.highRiskExposureDays() < settings.lowerRiskExposureDays()) {
            throw new RuleBaseException(
                    file + ": dependence.high-risk-days must not be below dependence.lower-risk-days");
        }
        if (settings.criticalReductionFraction() < settings.maxReductionFraction()) {
            throw new RuleBaseException(
                    file + ": taper.critical-reduction-percent must not be below taper.max-reduction-percent");
        }
        return settings;
    }

    private record Values(Path file, Properties properties) {

        String raw(String key) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new RuleBaseException(file + ": missing setting " + key);
            }
            return value.trim();
        }

        double number(String key) {
            try {
                return Double.parseDouble(raw(key));
            } catch (NumberFormatException e) {
                throw new RuleBaseException(file + ": " + key + " is not a number: " + raw(key));
            }
        }

        double nonNegative(String key) {
            double value = number(key);
            if (value < 0) {
                throw new RuleBaseException(file + ": " + key + " must not be negative");
            }
            return value;
        }

        int positiveInt(String key) {
            double value = number(key);
            if (value < 1 || value != Math.rint(value)) {
                throw new RuleBaseException(file + ": " + key + " must be a whole number, at least 1");
            }
            return (int) value;
        }

        double percent(String key) {
            double value = number(key);
            if (value <= 0 || value >= 100) {
                throw new RuleBaseException(file + ": " + key + " must be between 0 and 100");
            }
            return value / 100.0;
        }
    }
}
