package org.tapercds.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The safer dose a taper card suggests (RULES §3): the smallest daily dose of the drafted drug that
 * keeps the total at or above (1 − max reduction) of the previous dose, made from the drug's
 * available strengths and split over the draft's administrations per day.
 *
 * @param mgPerDay the suggested daily dose of the drug
 * @param perAdministrationMg the dose of each administration (sums to {@code mgPerDay})
 */
public record SaferDose(double mgPerDay, List<Double> perAdministrationMg) {

    /** Doses are computed on a grid of 1/1000 mg to stay exact with strengths such as 0.125 mg. */
    private static final int MICROGRAMS = 1000;

    private static final int SEARCH_LIMIT = 10_000;

    /**
     * Computes the safer dose.
     *
     * @param targetMg the least mg/day of the drug the limit allows
     * @param strengthsMg the available tablet/capsule strengths of the drug (ascending)
     * @param administrations administrations per day of the draft (at least 1)
     */
    public static Optional<SaferDose> of(double targetMg, List<Double> strengthsMg, int administrations) {
        if (strengthsMg.isEmpty() || administrations < 1 || !(targetMg > 0)) {
            return Optional.empty();
        }
        int[] strengths = strengthsMg.stream()
                .mapToInt(s -> (int) Math.round(s * MICROGRAMS))
                .toArray();
        int unit = strengths[0];
        for (int s : strengths) {
            unit = gcd(unit, s);
        }
        int target = (int) Math.ceil(targetMg * MICROGRAMS - 1e-6);
        int start = ((target + unit - 1) / unit) * unit;
        for (int total = start, tries = 0; tries < SEARCH_LIMIT; total += unit, tries++) {
            List<Integer> split = split(total, administrations, unit, strengths);
            if (split != null) {
                List<Double> doses = new ArrayList<>();
                split.forEach(d -> doses.add(d / (double) MICROGRAMS));
                return Optional.of(new SaferDose(total / (double) MICROGRAMS, doses));
            }
        }
        return Optional.empty();
    }

    /** Splits a daily total as evenly as the strengths allow; null when some share cannot be made. */
    private static List<Integer> split(int total, int administrations, int unit, int[] strengths) {
        int units = total / unit;
        int base = units / administrations;
        int extra = units % administrations;
        List<Integer> doses = new ArrayList<>();
        for (int i = 0; i < administrations; i++) {
            int dose = (base + (i < extra ? 1 : 0)) * unit;
            if (dose == 0 || !makeable(dose / unit, strengths, unit)) {
                return null;
            }
            doses.add(dose);
        }
        return doses;
    }

    /** Whether {@code units} × {@code unit} is a sum of whole tablets of the available strengths. */
    static boolean makeable(int units, int[] strengths, int unit) {
        boolean[] reachable = new boolean[units + 1];
        reachable[0] = true;
        for (int amount = 1; amount <= units; amount++) {
            for (int strength : strengths) {
                int s = strength / unit;
                if (s <= amount && reachable[amount - s]) {
                    reachable[amount] = true;
                    break;
                }
            }
        }
        return reachable[units];
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
