package org.tapercds.facts;

import java.time.LocalDate;

/**
 * One result of an alcohol measure (rules/alcohol/alcohol-evidence.csv) or an alcohol use disorder
 * condition, judged against the measure's threshold and look-back.
 *
 * @param measure the measure's name as in the table
 * @param result the value as recorded (e.g. "5 {score}") or the condition's name
 * @param positive at or over the threshold (for the patient's sex where the table says so)
 * @param latest the most recent result of this measure (a later negative supersedes a positive)
 * @param withinLookback dated within the measure's look-back (conditions: active)
 */
public record AlcoholEvidence(
        String measure, String result, LocalDate date, boolean positive, boolean latest, boolean withinLookback) {

    /** Current evidence of alcohol use: the latest result of its measure, recent and positive. */
    public boolean current() {
        return positive && latest && withinLookback;
    }
}
