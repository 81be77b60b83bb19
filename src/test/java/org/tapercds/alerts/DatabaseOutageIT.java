package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapercds.testing.TestDatabase;

/**
 * A database outage on PostgreSQL: the service reaches its database through a TCP proxy that the
 * test cuts between calls and restores. Every call is answered with its cards meanwhile, readiness
 * stays up, health shows the store down and the spool filling; once the database is back every
 * alert and audit event is stored exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SCHEMA = TestDatabase.newSchemaName();
    private static TcpProxy proxy;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        TestDatabase.createSchema(SCHEMA);
        proxy = new TcpProxy(5432);
        registry.add("spring.datasource.url", () -> url(proxy, SCHEMA));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("taper.alerts.retry-first", () -> "100ms");
        registry.add("taper.alerts.retry-max", () -> "500ms");
    }

    static String url(TcpProxy proxy, String schema) {
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema
                + "&connectTimeout=2&socketTimeout=10&loginTimeout=2";
    }

    @AfterAll
    static void dropSchema() throws IOException {
        proxy.close();
        TestDatabase.dropSchema(SCHEMA);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AlertsHealthIndicator health;

    @Autowired
    MeterRegistry meters;

    @Test
    void answersEveryCallDuringAnOutageAndStoresEveryAlertOnceWhenTheDatabaseIsBack() throws Exception {
        HookCalls calls = new HookCalls();
        for (int i = 0; i < 3; i++) {
            calls.call(port);
        }
        awaitStoredOnce(jdbc, calls);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        proxy.cut();
        for (int i = 0; i < 5; i++) {
            calls.call(port);
        }
        await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.DOWN));
        await().atMost(WAIT)
                .until(() -> meters.get("taper.alerts.spooled").gauge().value() > 0);
        assertThat(health.health().getDetails()).containsKey("spooled");
        assertThat(calls.status(managementPort, "/actuator/health/readiness")).isEqualTo(200);
        assertThat(calls.status(managementPort, "/actuator/health")).isEqualTo(503);
        calls.call(port);

        proxy.restore();
        for (int i = 0; i < 2; i++) {
            calls.call(port);
        }
        awaitStoredOnce(jdbc, calls);
        await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP));
        assertThat(health.health().getDetails()).isEqualTo(Map.of("spooled", 0L));
    }

    /** Every card answered is one alert, every call one audit event: none missing, none twice. */
    static void awaitStoredOnce(JdbcClient jdbc, HookCalls calls) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(jdbc.sql("select id from alert").query(String.class).list())
                    .containsExactlyInAnyOrderElementsOf(calls.cards);
            assertThat(jdbc.sql("select hook_instance from audit_event where kind = 'evaluation'")
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrderElementsOf(calls.hookInstances);
        });
    }
}
