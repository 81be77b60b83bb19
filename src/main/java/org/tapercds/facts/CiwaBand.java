package org.tapercds.facts;

/**
 * The severity band of a CIWA-B total (0–80), from the upper bounds in {@code
 * rules/settings.properties} ({@code withdrawal.ciwa-b.*-max}); in order of severity.
 */
public enum CiwaBand {
    MILD("mild"),
    MODERATE("moderate"),
    SEVERE("severe"),
    VERY_SEVERE("very severe");

    private final String label;

    CiwaBand(String label) {
        this.label = label;
    }

    /** The band's name as cards print it. */
    public String label() {
        return label;
    }

    public boolean higherThan(CiwaBand other) {
        return other != null && compareTo(other) > 0;
    }
}
