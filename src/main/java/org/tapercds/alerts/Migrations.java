package org.tapercds.alerts;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Flyway at start-up, unless the database is unreachable then: the service starts all the same
 * (cards do not need the database), alerts go to the spool, and the {@link AlertWriter} migrates
 * the schema before its first write once the database is back. Any other migration failure (a
 * changed migration, a missing permission) still stops the start.
 */
@Component
class Migrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private volatile Flyway pending;

    @Override
    public void migrate(Flyway flyway) {
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            if (!unreachable(e)) {
                throw e;
            }
            pending = flyway;
            log.warn("The database is unreachable at start-up: the service starts, alerts wait in the spool,"
                    + " and the schema is migrated once the database is back");
        }
    }

    /** True when the schema is up to date; migrates it first if that was deferred. */
    boolean ensure() {
        Flyway flyway = pending;
        if (flyway == null) {
            return true;
        }
        synchronized (this) {
            if (pending == null) {
                return true;
            }
            try {
                flyway.migrate();
                pending = null;
                log.info("Alert store schema migrated");
                return true;
            } catch (RuntimeException e) {
                if (!unreachable(e)) {
                    log.error(
                            "Alert store schema migration failed: {}",
                            e.getClass().getSimpleName());
                }
                return false;
            }
        }
    }

    boolean migrated() {
        return pending == null;
    }

    /** A connection could not be had: refused, timed out, or a connection-class SQL state (08). */
    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof java.net.ConnectException
                    || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
