package org.tapercds.facts;

/**
 * A benzodiazepine order whose daily dose could not be computed; never guessed (RULES §1).
 *
 * @param orderId the MedicationRequest id
 * @param medication the medication's display text
 * @param reason what is missing, in words a clinician can act on
 * @param drafted the order is one of the drafts being signed
 * @param inScope whether this hook should report it (a draft, or an order that the checks needed)
 */
public record UnassessableDose(String orderId, String medication, String reason, boolean drafted, boolean inScope) {}
