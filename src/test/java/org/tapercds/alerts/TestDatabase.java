package org.tapercds.alerts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database migrated by the application's Flyway scripts, for one test class: an in-memory
 * H2, or a schema of its own ({@code t_<random>}) in the PostgreSQL on this machine
 * (127.0.0.1:5432, user postgres, database test), dropped by {@link #close}. Connections go through
 * a switch the test can {@link #cut} (every new connection refused, as when the database is down).
 */
final class TestDatabase implements AutoCloseable {

    enum Kind {
        H2,
        POSTGRESQL
    }

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    final Kind kind;
    final String schema;
    private final Switch dataSource;

    private TestDatabase(Kind kind, String schema, DataSource target) {
        this.kind = kind;
        this.schema = schema;
        this.dataSource = new Switch(target);
    }

    static TestDatabase create(Kind kind) {
        String schema = newSchemaName();
        DataSource target;
        if (kind == Kind.H2) {
            target = new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            createSchema(schema);
            target = new DriverManagerDataSource(POSTGRES + "?currentSchema=" + schema, "postgres", "");
        }
        TestDatabase database = new TestDatabase(kind, schema, target);
        Flyway.configure()
                .dataSource(target)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return database;
    }

    static String newSchemaName() {
        return "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    static void createSchema(String schema) {
        admin().sql("create schema " + schema).update();
    }

    static void dropSchema(String schema) {
        admin().sql("drop schema if exists " + schema + " cascade").update();
    }

    private static JdbcClient admin() {
        return JdbcClient.create(new DriverManagerDataSource(POSTGRES, "postgres", ""));
    }

    DataSource dataSource() {
        return dataSource;
    }

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    AlertStore store() {
        return new AlertStore(
                jdbc(),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new SimpleMeterRegistry());
    }

    long count(String table) {
        return jdbc().sql("select count(*) from " + table).query(Long.class).single();
    }

    /** From now on every new connection is refused, as by a database that is down. */
    void cut() {
        dataSource.cut = true;
    }

    void restore() {
        dataSource.cut = false;
    }

    @Override
    public void close() {
        restore();
        if (kind == Kind.POSTGRESQL) {
            dropSchema(schema);
        } else {
            jdbc().sql("shutdown").update();
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }

    private static final class Switch extends DelegatingDataSource {

        volatile boolean cut;

        Switch(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (cut) {
                throw new SQLTransientConnectionException("connection refused", "08001");
            }
            return super.getConnection();
        }
    }
}
