package org.tapercds.facts;

import java.time.LocalDate;

/**
 * A withdrawal sign (from an Observation's code or value, or a Condition), classified by the
 * withdrawal-signs ValueSets.
 *
 * @param severe seizure, delirium, hallucinations/psychosis (withdrawal-signs-severe)
 * @param firstRecorded the first date this sign was recorded
 * @param ageDays days between its latest record and today
 * @param afterLastReduction first recorded after the last dose reduction
 */
public record WithdrawalSign(
        String code, String sign, boolean severe, LocalDate firstRecorded, int ageDays, boolean afterLastReduction) {}
