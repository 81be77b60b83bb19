package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FirstUseTests {

    private static final long MILLIS_50 = TimeUnit.MILLISECONDS.toNanos(50);

    @Test
    void isAReplayOnlyOnceTheStoreHasSaidSo() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        FirstUse pending = new FirstUse(answer);

        assertThat(pending.knownRefusal()).isNull();
        answer.complete(false);

        assertThat(pending.knownRefusal()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(pending.refusal()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(pending.await()).isFalse();
    }

    /** Refused, but not counted as a replay: an operator reading the metric must not see an attack. */
    @Test
    void refusesWhenTheCheckItselfFailedSayingSo() {
        FirstUse failed = new FirstUse(CompletableFuture.failedFuture(new IllegalStateException("a bug")));

        assertThat(failed.await()).isFalse();
        assertThat(failed.refusal()).isEqualTo(RefusalReason.REPLAY_CHECK_FAILED);
        assertThat(failed.knownRefusal()).isEqualTo(RefusalReason.REPLAY_CHECK_FAILED);
    }

    @Test
    void letsTheFirstUseThrough() {
        assertThat(FirstUse.known(true).await()).isTrue();
        assertThat(FirstUse.known(true).refusal()).isNull();
        assertThat(FirstUse.known(true).knownRefusal()).isNull();
        assertThat(FirstUse.known(false).knownRefusal()).isEqualTo(RefusalReason.REPLAYED);
    }

    @Test
    void answersWithTheStoresFallbackWhenTheWaitReachesTheDeadline() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        AtomicInteger fallbacks = new AtomicInteger();
        FirstUse pending = new FirstUse(answer, null, System.nanoTime() + MILLIS_50, () -> {
            fallbacks.incrementAndGet();
            answer.complete(true);
        });

        assertThat(pending.refusal()).isNull();
        assertThat(fallbacks).hasValue(1);
        assertThat(pending.refusal()).isNull(); // answered now: the fallback is not asked again
        assertThat(fallbacks).hasValue(1);
    }

    @Test
    void anAnswerWithinTheDeadlineIsTheStoresNotTheFallback() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        AtomicInteger fallbacks = new AtomicInteger();
        FirstUse pending = new FirstUse(answer, null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), () -> {
            fallbacks.incrementAndGet();
            answer.complete(true);
        });
        CompletableFuture.runAsync(
                () -> answer.complete(false), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        assertThat(pending.refusal()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(fallbacks).hasValue(0);
    }

    /** A fallback that gives no answer refuses the call: it is never let through on an unknown answer. */
    @Test
    void refusesWhenNoAnswerCameByTheDeadline() {
        FirstUse pending = new FirstUse(new CompletableFuture<>(), null, System.nanoTime() + MILLIS_50, () -> {});

        assertThat(pending.refusal()).isEqualTo(RefusalReason.REPLAY_CHECK_FAILED);
    }

    @Test
    void refusesWhenTheCheckFailsDuringTheWait() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        FirstUse pending = new FirstUse(answer, null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), () -> {});
        CompletableFuture.runAsync(
                () -> answer.completeExceptionally(new IllegalStateException("a bug")),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        assertThat(pending.refusal()).isEqualTo(RefusalReason.REPLAY_CHECK_FAILED);
    }

    /** An interrupt (a shutdown) does not turn the bounded wait into a refusal; it is passed on. */
    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsPassedOn() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        FirstUse pending = new FirstUse(answer, null, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), () -> {});
        CompletableFuture.runAsync(
                () -> answer.complete(true), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        Thread.currentThread().interrupt();
        RefusalReason refusal = pending.refusal();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(refusal).isNull();
    }
}
