package org.tapercds.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPrefixTests {

    private final UrlPrefix prefix = UrlPrefix.of("https://fhir.example.org/R4");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://fhir.example.org/R4",
                "https://fhir.example.org/R4/",
                "https://FHIR.Example.ORG/R4",
                "https://fhir.example.org./R4",
                "https://fhir.example.org:443/R4",
                "HTTPS://fhir.example.org/R4/Patient/123",
                "https://fhir.example.org/R4?_getpages=abc&_getpagesoffset=10",
                "https://fhir.example.org/R4/./Patient",
                "https://fhir.example.org/R4/x/../Patient"
            })
    void holdsTheSameServerAndPathsBelowIt(String url) {
        assertThat(prefix.contains(url)).as(url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://fhir.example.org.evil.com/R4",
                "https://evil.com/fhir.example.org/R4",
                "https://fhir.example.org@evil.com/R4",
                "https://user:pass@fhir.example.org/R4",
                "https://evil-fhir.example.org/R4",
                "https://example.org/R4",
                "http://fhir.example.org/R4",
                "https://fhir.example.org:8443/R4",
                "https://fhir.example.org/R40",
                "https://fhir.example.org/r4",
                "https://fhir.example.org/",
                "https://fhir.example.org/R4/../admin",
                "https://fhir.example.org/R4/%2e%2e/admin",
                "https://fhir.example.org/R4/..%2Fadmin",
                "https://fhir.example.org/R4\\..\\admin",
                "ftp://fhir.example.org/R4",
                "file:///R4",
                "/R4/Patient",
                "mailto:fhir@fhir.example.org",
                "not a url"
            })
    void holdsNoOtherHostPortSchemeOrPathAndNothingThatCouldDecodeOutside(String url) {
        assertThat(prefix.contains(url)).as(url).isFalse();
    }

    @Test
    void aPrefixWithoutPathHoldsTheWholeServerAndDefaultPortsAreExplicitPorts() {
        UrlPrefix server = UrlPrefix.of("http://127.0.0.1:80");

        assertThat(server.contains(URI.create("http://127.0.0.1/fhir/Patient/1")))
                .isTrue();
        assertThat(server.contains(URI.create("http://127.0.0.1:8080/fhir"))).isFalse();
        assertThat(server.contains(URI.create("http://127.0.0.2/fhir"))).isFalse();
    }

    @Test
    void refusesAPrefixWithAQueryFragmentUserInfoOrAnotherScheme() {
        for (String bad : List.of(
                "https://fhir.example.org/R4?x=1",
                "https://fhir.example.org/R4#top",
                "https://u@fhir.example.org/R4",
                "ftp://fhir.example.org",
                "fhir.example.org/R4",
                "https://")) {
            assertThatThrownBy(() -> UrlPrefix.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
