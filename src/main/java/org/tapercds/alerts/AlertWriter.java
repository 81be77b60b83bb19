package org.tapercds.alerts;

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

    private final BatchWrites batches;
    private final Spool spool;
    private final WriterMetrics metrics;
    private final BlockingQueue<Submission> queue;

    /** Guards the sequence numbers and the hand-over to queue or spool, so both keep their order. */
    private final Object intake = new Object();

    private long nextSequence;
    private boolean accepting;
    private volatile boolean running;
    private volatile Thread worker;

    AlertWriter(
            AlertStore store, Migrations migrations, Spool spool, AlertsProperties properties, WriterMetrics metrics) {
        this.batches = new BatchWrites(store, migrations, spool, metrics, properties);
        this.spool = spool;
        this.metrics = metrics;
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
        return batches.storeAvailable();
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
        if (!batches.write(first.sequence(), records)) {
            spoolOrCount(first.sequence(), records);
        }
    }

    private void writeFromSpool() throws InterruptedException {
        long wait = batches.nanosUntilRetry();
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
        List<Spool.Batch> files = spool.oldest(BATCH, head == null ? Long.MAX_VALUE : head.sequence());
        if (files.isEmpty()) {
            return;
        }
        List<StoreRecord> records = new ArrayList<>();
        files.forEach(file -> records.addAll(file.records()));
        if (batches.write(files.get(0).sequence(), records)) {
            spool.remove(files);
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
            if (!batches.write(first.sequence(), records)) {
                spoolOrCount(first.sequence(), records);
                spoolQueue();
                return;
            }
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
