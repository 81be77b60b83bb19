package org.tapercds.console;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.tapercds.testing.TestDatabase;

/** {@link AlertQueriesContract} on an in-memory H2, one per test. */
class AlertQueriesH2Tests extends AlertQueriesContract {

    private TestDatabase database;

    @Override
    DataSource dataSource() {
        database = TestDatabase.h2();
        return database.dataSource();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
