package org.tapercds.fhir;

/** The prefetch keys every service declares and needs, in discovery order. */
public enum PrefetchKey {
    PATIENT("patient"),
    MEDICATIONS("medications"),
    OBSERVATIONS("observations"),
    CONDITIONS("conditions");

    private final String key;

    PrefetchKey(String key) {
        this.key = key;
    }

    /** The key as it appears in discovery and in {@code prefetch}. */
    public String key() {
        return key;
    }

    /** The path used in error expressions: {@code prefetch.<key>}. */
    public String path() {
        return "prefetch." + key;
    }
}
