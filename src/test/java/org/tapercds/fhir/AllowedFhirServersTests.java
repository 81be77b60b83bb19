package org.tapercds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fhirServer allow-list when EHR authentication is off, and the fallback settings' defaults. */
class AllowedFhirServersTests {

    @Test
    void theAllowListHoldsAnyOfItsPrefixesAndNothingWhenEmpty() {
        FhirServerProperties properties = new FhirServerProperties(
                List.of("https://fhir.example.org/R4", " http://127.0.0.1:8081/fhir ", ""), null);
        AllowedFhirServers allowed = new AllowedFhirServers(properties);

        assertThat(allowed.allows(URI.create("https://fhir.example.org/R4"))).isTrue();
        assertThat(allowed.allows(URI.create("http://127.0.0.1:8081/fhir"))).isTrue();
        assertThat(allowed.allows(URI.create("https://fhir.example.org.evil.com/R4")))
                .isFalse();
        assertThat(allowed.allows(URI.create("http://127.0.0.1:8082/fhir"))).isFalse();
        assertThat(new AllowedFhirServers(new FhirServerProperties(null, null))
                        .allows(URI.create("https://fhir.example.org/R4")))
                .isFalse();
        assertThatThrownBy(() -> new AllowedFhirServers(new FhirServerProperties(List.of("fhir.example.org"), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taper.fhir.allowed-servers");
    }

    @Test
    void theFallbackSettingsDefaultToOneSecondTenPagesSixteenThreads() {
        FhirServerProperties.Fallback defaults = new FhirServerProperties(null, null).fallback();

        assertThat(defaults.budget()).hasSeconds(1);
        assertThat(defaults.maxPages()).isEqualTo(10);
        assertThat(defaults.threads()).isEqualTo(16);
    }
}
