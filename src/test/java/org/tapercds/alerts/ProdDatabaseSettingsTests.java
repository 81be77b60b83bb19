package org.tapercds.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The prod profile refuses to start without the PostgreSQL settings and says which to set. */
class ProdDatabaseSettingsTests {

    private static StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        environment.setActiveProfiles(profiles);
        return environment;
    }

    private static final Map<String, Object> PROD_FILE = Map.of(
            "spring.datasource.url", "${TAPER_DB_URL}",
            "spring.datasource.username", "${TAPER_DB_USER}",
            "spring.datasource.password", "${TAPER_DB_PASSWORD}");

    @Test
    void refusesTheProdProfileWithoutTheDatabaseVariablesNamingThem() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new ProdDatabaseSettings()
                        .postProcessEnvironment(environment(PROD_FILE, "prod"), new SpringApplication()))
                .withMessageContaining("TAPER_DB_URL")
                .withMessageContaining("SPRING_DATASOURCE_URL")
                .withMessageContaining(
                        "missing: spring.datasource.url, spring.datasource.username, spring.datasource.password");
    }

    @Test
    void acceptsTheProdProfileWithTheVariablesAndAnyOtherProfileWithout() {
        var withVariables = new java.util.HashMap<String, Object>(PROD_FILE);
        withVariables.putAll(Map.of(
                "TAPER_DB_URL", "jdbc:postgresql://db/taper", "TAPER_DB_USER", "taper", "TAPER_DB_PASSWORD", ""));
        assertThatNoException().isThrownBy(() -> new ProdDatabaseSettings()
                .postProcessEnvironment(environment(withVariables, "prod"), new SpringApplication()));
        assertThatNoException().isThrownBy(() -> new ProdDatabaseSettings()
                .postProcessEnvironment(environment(PROD_FILE), new SpringApplication()));
        assertThat(environment(withVariables, "prod").getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db/taper");
    }
}
