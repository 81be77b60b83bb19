package org.tapercds.facts;

import java.time.LocalDate;

/**
 * The latest continuous exposure up to today: the run of days with a scheduled (or unknown)
 * benzodiazepine dose that ends last on or before today, gaps of up to {@code
 * dependence.exposure-gap-days} bridged. The rules in {@code rules/dependence/} classify it.
 *
 * @param start its first day (null when there was no exposure)
 * @param days its length in days, gaps included (0 when there was none)
 * @param peakMgDe the highest daily diazepam-equivalent dose in it
 */
public record Exposure(LocalDate start, int days, double peakMgDe) {

    public static final Exposure NONE = new Exposure(null, 0, 0.0);
}
