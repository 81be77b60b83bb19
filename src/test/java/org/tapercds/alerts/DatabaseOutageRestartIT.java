package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tapercds.TaperCdsApplication;
import org.tapercds.testing.TestDatabase;

/**
 * Outages across starts and stops on PostgreSQL (through a TCP proxy the test cuts): the service
 * starts with its database down and serves cards, migrates the schema and writes what it spooled
 * once the database is back; stopped during an outage it leaves what it holds in the spool, and the
 * next start on the same spool writes it. Every alert and audit event is stored exactly once.
 */
class DatabaseOutageRestartIT {

    @TempDir
    Path spoolDir;

    private final String schema = TestDatabase.newSchemaName();
    private TcpProxy proxy;

    @AfterEach
    void dropSchema() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        TestDatabase.dropSchema(schema);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TaperCdsApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=" + DatabaseOutageIT.url(proxy, schema),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--taper.alerts.spool-dir=" + spoolDir,
                        "--taper.alerts.retry-first=100ms",
                        "--taper.alerts.retry-max=500ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void startsWithoutItsDatabaseAndLosesNothingAcrossARestartDuringAnOutage() throws Exception {
        TestDatabase.createSchema(schema);
        proxy = new TcpProxy(5432);
        HookCalls calls = new HookCalls();
        JdbcClient jdbc = JdbcClient.create(direct());

        proxy.cut();
        try (ConfigurableApplicationContext first = start()) {
            for (int i = 0; i < 3; i++) {
                calls.call(port(first));
            }
            proxy.restore();
            DatabaseOutageIT.awaitStoredOnce(jdbc, calls);

            proxy.cut();
            for (int i = 0; i < 4; i++) {
                calls.call(port(first));
            }
        }
        assertThat(new Spool(spoolDir).size()).isPositive();
        try (var files = Files.list(spoolDir)) {
            assertThat(files.filter(file -> file.toString().endsWith(".jsonl"))).isNotEmpty();
        }

        proxy.restore();
        try (ConfigurableApplicationContext second = start()) {
            calls.call(port(second));
            DatabaseOutageIT.awaitStoredOnce(jdbc, calls);
        }
        assertThat(new Spool(spoolDir).size()).isZero();
    }

    private DataSource direct() {
        return new DriverManagerDataSource(TestDatabase.POSTGRES + "?currentSchema=" + schema, "postgres", "");
    }
}
