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

    /**
     * The store's refusal if it has already answered: {@code null} while it has not, or on the
     * token's first use.
     */
    RefusalReason knownRefusal() {
        return answer.isDone() ? refusal() : null;
    }

    /** Waits for the answer: whether this is the token's first use (see {@link #refusal()}). */
    boolean await() {
        return refusal() == null;
    }

    /**
     * Waits for the answer.
     *
     * @return {@code null} on the token's first use; {@link RefusalReason#REPLAYED} on a replay;
     *     {@link RefusalReason#REPLAY_CHECK_FAILED} when the check itself failed (a call is never let
     *     through on an unknown answer; the database being away is not a failure, the store
     *     answers from memory then)
     */
    RefusalReason refusal() {
        if (waits != null && !answer.isDone()) {
            return waits.record(this::decide);
        }
        return decide();
    }

    private RefusalReason decide() {
        try {
            return answer.join() ? null : RefusalReason.REPLAYED;
        } catch (CompletionException | CancellationException e) {
            return RefusalReason.REPLAY_CHECK_FAILED;
        }
    }
}
