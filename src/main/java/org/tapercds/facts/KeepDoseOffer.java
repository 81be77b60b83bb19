package org.tapercds.facts;

/**
 * Raised when withdrawal was found and a draft order reduces the dose further: the withdrawal card
 * suggests keeping the current dose instead (an update of the draft).
 */
public record KeepDoseOffer() {}
