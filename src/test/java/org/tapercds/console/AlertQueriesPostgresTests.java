package org.tapercds.console;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.tapercds.testing.TestDatabase;

/**
 * {@link AlertQueriesContract} on the real PostgreSQL server (127.0.0.1:5432, database {@code
 * test}, user {@code postgres}; CI runs one), each test in a schema of its own, dropped after.
 */
class AlertQueriesPostgresTests extends AlertQueriesContract {

    private TestDatabase database;

    @Override
    DataSource dataSource() {
        database = TestDatabase.postgres();
        return database.dataSource();
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
