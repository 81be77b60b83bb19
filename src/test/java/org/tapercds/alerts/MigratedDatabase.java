package org.tapercds.alerts;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database with the application's migrations applied, for store tests without the application:
 * a fresh in-memory H2, or a schema of its own in the real PostgreSQL on this machine
 * (127.0.0.1:5432, database {@code test}, trust auth), dropped by {@link #close}.
 */
final class MigratedDatabase implements AutoCloseable {

    enum Kind {
        H2,
        POSTGRESQL
    }

    final DataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate transactions;
    private final Kind kind;
    private final String schema;

    MigratedDatabase(Kind kind) {
        this.kind = kind;
        this.schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        this.dataSource = switch (kind) {
            case H2 -> new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
            case POSTGRESQL ->
                new DriverManagerDataSource(
                        "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "postgres", "");
        };
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(kind == Kind.POSTGRESQL ? new String[] {schema} : new String[0])
                .locations("classpath:db/migration")
                .load()
                .migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() {
        jdbc.sql(kind == Kind.POSTGRESQL ? "drop schema " + schema + " cascade" : "shutdown")
                .update();
    }
}
