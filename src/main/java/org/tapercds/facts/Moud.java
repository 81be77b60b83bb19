package org.tapercds.facts;

/**
 * Concluded by the rules in {@code rules/opioid/}: an opioid order is treatment of opioid use
 * disorder (MOUD), so cards never advise reducing or stopping it (guideline Rec 21).
 *
 * @param order the opioid order
 * @param basis why: the product is made for OUD treatment, or methadone with an OUD diagnosis or
 *     reason on record
 */
public record Moud(MedicationFact order, String basis) {}
