package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

/** The evaluation slots shared between callers (ADR 0013), through the gate's public methods. */
class EvaluationGateFairShareTests {

    private static final String A = "https://ehr-a.example.org";
    private static final String B = "https://ehr-b.example.org";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** The calls in the order they got a slot. */
    private final List<String> admitted = new ArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private EvaluationGate gate(int concurrency, Duration maxWait) {
        return new EvaluationGate(new EvaluationProperties(concurrency, maxWait, null), registry);
    }

    /** A call of {@code caller} that notes it got a slot, then holds it until {@code hold} opens. */
    private Future<String> call(EvaluationGate gate, String caller, String name, CountDownLatch hold) {
        return pool.submit(() -> gate.run(caller, () -> {
            synchronized (admitted) {
                admitted.add(name);
            }
            await(hold);
            return name;
        }));
    }

    @Test
    void aCallerHoldingEverySlotWaitsBehindAnotherCallerForTheNextOne() throws Exception {
        EvaluationGate gate = gate(2, Duration.ofSeconds(10));
        CountDownLatch firstA = new CountDownLatch(1);
        CountDownLatch secondA = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        calls.add(call(gate, A, "A1", firstA));
        calls.add(call(gate, A, "A2", secondA));
        waitUntil(() -> admittedCount(), 2);
        for (int i = 3; i <= 7; i++) {
            calls.add(call(gate, A, "A" + i, open()));
            waitUntil(gate::waitingCalls, i - 2);
        }
        calls.add(call(gate, B, "B1", open()));
        waitUntil(gate::waitingCalls, 6);

        firstA.countDown(); // one slot frees; A2 keeps the other
        waitUntil(() -> admittedCount(), 8);

        assertThat(admitted.subList(2, 8)).containsExactly("B1", "A3", "A4", "A5", "A6", "A7");
        secondA.countDown();
        for (Future<String> call : calls) {
            call.get(5, TimeUnit.SECONDS);
        }
        assertThat(gate.freeSlots()).isEqualTo(2);
    }

    @Test
    void oneCallerAloneIsServedInArrivalOrder() throws Exception {
        EvaluationGate gate = gate(1, Duration.ofSeconds(10));
        String only = CdsServicesController.UNAUTHENTICATED;
        CountDownLatch first = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        calls.add(call(gate, only, "1", first));
        waitUntil(() -> admittedCount(), 1);
        for (int i = 2; i <= 6; i++) {
            calls.add(call(gate, only, String.valueOf(i), open()));
            waitUntil(gate::waitingCalls, i - 1);
        }

        first.countDown();
        for (Future<String> call : calls) {
            call.get(5, TimeUnit.SECONDS);
        }

        assertThat(admitted).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(gate.freeSlots()).isEqualTo(1);
    }

    @Test
    void oneCallerAloneMayUseEverySlot() throws Exception {
        EvaluationGate gate = gate(3, Duration.ofMillis(50));
        CountDownLatch hold = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            calls.add(call(gate, A, "A" + i, hold));
        }

        waitUntil(() -> admittedCount(), 3); // none had to wait: max-wait is 50 ms, the wait 5 s
        assertThat(gate.slotsHeldBy(A)).isEqualTo(3);
        hold.countDown();
        for (Future<String> call : calls) {
            assertThat(call.get(5, TimeUnit.SECONDS)).startsWith("A");
        }
        assertThat(gate.freeSlots()).isEqualTo(3);
    }

    @Test
    void aCallThatWaitsTooLongLeavesTheQueueWith503AndLeaksNoSlot() throws Exception {
        EvaluationGate gate = gate(1, Duration.ofMillis(100));
        CountDownLatch hold = new CountDownLatch(1);
        Future<String> holding = call(gate, A, "A1", hold);
        waitUntil(() -> admittedCount(), 1);

        assertThatThrownBy(() -> gate.run(B, () -> "B1")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(e.code().status().value()).isEqualTo(503);
        });
        assertThat(gate.waitingCalls()).isZero();
        assertThat(gate.slotsHeldBy(B)).isZero();

        hold.countDown();
        holding.get(5, TimeUnit.SECONDS);
        assertThat(gate.freeSlots()).isEqualTo(1);
        assertThat(gate.run(B, () -> "B2")).isEqualTo("B2");
        assertThat(gate.freeSlots()).isEqualTo(1);
    }

    @Test
    void aCallFetchingOutsideItsSlotDoesNotCountAgainstItsCaller() throws Exception {
        EvaluationGate gate = gate(2, Duration.ofSeconds(10));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch fetched = new CountDownLatch(1);
        Future<String> fetchingCall = pool.submit(() -> gate.run(A, () -> {
            String result = gate.outside(() -> {
                fetching.countDown();
                await(fetched);
                return "A1";
            });
            synchronized (admitted) {
                admitted.add("A1 back");
            }
            return result;
        }));
        assertThat(fetching.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.slotsHeldBy(A)).isZero();
        assertThat(gate.freeSlots()).isEqualTo(2);

        CountDownLatch firstB = new CountDownLatch(1);
        CountDownLatch secondB = new CountDownLatch(1);
        Future<String> b1 = call(gate, B, "B1", firstB);
        Future<String> b2 = call(gate, B, "B2", secondB);
        waitUntil(() -> admittedCount(), 2);
        Future<String> b3 = call(gate, B, "B3", open());
        waitUntil(gate::waitingCalls, 1);
        CountDownLatch holdA2 = new CountDownLatch(1);
        Future<String> a2 = call(gate, A, "A2", holdA2);
        waitUntil(gate::waitingCalls, 2);

        // B then holds one slot and A none (its fetching call gave its slot up): A2 goes first.
        firstB.countDown();
        b1.get(5, TimeUnit.SECONDS);
        waitUntil(() -> admittedCount(), 3);
        assertThat(admitted.get(2)).isEqualTo("A2");

        fetched.countDown(); // A1 comes back and waits for a slot again, as B3 does
        waitUntil(gate::waitingCalls, 2);
        holdA2.countDown(); // A then holds none, B one: A1 goes before B3, which waited longer
        a2.get(5, TimeUnit.SECONDS);
        assertThat(fetchingCall.get(5, TimeUnit.SECONDS)).isEqualTo("A1");
        secondB.countDown();
        b2.get(5, TimeUnit.SECONDS);
        b3.get(5, TimeUnit.SECONDS);

        assertThat(admitted.subList(2, 5)).containsExactly("A2", "A1 back", "B3");
        assertThat(gate.freeSlots()).isEqualTo(2);
        assertThat(gate.slotsHeldBy(A)).isZero();
        assertThat(gate.slotsHeldBy(B)).isZero();
    }

    @Test
    void underLoadFromSeveralCallersNoCallIsLostAndEverySlotComesBack() throws Exception {
        int slots = 3;
        EvaluationGate gate = gate(slots, Duration.ofSeconds(20));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        List<Future<?>> calls = new ArrayList<>();
        Random random = new Random(13);
        try {
            for (int i = 0; i < 1_200; i++) {
                String caller = "https://ehr-" + random.nextInt(5) + ".example.org";
                long holdNanos = random.nextInt(300_000);
                boolean fetches = random.nextInt(10) == 0;
                long declared = random.nextInt(8) == 0 ? 1_000_000 : 1_000;
                calls.add(threads.submit(() -> gate.run(caller, declared, () -> new byte[0], body -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    LockSupport.parkNanos(holdNanos);
                    if (fetches) {
                        inside.decrementAndGet();
                        gate.outside(() -> {
                            LockSupport.parkNanos(holdNanos);
                            return null;
                        });
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    }
                    inside.decrementAndGet();
                    return done.incrementAndGet();
                })));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(done.get()).isEqualTo(1_200);
        assertThat(most.get()).isLessThanOrEqualTo(slots);
        assertThat(gate.freeSlots()).isEqualTo(slots);
        assertThat(gate.waitingCalls()).isZero();
        // Every large call gave its share back too: two large calls fit at once again.
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch bothIn = new CountDownLatch(2);
        List<Future<String>> large = new ArrayList<>();
        for (String caller : List.of(A, B)) {
            large.add(pool.submit(() -> gate.run(caller, 1_000_000, () -> new byte[0], body -> {
                bothIn.countDown();
                await(hold);
                return caller;
            })));
        }
        assertThat(bothIn.await(5, TimeUnit.SECONDS)).isTrue();
        hold.countDown();
        for (Future<String> call : large) {
            call.get(5, TimeUnit.SECONDS);
        }
    }

    private int admittedCount() {
        synchronized (admitted) {
            return admitted.size();
        }
    }

    private static CountDownLatch open() {
        return new CountDownLatch(0);
    }

    /** Waits (up to 5 s) until {@code value} reaches {@code expected}. */
    static void waitUntil(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " but was " + value.getAsInt());
            }
            Thread.sleep(1);
        }
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
