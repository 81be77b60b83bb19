package org.tapercds.console;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link AlertQueriesContract} on the real PostgreSQL server (127.0.0.1:5432, database {@code
 * test}, user {@code postgres}; CI runs one). Each test gets a schema of its own, dropped after, so
 * parallel runs never meet.
 */
class AlertQueriesPostgresTests extends AlertQueriesContract {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    private String schema;

    @Override
    DataSource dataSource() {
        schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute("create schema " + schema);
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(
                new org.postgresql.Driver(), SERVER + "?currentSchema=" + schema, "postgres", "");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations(migrations().toArray(String[]::new))
                .load()
                .migrate();
        return dataSource;
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            execute("drop schema " + schema + " cascade");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
