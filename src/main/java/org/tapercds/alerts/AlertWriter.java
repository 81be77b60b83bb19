package org.tapercds.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores records off the call's path: a call hands over how to make its records ({@link #submit})
 * and returns at once; one background thread makes them and writes them in batches through the
 * {@link AlertStore}.
 */
@Component
class AlertWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);

    private static final int BATCH = 500;

    private final AlertStore store;
    private final BlockingQueue<Supplier<List<StoreRecord>>> queue = new LinkedBlockingQueue<>();
    private volatile Thread worker;
    private volatile boolean running;

    AlertWriter(AlertStore store) {
        this.store = store;
    }

    /** @param records made on the writer's thread, so the call does not pay for it */
    void submit(Supplier<List<StoreRecord>> records) {
        queue.add(records);
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::drain, "alert-writer");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeBatches();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void drain() {
        while (running) {
            try {
                Supplier<List<StoreRecord>> first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                List<Supplier<List<StoreRecord>>> pending = new ArrayList<>();
                pending.add(first);
                queue.drainTo(pending, BATCH - 1);
                write(pending);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void writeBatches() {
        List<Supplier<List<StoreRecord>>> pending = new ArrayList<>();
        while (queue.drainTo(pending, BATCH) > 0) {
            write(pending);
            pending = new ArrayList<>();
        }
    }

    private void write(List<Supplier<List<StoreRecord>>> pending) {
        List<StoreRecord> batch = new ArrayList<>();
        for (Supplier<List<StoreRecord>> records : pending) {
            try {
                batch.addAll(records.get());
            } catch (RuntimeException e) {
                log.error("Could not make alert records: {}", e.getClass().getSimpleName());
            }
        }
        try {
            store.write(batch);
        } catch (RuntimeException e) {
            log.error(
                    "Could not store {} alert records: {}",
                    batch.size(),
                    e.getClass().getSimpleName());
        }
    }
}
