package org.tapercds.alerts;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile stores alerts in PostgreSQL shared by every replica, never in a local
 * H2 file: without the database settings the start is refused, before any bean is made, with a
 * message that names the variables to set (docs/deployment.md).
 */
final class ProdDatabaseSettings implements EnvironmentPostProcessor, Ordered {

    static final String MESSAGE = "The prod profile needs the PostgreSQL settings: set TAPER_DB_URL,"
            + " TAPER_DB_USER and TAPER_DB_PASSWORD (or SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and"
            + " SPRING_DATASOURCE_PASSWORD); missing: ";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        StringBuilder missing = new StringBuilder();
        check(environment, "spring.datasource.url", false, missing);
        check(environment, "spring.datasource.username", false, missing);
        check(environment, "spring.datasource.password", true, missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(MESSAGE + missing);
        }
    }

    private static void check(
            ConfigurableEnvironment environment, String key, boolean mayBeEmpty, StringBuilder missing) {
        String value;
        try {
            value = environment.getProperty(key);
        } catch (IllegalArgumentException unresolved) {
            value = null;
        }
        if (value == null || (!mayBeEmpty && value.isBlank())) {
            missing.append(missing.isEmpty() ? "" : ", ").append(key);
        }
    }

    /** After the configuration files (and their profiles) are loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
