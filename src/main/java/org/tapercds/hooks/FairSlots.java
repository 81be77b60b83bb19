package org.tapercds.hooks;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed number of slots shared fairly between callers, work-conserving: a free slot is taken at
 * once when nobody waits, so one caller alone can use every slot. When calls wait, a freed slot is
 * handed straight to a waiting call (no barging by calls that arrive meanwhile): to the caller that
 * holds the fewest slots now, ties going to the caller whose oldest waiting call came first; within
 * one caller, first come first served. With a single caller this is a fair FIFO semaphore.
 *
 * <p>One lock guards the state; each waiting call parks on its own {@link Condition} and is
 * signalled only when it is handed a slot, so nothing spins and a release wakes one thread. A caller
 * is tracked only while it holds or waits for a slot (the keys do not accumulate). See ADR 0013.
 */
final class FairSlots {

    private final ReentrantLock lock = new ReentrantLock();
    /** Callers holding or waiting for a slot. */
    private final Map<String, Caller> callers = new HashMap<>();

    private int free;
    private int waiting;
    /** Arrival order of waiting calls (ties between callers go to the lowest). */
    private long arrivals;

    private static final class Caller {
        int held;
        final ArrayDeque<Waiter> queue = new ArrayDeque<>(4);
    }

    private static final class Waiter {
        final long arrival;
        final Condition handedASlot;
        boolean granted;

        Waiter(long arrival, Condition handedASlot) {
            this.arrival = arrival;
            this.handedASlot = handedASlot;
        }
    }

    FairSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("at least one slot");
        }
        this.free = capacity;
    }

    /**
     * Takes a slot for {@code caller}, waiting at most {@code waitNanos} for one.
     *
     * @return whether the caller got the slot (it then must {@link #release} it once)
     * @throws InterruptedException when interrupted while waiting (it then holds no slot)
     */
    boolean acquire(String caller, long waitNanos) throws InterruptedException {
        lock.lock();
        try {
            // A slot is free only while nobody waits: a release hands it to a waiter directly.
            if (free > 0) {
                free--;
                callers.computeIfAbsent(caller, c -> new Caller()).held++;
                return true;
            }
            if (waitNanos <= 0) {
                return false;
            }
            Caller state = callers.computeIfAbsent(caller, c -> new Caller());
            Waiter waiter = new Waiter(arrivals++, lock.newCondition());
            state.queue.addLast(waiter);
            waiting++;
            long left = waitNanos;
            try {
                while (!waiter.granted && left > 0) {
                    left = waiter.handedASlot.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                if (waiter.granted) {
                    releaseLocked(caller); // handed a slot as it was interrupted: pass it on
                } else {
                    leave(caller, state, waiter);
                }
                throw e;
            }
            if (!waiter.granted) {
                leave(caller, state, waiter);
            }
            return waiter.granted;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot {@code caller} holds: to the next waiting call, if any. */
    void release(String caller) {
        lock.lock();
        try {
            releaseLocked(caller);
        } finally {
            lock.unlock();
        }
    }

    private void releaseLocked(String caller) {
        Caller state = callers.get(caller);
        if (state == null || state.held == 0) {
            throw new IllegalStateException("released a slot it did not hold");
        }
        state.held--;
        forgetIfIdle(caller, state);
        if (waiting == 0) {
            free++;
            return;
        }
        Caller next = null;
        for (Caller candidate : callers.values()) {
            if (!candidate.queue.isEmpty() && (next == null || before(candidate, next))) {
                next = candidate;
            }
        }
        Waiter waiter = next.queue.pollFirst();
        waiting--;
        next.held++;
        waiter.granted = true;
        waiter.handedASlot.signal();
    }

    /** Whether {@code a} is served before {@code b}: fewer slots held, then the oldest waiting call. */
    private static boolean before(Caller a, Caller b) {
        if (a.held != b.held) {
            return a.held < b.held;
        }
        return a.queue.peekFirst().arrival < b.queue.peekFirst().arrival;
    }

    private void leave(String caller, Caller state, Waiter waiter) {
        state.queue.remove(waiter);
        waiting--;
        forgetIfIdle(caller, state);
    }

    private void forgetIfIdle(String caller, Caller state) {
        if (state.held == 0 && state.queue.isEmpty()) {
            callers.remove(caller);
        }
    }

    /** Free slots now (for tests and checks). */
    int free() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting now (for tests and checks). */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Slots {@code caller} holds now (for tests and checks). */
    int held(String caller) {
        lock.lock();
        try {
            Caller state = callers.get(caller);
            return state == null ? 0 : state.held;
        } finally {
            lock.unlock();
        }
    }
}
