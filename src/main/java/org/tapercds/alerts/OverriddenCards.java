package org.tapercds.alerts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds what a snooze needs of an overridden card: from the {@link RecentCards} of this replica,
 * else from the card's stored alert, read on a small pool of its own and waited for at most {@code
 * taper.snooze.lookup-timeout} (an EHR's feedback never waits on a database that does not answer;
 * the snooze then reaches the index from the table instead).
 */
@Component
class OverriddenCards implements DisposableBean {

    private final RecentCards recent;
    private final JdbcClient jdbc;
    private final Duration timeout;
    private final ThreadPoolExecutor lookups;

    OverriddenCards(RecentCards recent, JdbcClient jdbc, SnoozeProperties properties) {
        this.recent = recent;
        this.jdbc = jdbc;
        this.timeout = properties.lookupTimeout();
        // Two threads and a short queue: lookups piling up behind a hung database are refused, not queued.
        this.lookups = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32), task -> {
            Thread thread = new Thread(task, "snooze-lookup");
            thread.setDaemon(true);
            return thread;
        });
        this.lookups.allowCoreThreadTimeOut(true);
    }

    Optional<RecentCards.IssuedTo> find(String cardUuid) {
        Optional<RecentCards.IssuedTo> known = recent.get(cardUuid);
        if (known.isPresent()) {
            return known;
        }
        Future<Optional<RecentCards.IssuedTo>> stored;
        try {
            stored = lookups.submit(() -> stored(cardUuid));
        } catch (RejectedExecutionException busy) {
            return Optional.empty();
        }
        try {
            return stored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            stored.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<RecentCards.IssuedTo> stored(String cardUuid) {
        return jdbc.sql("select patient_id, category, indicator, created_at from alert where id = ?")
                .param(cardUuid)
                .query((rs, n) -> new RecentCards.IssuedTo(
                        rs.getString("patient_id"),
                        rs.getString("category"),
                        rs.getString("indicator"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    public void destroy() {
        lookups.shutdownNow();
    }
}
