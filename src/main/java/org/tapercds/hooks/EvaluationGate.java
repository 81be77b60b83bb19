package org.tapercds.hooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.tapercds.fhir.BlockingSection;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

/**
 * Lets at most {@code taper.evaluation.concurrency} calls (default: the number of CPU cores) parse
 * and evaluate at once; the others wait their turn for at most {@code taper.evaluation.max-wait},
 * then get 503 {@code overloaded}. The slots are shared fairly between callers ({@link FairSlots},
 * ADR 0013): a free slot is taken at once when nobody waits, and when calls wait, a freed slot goes
 * to the waiting caller (the authenticated EHR) that holds the fewest slots, first come first served
 * within a caller; with one caller (EHR authentication off) that is plain first come first served.
 * The work inside is CPU only: the body is read before and the answer written after, and the one
 * seam inside that blocks, the prefetch fallback's fetch from the EHR's FHIR server, runs {@link
 * #outside} the slot: the call gives its slot up for the fetch and then waits for one again like any
 * other call of its caller (ADR 0009). More threads than cores would only time-slice between calls:
 * every call would take longer and the slowest much longer. See ADR 0005. Large calls (a body over
 * {@code taper.evaluation.large-body}) share all slots but one, divided between callers the same
 * way: a few clients sending megabyte histories cannot hold every slot while ordinary calls wait
 * behind them.
 */
@Component
public class EvaluationGate implements BlockingSection {

    static final String WAIT = "taper.evaluation.wait";
    static final String WORK = "taper.evaluation.duration";

    private final FairSlots permits;
    /** Large calls in a slot at once: all slots but one (at least one). */
    private final FairSlots largePermits;

    private final long largeBodyBytes;
    private final long maxWaitNanos;
    private final Timer waits;
    private final Timer work;
    /** The slot the current thread's call holds, if it is inside {@link #run}. */
    private final ThreadLocal<Slot> slots = new ThreadLocal<>();

    /** A call's slot: its caller, whether it holds the slot now, and the time spent outside it. */
    private static final class Slot {
        final String caller;
        boolean held = true;
        long outsideNanos;

        Slot(String caller) {
            this.caller = caller;
        }
    }

    EvaluationGate(EvaluationProperties properties, MeterRegistry registry) {
        this.permits = new FairSlots(properties.concurrency());
        this.largePermits = new FairSlots(Math.max(1, properties.concurrency() - 1));
        this.largeBodyBytes = properties.largeBody().toBytes();
        this.maxWaitNanos = properties.maxWait().toNanos();
        this.waits = histogram(WAIT, "Time a CDS Hooks call waited for an evaluation slot", registry);
        this.work = histogram(WORK, "Time a CDS Hooks call spent parsing and evaluating, once admitted", registry);
    }

    private static Timer histogram(String name, String description, MeterRegistry registry) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(HookMetrics.HISTOGRAM_MIN)
                .maximumExpectedValue(HookMetrics.HISTOGRAM_MAX)
                .register(registry);
    }

    /**
     * Runs {@code task} once a slot is free for {@code caller}; 503 {@code overloaded} when none
     * frees in time.
     *
     * @param caller who calls (the authenticated EHR; one fixed key when authentication is off)
     */
    public <T> T run(String caller, Supplier<T> task) {
        return inSlot(caller, maxWaitNanos, task);
    }

    /**
     * Reads a call's body and evaluates it once a slot is free for {@code caller}; 503 {@code
     * overloaded} when none frees in time. A large call (declared, or once read, over {@code
     * taper.evaluation.large-body}) first waits for the large calls' share, and a call declaring a
     * large body waits for it before its body is read: large calls queued behind each other hold a
     * connection, not megabytes of memory and the CPU to read them.
     *
     * @param caller who calls (the authenticated EHR; one fixed key when authentication is off)
     * @param declaredBytes the body's Content-Length (-1 when unknown)
     * @param read reads the body (I/O: outside the slot)
     * @param task evaluates the body (CPU: inside the slot)
     */
    public <T> T run(String caller, long declaredBytes, Supplier<byte[]> read, Function<byte[], T> task) {
        long queued = System.nanoTime();
        boolean large = declaredBytes > largeBodyBytes;
        if (large) {
            acquire(largePermits, caller, maxWaitNanos);
        }
        try {
            byte[] body = read.get();
            if (!large && body.length > largeBodyBytes) {
                large = true;
                acquire(largePermits, caller, maxWaitNanos - (System.nanoTime() - queued));
            }
            return inSlot(caller, maxWaitNanos - (System.nanoTime() - queued), () -> task.apply(body));
        } finally {
            if (large) {
                largePermits.release(caller);
            }
        }
    }

    private <T> T inSlot(String caller, long waitNanos, Supplier<T> task) {
        long started = admit(caller, waitNanos);
        Slot slot = new Slot(caller);
        slots.set(slot);
        try {
            return task.get();
        } finally {
            slots.remove();
            if (slot.held) {
                permits.release(caller);
            }
            work.record(System.nanoTime() - started - slot.outsideNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Runs blocking I/O of the current call without its slot: the slot is released, {@code io} runs,
     * and the call waits for a slot again like a new call of its caller (at most {@code max-wait};
     * 503 {@code overloaded} when none frees). Called outside {@link #run}, it just runs {@code io}.
     */
    @Override
    public <T> T outside(Supplier<T> io) {
        Slot slot = slots.get();
        if (slot == null || !slot.held) {
            return io.get();
        }
        long left = System.nanoTime();
        permits.release(slot.caller);
        slot.held = false;
        T result;
        try {
            result = io.get();
        } finally {
            try {
                admit(slot.caller, maxWaitNanos);
                slot.held = true;
            } finally {
                // The fetch and the wait for a slot again: neither is evaluation work.
                slot.outsideNanos += System.nanoTime() - left;
            }
        }
        return result;
    }

    /**
     * Waits for a slot at most {@code waitNanos} and records the wait.
     *
     * @return when the slot was granted ({@link System#nanoTime()})
     */
    private long admit(String caller, long waitNanos) {
        long queued = System.nanoTime();
        try {
            acquire(permits, caller, waitNanos);
        } finally {
            waits.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
        }
        return System.nanoTime();
    }

    /** Takes a slot within {@code waitNanos}; 503 {@code overloaded} when none frees in time. */
    private static void acquire(FairSlots slots, String caller, long waitNanos) {
        boolean admitted;
        try {
            admitted = slots.acquire(caller, waitNanos);
        } catch (InterruptedException e) {
            // Only a forced shutdown interrupts a request thread: answer as unavailable.
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new ApiException(ErrorCode.OVERLOADED, "The service is at capacity; retry shortly", null);
        }
    }

    /** Evaluation slots free now (for tests and checks). */
    int freeSlots() {
        return permits.free();
    }

    /** Calls waiting for an evaluation slot now (for tests and checks). */
    int waitingCalls() {
        return permits.waiting();
    }

    /** Evaluation slots {@code caller} holds now (for tests and checks). */
    int slotsHeldBy(String caller) {
        return permits.held(caller);
    }
}
