package org.tapercds.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores records off the call's path, in the order they were produced, each exactly once, and loses
 * none while the database is away (docs/alerts.md).
 *
 * <p>A call hands over how to make its records ({@link #submit}) and returns at once: the
 * submission gets the next sequence number and joins a bounded queue; when the queue is full it
 * goes straight to the {@link Spool} (on the caller's thread, so the call never blocks and nothing
 * is dropped). One background thread makes the records and writes them in batches through the
 * {@link AlertStore}. A batch the database cannot take goes to the spool; while the spool holds
 * anything, every new batch goes behind it (never around it), and the spool is written back oldest
 * file first, retried 1 s, 2 s, … up to 30 s apart; a file is deleted only after its transaction
 * committed, and since every record has its id and the inserts skip stored ids, a file written
 * twice (a crash between commit and delete) stores nothing twice. Spool file names are sequence
 * numbers, so a batch spooled late (the one in flight when the database went away) still sorts
 * before the newer ones, and a file is not replayed while older submissions are still queued.
 *
 * <p>Starts before and stops after the web server: in-flight calls are stored; what is queued at
 * stop is written, or spooled if the database is away, and replayed by the next start.
 */
@Component
class AlertWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);

    private static final int BATCH = 500;
    private static final long POLL_MILLIS = 200;

    /** A call's records, not made yet, with their place in the order. */
    private record Submission(long sequence, Supplier<List<StoreRecord>> records) {}

    private final AlertStore store;
    private final Migrations migrations;
    private final Spool spool;
    private final WriterMetrics metrics;
    private final Duration retryFirst;
    private final Duration retryMax;
    private final BlockingQueue<Submission> queue;

    /** Guards the sequence numbers and the hand-over to queue or spool, so both keep their order. */
    private final Object intake = new Object();

    private long nextSequence;
    private boolean accepting;
    private volatile boolean running;
    private volatile boolean storeAvailable = true;
    private volatile Thread worker;

    // The worker's own: when the database is tried again and how long the next wait is.
    private long retryAtNanos;
    private Duration retryWait;

    AlertWriter(
            AlertStore store, Migrations migrations, Spool spool, AlertsProperties properties, WriterMetrics metrics) {
        this.store = store;
        this.migrations = migrations;
        this.spool = spool;
        this.metrics = metrics;
        this.retryFirst = properties.retryFirst();
        this.retryMax = properties.retryMax();
        this.retryWait = retryFirst;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.nextSequence = spool.nextSequence();
    }

    /** @param records made on the writer's thread, so the call does not pay for it */
    void submit(Supplier<List<StoreRecord>> records) {
        synchronized (intake) {
            Submission submission = new Submission(nextSequence++, records);
            if (accepting && queue.offer(submission)) {
                return;
            }
            // Queue full, or stopped: to disk now, behind everything before it.
            spoolOrCount(List.of(submission));
        }
    }

    /** False from a failed write until the next one succeeds (and while the schema waits). */
    boolean storeAvailable() {
        return storeAvailable && migrations.migrated();
    }

    long spooled() {
        return spool.size();
    }

    @Override
    public void start() {
        synchronized (intake) {
            accepting = true;
        }
        running = true;
        Thread thread = new Thread(this::work, "alert-writer");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        synchronized (intake) {
            accepting = false;
        }
        running = false;
        Thread thread = worker;
        if (thread == null) {
            return;
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Stuck in a database call: what is still queued goes to disk from here.
            log.warn("The alert writer did not finish in time; queued records go to the spool");
            spoolQueue();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server and its graceful shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void work() {
        while (running) {
            try {
                if (spool.isEmpty()) {
                    writeFromQueue();
                } else {
                    writeFromSpool();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("Alert writer failure: {}", e.getClass().getSimpleName());
                pause();
            }
        }
        finish();
    }

    private void writeFromQueue() throws InterruptedException {
        Submission first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        List<Submission> pending = withFollowers(first);
        List<StoreRecord> records = make(pending);
        if (!write(first.sequence(), records)) {
            spoolOrCount(first.sequence(), records);
        }
    }

    private void writeFromSpool() throws InterruptedException {
        long wait = retryAtNanos - System.nanoTime();
        if (wait > 0) {
            // Waiting to try the database again: meanwhile new records go behind the spool.
            Submission next =
                    queue.poll(Math.min(TimeUnit.NANOSECONDS.toMillis(wait) + 1, POLL_MILLIS), TimeUnit.MILLISECONDS);
            if (next != null) {
                spoolOrCount(withFollowers(next));
            }
            return;
        }
        spoolQueue();
        Submission head = queue.peek();
        List<Spool.Batch> batches = spool.oldest(BATCH, head == null ? Long.MAX_VALUE : head.sequence());
        if (batches.isEmpty()) {
            return;
        }
        List<StoreRecord> records = new ArrayList<>();
        batches.forEach(batch -> records.addAll(batch.records()));
        if (write(batches.get(0).sequence(), records)) {
            spool.remove(batches);
        }
    }

    /** On stop: write what is queued, or spool it when the database is away or the spool is not empty. */
    private void finish() {
        if (!spool.isEmpty() || !storeAvailable()) {
            spoolQueue();
            return;
        }
        Submission first;
        while ((first = queue.poll()) != null) {
            List<StoreRecord> records = make(withFollowers(first));
            if (!write(first.sequence(), records)) {
                spoolOrCount(first.sequence(), records);
                spoolQueue();
                return;
            }
        }
    }

    /**
     * Writes one batch in one transaction.
     *
     * @return true when committed (records the database refused as invalid are set aside), false
     *     when the database could not take them: the caller keeps them in the spool
     */
    private boolean write(long sequence, List<StoreRecord> records) {
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

    private List<Submission> withFollowers(Submission first) {
        List<Submission> pending = new ArrayList<>();
        pending.add(first);
        queue.drainTo(pending, BATCH - 1);
        return pending;
    }

    private void spoolQueue() {
        Submission first;
        while ((first = queue.poll()) != null) {
            spoolOrCount(withFollowers(first));
        }
    }

    private void spoolOrCount(List<Submission> pending) {
        spoolOrCount(pending.get(0).sequence(), make(pending));
    }

    private void spoolOrCount(long sequence, List<StoreRecord> records) {
        try {
            spool.append(sequence, records);
            metrics.spooled(records.size());
        } catch (RuntimeException e) {
            log.error(
                    "Could not spool {} alert records: {}",
                    records.size(),
                    e.getClass().getSimpleName());
            metrics.lost(records.size());
        }
    }

    private static List<StoreRecord> make(List<Submission> pending) {
        List<StoreRecord> records = new ArrayList<>();
        for (Submission submission : pending) {
            try {
                records.addAll(submission.records().get());
            } catch (RuntimeException e) {
                log.error("Could not make alert records: {}", e.getClass().getSimpleName());
            }
        }
        return records;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
