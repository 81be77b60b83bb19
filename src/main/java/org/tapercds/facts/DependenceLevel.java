package org.tapercds.facts;

/** Likelihood of physical dependence (guideline Table 2), concluded by the dependence rules. */
public enum DependenceLevel {
    NONE,
    LOWER_RISK,
    HIGH_RISK
}
