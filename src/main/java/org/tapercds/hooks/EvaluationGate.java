package org.tapercds.hooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.tapercds.system.ApiException;
import org.tapercds.system.ErrorCode;

/**
 * Lets at most {@code taper.evaluation.concurrency} calls (default: the number of CPU cores) parse
 * and evaluate at once; the others wait their turn, first come first served, for at most {@code
 * taper.evaluation.max-wait}, then get 503 {@code overloaded}. The work inside is CPU only: the body
 * is read before and the answer written after, and the one seam inside that could block, {@link
 * org.tapercds.fhir.PrefetchFallback}, has no FHIR client yet (when it gets one, its fetches must
 * move out of the gate). More threads than cores would only time-slice between calls: every call
 * would take longer and the slowest much longer. See ADR 0005.
 */
@Component
public class EvaluationGate {

    static final String WAIT = "taper.evaluation.wait";
    static final String WORK = "taper.evaluation.duration";

    private final Semaphore permits;
    private final long maxWaitNanos;
    private final Timer waits;
    private final Timer work;

    EvaluationGate(EvaluationProperties properties, MeterRegistry registry) {
        this.permits = new Semaphore(properties.concurrency(), true);
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

    /** Runs {@code task} once a slot is free; 503 {@code overloaded} when none frees in time. */
    public <T> T run(Supplier<T> task) {
        long queued = System.nanoTime();
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Only a forced shutdown interrupts a request thread: answer as unavailable.
            Thread.currentThread().interrupt();
            admitted = false;
        }
        long started = System.nanoTime();
        waits.record(started - queued, TimeUnit.NANOSECONDS);
        if (!admitted) {
            throw new ApiException(ErrorCode.OVERLOADED, "The service is at capacity; retry shortly", null);
        }
        try {
            return task.get();
        } finally {
            permits.release();
            work.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
