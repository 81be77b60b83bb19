package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

class EvaluationGateTests {

    private static final String EHR = "https://ehr.example.org";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private EvaluationGate gate(int concurrency, Duration maxWait) {
        return new EvaluationGate(new EvaluationProperties(concurrency, maxWait, null), registry);
    }

    @Test
    void neverRunsMoreThanItsConcurrencyAtOnce() throws Exception {
        EvaluationGate gate = gate(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoIn = new CountDownLatch(2);
        Future<?>[] calls = new Future<?>[4];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = pool.submit(() -> gate.run(EHR, () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                twoIn.countDown();
                await(release);
                running.decrementAndGet();
                return null;
            }));
        }
        assertThat(twoIn.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // the other two, were they let in, would be in by now
        assertThat(running.get()).isEqualTo(2);

        release.countDown();
        for (Future<?> call : calls) {
            call.get(5, TimeUnit.SECONDS);
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(registry.get(EvaluationGate.WORK).timer().count()).isEqualTo(4);
        assertThat(registry.get(EvaluationGate.WAIT).timer().count()).isEqualTo(4);
    }

    @Test
    void refusesWithOverloadedWhenNoSlotFreesInTime() throws Exception {
        EvaluationGate gate = gate(1, Duration.ofMillis(50));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> gate.run(EHR, () -> {
                    inside.countDown();
                    await(release);
                    return "first";
                }),
                pool);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> gate.run(EHR, () -> "second")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e.code().status().value()).isEqualTo(503);
        });

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(gate.run(EHR, () -> "third")).isEqualTo("third"); // the slot came back
    }

    @Test
    void largeCallsLeaveOneSlotForOrdinaryCalls() throws Exception {
        EvaluationGate gate = gate(2, Duration.ofMillis(100));
        long large = 10L * 1024 * 1024;
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> gate.run(EHR, large, () -> new byte[0], body -> {
                    inside.countDown();
                    await(release);
                    return "large";
                }),
                pool);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        // A second large call does not get the free slot; an ordinary call does.
        assertThatThrownBy(() -> gate.run(EHR, large, () -> new byte[0], body -> "second large"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED));
        String ordinary = gate.run(EHR, 1_000, () -> new byte[1_000], body -> "ordinary");
        assertThat(ordinary).isEqualTo("ordinary");

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("large");
        // The share came back (a chunked body, known to be large once read, takes it too).
        String again = gate.run(EHR, -1, () -> new byte[(int) large], body -> "large again");
        assertThat(again).isEqualTo("large again");
    }

    @Test
    void freesTheSlotWhenTheWorkFails() {
        EvaluationGate gate = gate(1, Duration.ofMillis(50));

        assertThatThrownBy(() -> gate.run(EHR, () -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(gate.run(EHR, () -> "next")).isEqualTo("next");
    }

    @Test
    void givesTheSlotUpWhileACallWaitsOnBlockingIo() throws Exception {
        EvaluationGate gate = gate(1, Duration.ofSeconds(5));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch fetched = new CountDownLatch(1);
        CompletableFuture<String> fetchingCall = CompletableFuture.supplyAsync(
                () -> gate.run(
                        EHR,
                        () -> gate.outside(() -> {
                            fetching.countDown();
                            await(fetched);
                            return "fetched";
                        })),
                pool);
        assertThat(fetching.await(5, TimeUnit.SECONDS)).isTrue();

        // The only slot is free while the first call waits on its fetch.
        assertThat(CompletableFuture.supplyAsync(() -> gate.run(EHR, () -> "other"), pool)
                        .get(1, TimeUnit.SECONDS))
                .isEqualTo("other");

        fetched.countDown();
        assertThat(fetchingCall.get(5, TimeUnit.SECONDS)).isEqualTo("fetched");
        assertThat(gate.run(EHR, () -> "after")).isEqualTo("after"); // released once, not twice or never
        assertThat(gate.run(EHR, () -> "again")).isEqualTo("again");
    }

    @Test
    void aCallBackFromItsFetchWaitsForASlotAndIsRefusedWhenNoneFrees() throws Exception {
        EvaluationGate gate = gate(1, Duration.ofMillis(100));
        CountDownLatch otherIn = new CountDownLatch(1);
        CountDownLatch releaseOther = new CountDownLatch(1);
        CompletableFuture<String> fetchingCall = CompletableFuture.supplyAsync(
                () -> gate.run(
                        EHR,
                        () -> gate.outside(() -> {
                            // Another call takes the slot while this one fetches, and keeps it.
                            CompletableFuture.runAsync(
                                    () -> gate.run(EHR, () -> {
                                        otherIn.countDown();
                                        await(releaseOther);
                                        return null;
                                    }),
                                    pool);
                            await(otherIn);
                            return "fetched";
                        })),
                pool);

        assertThatThrownBy(() -> fetchingCall.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ApiException.class)
                .cause()
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.OVERLOADED));

        releaseOther.countDown();
        assertThat(gate.run(EHR, () -> "next")).isEqualTo("next"); // the refused call released nothing it did not hold
        assertThat(gate.run(EHR, () -> "again")).isEqualTo("again");
    }

    @Test
    void outsideAGateRunBlockingIoJustRuns() {
        EvaluationGate gate = gate(1, Duration.ofMillis(50));

        assertThat(gate.outside(() -> "io")).isEqualTo("io");
        assertThat(gate.run(EHR, () -> "next")).isEqualTo("next");
    }

    @Test
    void defaultsToOneSlotPerCoreAndATwoSecondWait() {
        EvaluationProperties defaults = new EvaluationProperties(null, null, null);

        assertThat(defaults.concurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.maxWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(new EvaluationProperties(0, null, null).concurrency())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> new EvaluationProperties(-1, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationProperties(2, Duration.ofSeconds(-1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
