package org.tapercds.security;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private final long deadline;
    private final Runnable late;

    FirstUse(CompletableFuture<Boolean> answer) {
        this(answer, null, 0, null);
    }

    /**
     * @param waits times each {@link #await} of an answer not yet there (null: not timed)
     * @param deadline the {@link System#nanoTime()} up to which a call waits for the answer
     * @param late run when a call's wait reaches the deadline: completes {@code answer} with the
     *     store's fallback unless the answer came meanwhile (null: no deadline)
     */
    FirstUse(CompletableFuture<Boolean> answer, Timer waits, long deadline, Runnable late) {
        this.answer = answer;
        this.waits = waits;
        this.deadline = deadline;
        this.late = late;
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
        if (late != null) {
            awaitUntilDeadline();
            if (!answer.isDone()) {
                return RefusalReason.REPLAY_CHECK_FAILED; // the fallback gave no answer
            }
        }
        try {
            return answer.join() ? null : RefusalReason.REPLAYED;
        } catch (CompletionException | CancellationException e) {
            return RefusalReason.REPLAY_CHECK_FAILED;
        }
    }

    /**
     * Until the answer comes or the deadline passes, when the store's fallback answers. An interrupt
     * does not cut the bounded wait short (a refusal would blame the token); it is passed on.
     */
    private void awaitUntilDeadline() {
        boolean interrupted = false;
        while (!answer.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                late.run();
                break;
            }
            try {
                answer.get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException | ExecutionException | CancellationException e) {
                // answered (decided by the caller) or past the deadline (the loop's next turn)
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
