package org.tapercds.alerts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapercds.testing.TestDatabase;

/** Records as the recorder makes them, with the fields a test cares about. */
final class Records {

    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    private Records() {}

    static AlertRecord alert(String id, Instant at) {
        return new AlertRecord(
                id,
                "hook-" + id,
                "benzo-taper-order-sign",
                "patient-1",
                "encounter-1",
                "Practitioner/1",
                "order-1",
                "taper-rate",
                "warning",
                "taper-rate-too-fast",
                "1.0",
                "rules-1",
                "Reduction faster than 25 % in 14 days",
                "{\"dose\":[]}",
                true,
                at);
    }

    static AlertRecord alert(String id) {
        return alert(id, AT);
    }

    static AuditEvent audit(String id, Instant at) {
        return new AuditEvent(
                id,
                AuditEvent.EVALUATION,
                at,
                "Practitioner/1",
                "patient-1",
                "benzo-taper-order-sign",
                "hook-" + id,
                null,
                "1-cards",
                "{\"cards\":[]}");
    }

    static AuditEvent audit(String id) {
        return audit(id, AT);
    }

    /** The store writing to a test database. */
    static AlertStore store(TestDatabase database) {
        return new AlertStore(
                new JdbcTemplate(database.dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new SimpleMeterRegistry());
    }
}
