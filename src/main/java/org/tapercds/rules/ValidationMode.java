package org.tapercds.rules;

/**
 * What the service does with a benzodiazepine order or withdrawal score that does not conform to
 * its profile in {@code fhir-profiles/profiles/} ({@code taper.validation.mode}).
 */
public enum ValidationMode {
    /** No profile validation (the default: it costs milliseconds per resource on the hot path). */
    OFF,
    /** Validate and log the number of issues per resource; evaluate anyway. */
    WARN,
    /** Refuse the call with 400 {@code profile-violation} naming each issue. */
    ENFORCE
}
