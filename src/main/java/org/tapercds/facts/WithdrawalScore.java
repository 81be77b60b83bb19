package org.tapercds.facts;

import java.time.LocalDate;

/**
 * A withdrawal score (CIWA-B total, 0–80) with its band: 1 mild, 2 moderate, 3 severe, 4 very severe
 * (bands from rules/settings.properties).
 *
 * @param ageDays days before today
 */
public record WithdrawalScore(String instrument, double value, LocalDate date, int ageDays, int band) {

    public static String bandName(int band) {
        return switch (band) {
            case 1 -> "mild";
            case 2 -> "moderate";
            case 3 -> "severe";
            default -> "very severe";
        };
    }
}
