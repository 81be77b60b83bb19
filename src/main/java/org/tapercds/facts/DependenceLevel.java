package org.tapercds.facts;

/** Likelihood of physical dependence (guideline Table 2). */
public enum DependenceLevel {
    NONE("not likely dependent"),
    LOWER_RISK("likely dependent, lower risk"),
    HIGH_RISK("likely dependent, high risk");

    private final String description;

    DependenceLevel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
