package org.tapercds.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what is older than {@code taper.alerts.retention} (default 730 days): alerts (their
 * review actions go with them), feedback and audit events; and kept requests older than {@code
 * taper.alerts.keep-requests} (all of them when it is off); snoozes that have ended. Runs once a day by the injected clock
 * (checked every hour, first a minute after start); a run that fails (the database away) is tried
 * again at the next check.
 */
@Component
class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Duration keepRequests;
    private final Migrations migrations;
    private volatile ScheduledExecutorService scheduler;
    private Instant nextRun = Instant.MIN;

    Retention(JdbcClient jdbc, Clock clock, AlertsProperties properties, Migrations migrations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = properties.retention();
        this.keepRequests = properties.keepRequests();
        this.migrations = migrations;
    }

    /** Purges when a day has passed since the last successful purge (by the clock). */
    synchronized void runIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextRun) || !migrations.migrated()) {
            return;
        }
        try {
            int deleted = purge();
            nextRun = now.plus(Duration.ofDays(1));
            log.info(
                    "Retention: {} rows deleted (older than {} days, kept requests past their days, ended snoozes)",
                    deleted,
                    retention.toDays());
        } catch (RuntimeException e) {
            log.warn("Retention could not run: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes every alert, feedback and audit event older than the retention, every kept request
     * older than its days, and every snooze that has ended (it no longer withholds anything, and
     * names a patient); returns the rows deleted.
     */
    int purge() {
        Instant instant = clock.instant();
        var now = AlertStore.utc(instant);
        var cutoff = AlertStore.utc(instant.minus(retention));
        var keptCutoff = AlertStore.utc(instant.minus(keepRequests));
        return jdbc.sql("delete from alert where created_at < ?").param(cutoff).update()
                + jdbc.sql("delete from feedback where received_at < ?")
                        .param(cutoff)
                        .update()
                + jdbc.sql("delete from audit_event where occurred_at < ?")
                        .param(cutoff)
                        .update()
                + jdbc.sql("delete from kept_request where evaluated_at < ?")
                        .param(keptCutoff)
                        .update()
                + jdbc.sql("delete from snooze where until <= ?").param(now).update();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "alert-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runIfDue, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
