package org.tapercds.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A migrated database for repository tests: the real PostgreSQL of this machine (127.0.0.1:5432,
 * database {@code test}, trust auth; CI has it too) in a schema of its own, dropped on {@link
 * #close()}, so parallel runs never meet; or an in-memory H2.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String kind;
    private final String url;
    private final String schema;
    private final DataSource dataSource;

    private TestDatabase(String kind, String url, String schema, String user) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
        this.dataSource = new DriverManagerDataSource(url, user, "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** A fresh schema in the real PostgreSQL, migrated. */
    public static TestDatabase postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            c.createStatement().execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (database test) is needed", e);
        }
        return new TestDatabase("PostgreSQL", POSTGRES + "?currentSchema=" + schema, schema, "postgres");
    }

    /** A fresh in-memory H2, migrated. */
    public static TestDatabase h2() {
        return new TestDatabase("H2", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, "sa");
    }

    public static TestDatabase of(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "postgresql" -> postgres();
            case "h2" -> h2();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL (with the schema), e.g. for {@code spring.datasource.url}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute(schema == null ? "shutdown" : "drop schema " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return kind;
    }
}
