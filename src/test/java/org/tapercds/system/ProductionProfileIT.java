package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * The prod profile as deploy/k8s uses it: settings from the environment, every interface, JSON
 * logs, the actuator on its own port and the probes also on the main port, EHR authentication on
 * (a trusted EHR configured; without one it does not start, see security/AuthOffStartupIT). The ports are random
 * here (the build machine is shared); the profile's own are 8080 and 8081.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.profiles.active=prod",
            "TAPER_RULES_DIR=./rules",
            "TAPER_PROFILES_DIR=./fhir-profiles",
            "TAPER_PUBLIC_BASE_URL=https://taper-cds.example.org",
            "taper.security.ehr.issuers[0].issuer=https://ehr.example.org",
            "taper.security.ehr.issuers[0].jwks-uri=https://ehr.example.org/.well-known/jwks.json",
            "management.server.port=0",
            "TAPER_DB_URL=jdbc:h2:mem:prod-profile;DB_CLOSE_DELAY=-1",
            "TAPER_DB_USER=sa",
            "TAPER_DB_PASSWORD="
        })
class ProductionProfileIT {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bindsEveryInterfaceLogsJsonAndTakesItsSettingsFromTheEnvironment() {
        assertThat(environment.getActiveProfiles()).contains("prod", "json-logs");
        assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(environment.getProperty("taper.rules-dir")).isEqualTo("./rules");
        assertThat(environment.getProperty("taper.public-base-url")).isEqualTo("https://taper-cds.example.org");
    }

    @Test
    void servesProbesOnBothPortsMetricsOnlyOnTheManagementPortAndCdsHooksOnlyWithAToken() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(status(managementPort, "/actuator/health/liveness")).isEqualTo(200);
        assertThat(status(managementPort, "/actuator/health/readiness")).isEqualTo(200);
        assertThat(status(managementPort, "/actuator/prometheus")).isEqualTo(200);
        assertThat(status(port, "/livez")).isEqualTo(200);
        assertThat(status(port, "/readyz")).isEqualTo(200);
        assertThat(status(port, "/actuator/prometheus")).isEqualTo(404);
        assertThat(status(port, "/cds-services")).isEqualTo(401);
    }

    private int status(int atPort, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + atPort + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
