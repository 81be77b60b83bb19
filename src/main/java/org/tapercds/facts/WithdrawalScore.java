package org.tapercds.facts;

import java.time.LocalDate;

/**
 * A withdrawal score (CIWA-B total, 0–80) with its band (bands from rules/settings.properties).
 *
 * @param ageDays days before today
 */
public record WithdrawalScore(String instrument, double value, LocalDate date, int ageDays, CiwaBand band) {}
