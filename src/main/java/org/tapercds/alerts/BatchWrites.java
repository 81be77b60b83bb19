package org.tapercds.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AlertWriter}'s attempts at the database: one batch in one transaction; records the
 * database refuses as invalid set aside in the spool's rejected directory; after a failure the
 * database is tried again 1 s, 2 s, … up to {@code taper.alerts.retry-max} later. Used by the
 * writer's thread only ({@link #storeAvailable()} is read by health checks too).
 */
final class BatchWrites {

    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);

    private final AlertStore store;
    private final Migrations migrations;
    private final Spool spool;
    private final WriterMetrics metrics;
    private final Duration retryFirst;
    private final Duration retryMax;
    private volatile boolean storeAvailable = true;
    private long retryAtNanos;
    private Duration retryWait;

    BatchWrites(
            AlertStore store, Migrations migrations, Spool spool, WriterMetrics metrics, AlertsProperties properties) {
        this.store = store;
        this.migrations = migrations;
        this.spool = spool;
        this.metrics = metrics;
        this.retryFirst = properties.retryFirst();
        this.retryMax = properties.retryMax();
        this.retryWait = retryFirst;
    }

    /** False from a failed write until the next one succeeds (and while the schema waits). */
    boolean storeAvailable() {
        return storeAvailable && migrations.migrated();
    }

    /** How long until the database may be tried again (zero or less: now). */
    long nanosUntilRetry() {
        return retryAtNanos - System.nanoTime();
    }

    /**
     * Writes one batch in one transaction.
     *
     * @return true when committed (records the database refused as invalid are set aside), false
     *     when the database could not take them: the caller keeps them in the spool
     */
    boolean write(long sequence, List<StoreRecord> records) {
        if (records.isEmpty()) {
            return true;
        }
        if (!migrations.ensure()) {
            unavailable("schema not migrated");
            return false;
        }
        long start = System.nanoTime();
        try {
            store.write(records);
            metrics.written(records.size(), System.nanoTime() - start);
            available();
            return true;
        } catch (RuntimeException e) {
            metrics.failed(System.nanoTime() - start);
            if (StoreFailures.refusesTheRecords(e)) {
                return writeEachAlone(sequence, records);
            }
            unavailable(e.getClass().getSimpleName());
            return false;
        }
    }

    /** One record refused the batch: each on its own, the refused ones set aside. */
    private boolean writeEachAlone(long sequence, List<StoreRecord> records) {
        List<StoreRecord> refused = new ArrayList<>();
        RuntimeException reason = null;
        for (StoreRecord record : records) {
            try {
                store.write(List.of(record));
                metrics.written(1, 0);
            } catch (RuntimeException e) {
                if (!StoreFailures.refusesTheRecords(e)) {
                    unavailable(e.getClass().getSimpleName());
                    return false;
                }
                refused.add(record);
                reason = e;
            }
        }
        if (!refused.isEmpty()) {
            log.error(
                    "The database refused {} alert records ({}); kept in the spool's rejected/ directory",
                    refused.size(),
                    reason.getClass().getSimpleName());
            spool.reject(sequence, refused);
            metrics.rejected(refused.size());
        }
        available();
        return true;
    }

    private void available() {
        retryWait = retryFirst;
        retryAtNanos = 0;
        if (!storeAvailable) {
            storeAvailable = true;
            log.info("The alert store is back; {} spooled records to write", spool.size());
        }
    }

    private void unavailable(String why) {
        retryAtNanos = System.nanoTime() + retryWait.toNanos();
        retryWait = retryWait.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : retryWait.multipliedBy(2);
        if (storeAvailable) {
            storeAvailable = false;
            log.warn("The alert store cannot be written ({}); records go to the spool until it is back", why);
        }
    }
}
