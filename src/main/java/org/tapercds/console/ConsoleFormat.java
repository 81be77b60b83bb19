package org.tapercds.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times and rates (in the console's zone), called from the templates as {@code fmt}. */
record ConsoleFormat(ZoneId zone) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    public String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100.0);
    }

    public String mg(double value) {
        return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f mg" : "%.1f mg", value);
    }

    /** A number without a needless ".0" (25.0 → 25, 12.5 → 12.5). */
    public String number(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%s", value);
    }

    /** The category's code as words ({@code taper-rate-exceeded} → {@code taper rate exceeded}). */
    public String words(String code) {
        return code == null ? "" : code.replace('-', ' ');
    }
}
