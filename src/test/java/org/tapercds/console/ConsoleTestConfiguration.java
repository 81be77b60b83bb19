package org.tapercds.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The console tests' clock, and the password of their users (pat: PHARMACIST, ina: INFORMATICIST,
 * root: ADMIN, configured per test class with {noop}, refused in prod, so no test waits on bcrypt).
 */
@TestConfiguration(proxyBeanMethods = false)
class ConsoleTestConfiguration {

    /** The day the example requests are dated for (src/test/resources/requests, docs/examples). */
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static final String PASSWORD = "test-password";

    @Bean
    @Primary
    Clock consoleTestClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
