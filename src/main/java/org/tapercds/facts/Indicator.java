package org.tapercds.facts;

/** CDS Hooks card indicator, ordered by severity (lowest first). */
public enum Indicator {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String wireName;

    Indicator(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isMoreSevereThan(Indicator other) {
        return compareTo(other) > 0;
    }
}
