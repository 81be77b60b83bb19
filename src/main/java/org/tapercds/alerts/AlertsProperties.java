package org.tapercds.alerts;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The alert store's settings ({@code taper.alerts.*}, docs/alerts.md).
 *
 * @param spoolDir where records wait while the database cannot take them; must survive a restart
 *     of the service (a persistent volume in Kubernetes), default {@code ./data/spool}
 * @param retention how long alerts (with their review actions), feedback and audit events are kept,
 *     default 730 days
 * @param queueCapacity evaluations waiting in memory for the writer; beyond it they go straight to
 *     the spool (never block a call, never drop), default 10,000
 * @param retryFirst the first wait before the database is tried again after a failure, default 1 s;
 *     it doubles after each failure up to {@code retryMax}, default 30 s
 * @param keepRequests how long each CDS Hooks request is kept for the impact preview's replay
 *     ({@code keep-requests=14d}); default 0: none is kept
 */
@ConfigurationProperties("taper.alerts")
record AlertsProperties(
        Path spoolDir,
        Duration retention,
        Integer queueCapacity,
        Duration retryFirst,
        Duration retryMax,
        Duration keepRequests) {

    AlertsProperties {
        if (spoolDir == null) {
            spoolDir = Path.of("data", "spool");
        }
        if (retention == null) {
            retention = Duration.ofDays(730);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("taper.alerts.retention must be positive");
        }
        if (queueCapacity == null) {
            queueCapacity = 10_000;
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("taper.alerts.queue-capacity must be at least 1");
        }
        if (retryFirst == null) {
            retryFirst = Duration.ofSeconds(1);
        }
        if (retryMax == null) {
            retryMax = Duration.ofSeconds(30);
        }
        if (keepRequests == null) {
            keepRequests = Duration.ZERO;
        }
        if (keepRequests.isNegative()) {
            throw new IllegalArgumentException("taper.alerts.keep-requests must not be negative");
        }
        if (retryFirst.isNegative() || retryFirst.isZero() || retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException(
                    "taper.alerts.retry-first must be positive and taper.alerts.retry-max at least as long");
        }
    }

    /** Whether requests are kept at all ({@code taper.alerts.keep-requests} above zero). */
    public boolean keepingRequests() {
        return !keepRequests.isZero();
    }
}
