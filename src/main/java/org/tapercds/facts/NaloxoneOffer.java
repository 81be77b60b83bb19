package org.tapercds.facts;

/** Raised when opioids and a benzodiazepine are used together and no naloxone order is active. */
public record NaloxoneOffer() {}
