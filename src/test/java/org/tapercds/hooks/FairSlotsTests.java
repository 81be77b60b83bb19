package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapercds.hooks.EvaluationGateFairShareTests.waitUntil;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FairSlotsTests {

    private static final long LONG = TimeUnit.SECONDS.toNanos(10);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** The waiting calls in the order they got a slot. */
    private final List<String> granted = new ArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A call that waits for a slot, notes it got one and keeps it. */
    private Future<Boolean> waitFor(FairSlots slots, String caller, String name, long waitNanos) {
        return pool.submit(() -> {
            boolean got = slots.acquire(caller, waitNanos);
            if (got) {
                synchronized (granted) {
                    granted.add(name);
                }
            }
            return got;
        });
    }

    @Test
    void aFreedSlotGoesToTheWaitingCallerHoldingFewestThenToTheOneWaitingLongest() throws Exception {
        FairSlots slots = new FairSlots(3);
        assertThat(slots.acquire("a", 0)).isTrue();
        assertThat(slots.acquire("a", 0)).isTrue();
        assertThat(slots.acquire("b", 0)).isTrue();
        List<Future<Boolean>> waiting = new ArrayList<>();
        String[][] arrivals = {{"a", "a3"}, {"c", "c1"}, {"b", "b2"}, {"c", "c2"}, {"a", "a4"}};
        for (String[] arrival : arrivals) {
            waiting.add(waitFor(slots, arrival[0], arrival[1], LONG));
            waitUntil(slots::waiting, waiting.size());
        }

        // Each release hands the slot on; nobody granted gives it back, so the holdings change.
        String[] releases = {"b", "a", "a", "b", "c"};
        for (int i = 0; i < releases.length; i++) {
            slots.release(releases[i]);
            int expected = i + 1;
            waitUntil(() -> grantedCount(), expected);
        }

        // held a 2, b 0, c 0: c1 (c and b hold none; c1 waited longer than b2)
        // held a 1, b 0, c 1: b2 (fewest held)
        // held a 0, b 1, c 1: a3 (fewest held; before a4, in arrival order)
        // held a 1, b 0, c 1: c2 (a and c hold one each; c2 waited longer than a4)
        // held a 1, b 0, c 1: a4 (the only one left)
        assertThat(granted).containsExactly("c1", "b2", "a3", "c2", "a4");
        for (Future<Boolean> call : waiting) {
            assertThat(call.get(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(slots.free()).isZero();
        assertThat(slots.held("a")).isEqualTo(2);
        assertThat(slots.held("b")).isZero();
        assertThat(slots.held("c")).isEqualTo(1);
    }

    @Test
    void aWaiterThatTimesOutLeavesTheQueueAndTheNextIsServed() throws Exception {
        FairSlots slots = new FairSlots(1);
        assertThat(slots.acquire("a", 0)).isTrue();
        Future<Boolean> impatient = waitFor(slots, "b", "b1", TimeUnit.MILLISECONDS.toNanos(20));
        waitUntil(slots::waiting, 1);
        Future<Boolean> patient = waitFor(slots, "c", "c1", LONG);
        waitUntil(slots::waiting, 2);

        assertThat(impatient.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(slots.waiting()).isEqualTo(1);
        assertThat(slots.held("b")).isZero();

        slots.release("a");
        assertThat(patient.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(granted).containsExactly("c1");
        slots.release("c");
        assertThat(slots.free()).isEqualTo(1);
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueHoldingNothing() throws Exception {
        FairSlots slots = new FairSlots(1);
        assertThat(slots.acquire("a", 0)).isTrue();
        Future<Boolean> interrupted = waitFor(slots, "b", "b1", LONG);
        waitUntil(slots::waiting, 1);

        interrupted.cancel(true);
        waitUntil(slots::waiting, 0);

        slots.release("a");
        assertThat(slots.free()).isEqualTo(1);
        assertThat(slots.held("b")).isZero();
        assertThat(granted).isEmpty();
    }

    @Test
    void withoutAFreeSlotAndNoTimeToWaitItRefusesAtOnce() throws Exception {
        FairSlots slots = new FairSlots(1);
        assertThat(slots.acquire("a", 0)).isTrue();

        assertThat(slots.acquire("b", 0)).isFalse();
        assertThat(slots.acquire("b", -1)).isFalse();
        assertThat(slots.waiting()).isZero();
        slots.release("a");
        assertThat(slots.acquire("b", 0)).isTrue();
    }

    @Test
    void refusesToReleaseASlotTheCallerDoesNotHold() throws Exception {
        FairSlots slots = new FairSlots(2);
        assertThat(slots.acquire("a", 0)).isTrue();

        assertThatThrownBy(() -> slots.release("b")).isInstanceOf(IllegalStateException.class);
        assertThat(slots.free()).isEqualTo(1);
        assertThatThrownBy(() -> new FairSlots(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private int grantedCount() {
        synchronized (granted) {
            return granted.size();
        }
    }
}
