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

    private static final int MAX_ADMINISTRATIONS = 6;

    private static final double MAX_TARGET_MG = 1_000;

    /**
     * Computes the safer dose.
     *
     * @param targetMg the least mg/day of the drug the limit allows
     * @param strengthsMg the available tablet/capsule strengths of the drug (ascending)
     * @param administrations administrations per day of the draft (at least 1)
     */
    public static Optional<SaferDose> of(double targetMg, List<Double> strengthsMg, int administrations) {
        // Splits over more than a few administrations a day are not a tablet schedule a clinician
        // would accept (and the search grows quickly with them): no suggestion then.
        if (strengthsMg.isEmpty()
                || administrations < 1
                || administrations > MAX_ADMINISTRATIONS
                || !(targetMg > 0)
                || targetMg > MAX_TARGET_MG) {
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
        // One table of makeable amounts for every candidate total (at most twice the target).
        int limit = Math.max(start, 2 * target);
        boolean[] makeable = reachable(limit / unit, strengths, unit);
        for (int total = start; total <= limit; total += unit) {
            List<Integer> split = split(total, administrations, unit, makeable);
            if (split != null) {
                List<Double> doses = new ArrayList<>();
                split.forEach(d -> doses.add(d / (double) MICROGRAMS));
                return Optional.of(new SaferDose(total / (double) MICROGRAMS, doses));
            }
        }
        return Optional.empty();
    }

    /**
     * Splits a daily total over the administrations as evenly as the strengths allow (e.g. 6 mg twice
     * daily from 2/5/10 mg tablets: 4 + 2); null when no split into makeable doses exists.
     */
    private static List<Integer> split(int total, int administrations, int unit, boolean[] makeable) {
        int units = total / unit;
        int[] best = new int[administrations];
        int[] current = new int[administrations];
        int bestSpread = search(units, administrations, units, makeable, current, 0, Integer.MAX_VALUE, best);
        if (bestSpread == Integer.MAX_VALUE) {
            return null;
        }
        List<Integer> doses = new ArrayList<>();
        for (int dose : best) {
            doses.add(dose * unit);
        }
        return doses;
    }

    /**
     * Depth-first search over non-increasing shares (in units), keeping the split whose largest and
     * smallest share differ least; returns that difference (MAX_VALUE when none exists).
     */
    private static int search(
            int remaining,
            int parts,
            int ceiling,
            boolean[] makeable,
            int[] current,
            int depth,
            int bestSpread,
            int[] best) {
        if (parts == 0) {
            if (remaining != 0) {
                return bestSpread;
            }
            int spread = current[0] - current[depth - 1];
            if (spread < bestSpread) {
                System.arraycopy(current, 0, best, 0, depth);
                return spread;
            }
            return bestSpread;
        }
        // Every administration gets at least one tablet; the largest share is at least an even share
        // and no share exceeds the one before it.
        if (remaining < parts) {
            return bestSpread;
        }
        int lowest = (remaining + parts - 1) / parts;
        for (int share = Math.min(ceiling, remaining); share >= lowest; share--) {
            if (depth > 0 && current[0] - share >= bestSpread) {
                break; // smaller shares only widen the spread
            }
            if (!makeable[share]) {
                continue;
            }
            current[depth] = share;
            bestSpread = search(remaining - share, parts - 1, share, makeable, current, depth + 1, bestSpread, best);
            if (bestSpread == 0) {
                break;
            }
        }
        return bestSpread;
    }

    /** Which multiples of {@code unit} up to {@code units} are sums of whole tablets of the strengths. */
    static boolean[] reachable(int units, int[] strengths, int unit) {
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
        return reachable;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
