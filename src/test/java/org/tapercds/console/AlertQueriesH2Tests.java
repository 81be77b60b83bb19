package org.tapercds.console;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@link AlertQueriesContract} on H2, the embedded default: a fresh in-memory database per test. */
class AlertQueriesH2Tests extends AlertQueriesContract {

    @Override
    DataSource dataSource() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(
                new org.h2.Driver(), "jdbc:h2:mem:queries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations(migrations().toArray(String[]::new))
                .load()
                .migrate();
        return dataSource;
    }
}
