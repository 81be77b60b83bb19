package org.tapercds.alerts;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.TypeMismatchDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Why a write failed: the database could not take the records now (unreachable, timed out, shut
 * down, refused the login: spool and retry), or it refused these records (a value too long, bad
 * SQL: a programming error that no retry mends, so the records are set aside instead of blocking
 * every later one).
 */
final class StoreFailures {

    private StoreFailures() {}

    static boolean refusesTheRecords(RuntimeException failure) {
        return failure instanceof DataIntegrityViolationException
                || failure instanceof InvalidDataAccessResourceUsageException
                || failure instanceof InvalidDataAccessApiUsageException
                || failure instanceof TypeMismatchDataAccessException
                || !(failure instanceof org.springframework.dao.DataAccessException
                        || failure instanceof TransactionException
                        || failure instanceof StoreUnavailableException);
    }

    /** The schema could not be brought up to date (the database is unreachable, or Flyway failed). */
    static final class StoreUnavailableException extends RuntimeException {
        StoreUnavailableException() {
            super("The alert store's schema is not migrated yet", null, false, false);
        }
    }
}
