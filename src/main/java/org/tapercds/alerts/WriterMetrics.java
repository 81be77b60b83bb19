package org.tapercds.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The alert writer's meters (docs/alerts.md): {@code taper.alerts.spooled} (records waiting in the
 * spool), {@code taper.alerts.written} (records committed to the database), {@code
 * taper.alerts.spool.writes} (records written to the spool), {@code taper.alerts.rejected} (records
 * the database refused as invalid, kept in the spool's {@code rejected/}), {@code
 * taper.alerts.lost} (records that could be neither stored nor spooled: a full or unwritable disk)
 * and the timer {@code taper.alerts.batch.write} of database writes by outcome.
 */
final class WriterMetrics {

    private final Counter written;
    private final Counter spooled;
    private final Counter rejected;
    private final Counter lost;
    private final Timer stored;
    private final Timer failed;

    WriterMetrics(MeterRegistry registry, Spool spool) {
        Gauge.builder("taper.alerts.spooled", spool, Spool::size)
                .description("Records waiting in the spool for the database")
                .register(registry);
        written = Counter.builder("taper.alerts.written")
                .description("Records committed to the database")
                .register(registry);
        spooled = Counter.builder("taper.alerts.spool.writes")
                .description("Records written to the spool")
                .register(registry);
        rejected = Counter.builder("taper.alerts.rejected")
                .description("Records the database refused as invalid")
                .register(registry);
        lost = Counter.builder("taper.alerts.lost")
                .description("Records neither stored nor spooled")
                .register(registry);
        stored = timer(registry, "stored");
        failed = timer(registry, "failed");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("taper.alerts.batch.write")
                .description("Database writes of a batch of records")
                .tag("outcome", outcome)
                .register(registry);
    }

    void written(int records, long nanos) {
        written.increment(records);
        stored.record(java.time.Duration.ofNanos(nanos));
    }

    void failed(long nanos) {
        failed.record(java.time.Duration.ofNanos(nanos));
    }

    void spooled(int records) {
        spooled.increment(records);
    }

    void rejected(int records) {
        rejected.increment(records);
    }

    void lost(int records) {
        lost.increment(records);
    }
}
