package org.tapercds.evaluation.cards;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting for card text: no trailing zeros, no scientific notation. */
final class Format {

    private Format() {}

    /** A dose in mg: up to three decimals (0.125), trailing zeros removed. */
    static String mg(double mg) {
        return BigDecimal.valueOf(mg)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A fraction as a percentage: whole numbers as such (25), others with one decimal (33.3). */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100)
                .setScale(1, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Shortens a summary to the CDS Hooks limit of 140 characters. */
    static String summary(String text) {
        return text.length() < 140 ? text : text.substring(0, 136) + "...";
    }
}
