package org.tapercds.hooks;

/**
 * The rounds of a warm-up, and whether they have settled: {@code settleRounds} rounds in a row not
 * 5 % faster than the fastest before them (0: never settled, the budget decides).
 */
final class WarmUpRounds {

    private static final double FASTER = 0.95;

    private final int settleRounds;
    private int count;
    private int calls;
    private int stale;
    private long best = Long.MAX_VALUE;
    private long first = -1;
    private long last = -1;

    WarmUpRounds(int settleRounds) {
        this.settleRounds = settleRounds;
    }

    void done(int callsInRound, long nanos) {
        count++;
        calls += callsInRound;
        if (first < 0) {
            first = nanos;
        }
        last = nanos;
        stale = nanos < best * FASTER ? 0 : stale + 1;
        best = Math.min(best, nanos);
    }

    /** Calls of a round the budget cut short: counted, but not timed as a round. */
    void cutShort(int callsInRound) {
        calls += callsInRound;
    }

    boolean settled() {
        return settleRounds > 0 && stale >= settleRounds;
    }

    int count() {
        return count;
    }

    int calls() {
        return calls;
    }

    long firstMillis() {
        return first < 0 ? 0 : first / 1_000_000;
    }

    long lastMillis() {
        return last < 0 ? 0 : last / 1_000_000;
    }
}
