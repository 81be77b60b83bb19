package org.tapercds.security;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The replay store's answer for one accepted token: known at once (a replay to this replica, the
 * store in memory), or on its way (the insert into the database all replicas share runs beside the
 * call, ADR 0015). {@link EhrCaller#confirmFirstUse()} waits for it.
 */
final class FirstUse {

    static final FirstUse FIRST = new FirstUse(CompletableFuture.completedFuture(true));
    static final FirstUse REPLAY = new FirstUse(CompletableFuture.completedFuture(false));

    private final CompletableFuture<Boolean> answer;
    private final Timer waits;

    FirstUse(CompletableFuture<Boolean> answer) {
        this(answer, null);
    }

    /** @param waits times each {@link #await} of an answer not yet there (null: not timed) */
    FirstUse(CompletableFuture<Boolean> answer, Timer waits) {
        this.answer = answer;
        this.waits = waits;
    }

    static FirstUse known(boolean first) {
        return first ? FIRST : REPLAY;
    }

    /** Whether the store has already answered that the token was used before. */
    boolean knownReplay() {
        return answer.isDone() && !await();
    }

    /**
     * Waits for the answer.
     *
     * @return {@code true} on the token's first use; {@code false} on a replay, and when the check
     *     itself failed (a call is never let through on an unknown answer; the database being away
     *     is not a failure, the store answers from memory then)
     */
    boolean await() {
        if (waits != null && !answer.isDone()) {
            return waits.record(this::answer);
        }
        return answer();
    }

    private boolean answer() {
        try {
            return answer.join();
        } catch (CompletionException | CancellationException e) {
            return false;
        }
    }
}
