package org.tapercds.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh database migrated by the application's Flyway scripts, for repository tests: the real
 * PostgreSQL of this machine (127.0.0.1:5432, database {@code test}, user postgres, trust auth; CI
 * has it too) in a schema of its own ({@code t_<random>}), dropped by {@link #close()} so parallel
 * runs never meet; or an in-memory H2. Connections go through a switch the test can {@link #cut()}
 * (every new connection refused, as when the database is down) and {@link #restore()}.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind {
        H2,
        POSTGRESQL
    }

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private final Kind kind;
    private final String schema;
    private final String url;
    private final Switch dataSource;

    private TestDatabase(Kind kind, String schema, String url, String user) {
        this.kind = kind;
        this.schema = schema;
        this.url = url;
        this.dataSource = new Switch(new DriverManagerDataSource(url, user, ""));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public static TestDatabase create(Kind kind) {
        String schema = newSchemaName();
        if (kind == Kind.H2) {
            return new TestDatabase(kind, schema, "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa");
        }
        createSchema(schema);
        return new TestDatabase(kind, schema, POSTGRES + "?currentSchema=" + schema, "postgres");
    }

    /** A fresh schema in the real PostgreSQL, migrated. */
    public static TestDatabase postgres() {
        return create(Kind.POSTGRESQL);
    }

    /** A fresh in-memory H2, migrated. */
    public static TestDatabase h2() {
        return create(Kind.H2);
    }

    /** By name, for parameterised tests: {@code PostgreSQL} or {@code H2}. */
    public static TestDatabase of(String kind) {
        return create(Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
    }

    public static String newSchemaName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static void createSchema(String schema) {
        admin().sql("create schema " + schema).update();
    }

    public static void dropSchema(String schema) {
        admin().sql("drop schema if exists " + schema + " cascade").update();
    }

    private static JdbcClient admin() {
        return JdbcClient.create(new DriverManagerDataSource(POSTGRES, "postgres", ""));
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** The JDBC URL (with the schema), e.g. for {@code spring.datasource.url}. */
    public String url() {
        return url;
    }

    public long count(String table) {
        return jdbc().sql("select count(*) from " + table).query(Long.class).single();
    }

    /** From now on every new connection is refused, as by a database that is down. */
    public void cut() {
        dataSource.cut = true;
    }

    public void restore() {
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
        return kind == Kind.H2 ? "H2" : "PostgreSQL";
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
