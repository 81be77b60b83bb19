package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.tapercds.TaperCdsApplication;

/**
 * The service refuses to start with EHR authentication off on an address other than loopback, and
 * with it on but no trusted EHR (the prod profile's case). Real starts of the application, on random
 * ports. (That it starts with auth off on loopback, every other IT shows.)
 */
class AuthOffStartupIT {

    @Test
    void refusesToStartWithAuthOffOnEveryInterface() {
        assertThatThrownBy(() -> start("server.address=0.0.0.0", "taper.security.ehr.enabled=false"))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taper.security.ehr.enabled=false is allowed only when server.address is a "
                        + "loopback address")
                .hasMessageContaining("0.0.0.0");
    }

    @Test
    void refusesToStartWithAuthOnAndNoTrustedEhr() {
        assertThatThrownBy(() -> start("server.address=0.0.0.0", "taper.security.ehr.enabled=true"))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs at least one trusted EHR");
    }

    /** Starts the application with these properties as command-line arguments (above application.properties). */
    private static ConfigurableApplicationContext start(String... properties) {
        String[] args = Stream.concat(Stream.of("server.port=0"), Arrays.stream(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TaperCdsApplication.class).run(args);
    }
}
