package org.tapercds.fhir;

/**
 * Canonical URLs of the ValueSets in {@code fhir-profiles/valuesets/} that Java reads by name (the
 * rules name theirs in DRL). The codes themselves live only in those files.
 */
public final class ValueSets {

    private static final String BASE = "http://taper-cds.org/fhir/ValueSet/";

    public static final String BENZODIAZEPINES_AND_Z_DRUGS = BASE + "benzodiazepines-and-z-drugs";
    public static final String CIWA_B_TOTAL = BASE + "ciwa-b-total";
    public static final String WITHDRAWAL_SIGNS_SEVERE = BASE + "withdrawal-signs-severe";
    public static final String WITHDRAWAL_SIGNS_OTHER = BASE + "withdrawal-signs-other";
    public static final String OVERRIDE_REASONS = BASE + "override-reasons";
    public static final String NALOXONE_SUGGESTION = BASE + "naloxone-suggestion";

    private ValueSets() {}
}
