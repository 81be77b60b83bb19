package org.tapercds.alerts;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code alerts}: DOWN from a failed write until the next one succeeds (and while
 * the schema waits for the database), with the records waiting in the spool. Deliberately not in
 * the readiness group: cards still flow while the store is away, the records wait in the spool.
 * Details carry counts only, never an exception message (it could quote a record).
 */
@Component("alertsHealthIndicator")
class AlertsHealthIndicator implements HealthIndicator {

    private final AlertWriter writer;

    AlertsHealthIndicator(AlertWriter writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        Health.Builder health = writer.storeAvailable() ? Health.up() : Health.down();
        return health.withDetail("spooled", writer.spooled()).build();
    }
}
