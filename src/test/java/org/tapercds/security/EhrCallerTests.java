package org.tapercds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class EhrCallerTests {

    private final EhrCaller caller = new EhrCaller(
            "https://ehr.example.org",
            Optional.empty(),
            List.of("https://fhir.example.org/R4", "http://fhir.internal.example.org:8080/fhir/"));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://fhir.example.org/R4",
                "https://fhir.example.org/R4/",
                "https://FHIR.example.org/R4/Patient",
                "https://fhir.example.org:443/R4",
                "http://fhir.internal.example.org:8080/fhir",
                "http://fhir.internal.example.org:8080/fhir/tenant-1"
            })
    void allowsAServerUnderAConfiguredPrefix(String fhirServer) {
        assertThat(caller.allowsFhirServer(fhirServer)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://fhir.example.org/R4x",
                "https://fhir.example.org/R",
                "https://fhir.example.org.evil.test/R4",
                "https://fhir.example.org@evil.test/R4",
                "https://user@fhir.example.org/R4",
                "http://fhir.example.org/R4",
                "https://fhir.example.org:8443/R4",
                "https://fhir.example.org/R4/../admin",
                "http://169.254.169.254/latest/meta-data",
                "http://fhir.internal.example.org/fhir",
                "/R4",
                "not a url"
            })
    void refusesEveryOtherServer(String fhirServer) {
        assertThat(caller.allowsFhirServer(fhirServer)).isFalse();
    }

    @Test
    void isTheAuthenticatedCallerOfTheCurrentRequest() {
        SecurityContextHolder.getContext().setAuthentication(new EhrAuthentication(caller, FirstUse.FIRST, null));

        assertThat(EhrCaller.current()).contains(caller);
    }

    @Test
    void isEmptyWithoutAnEhrAuthentication() {
        assertThat(EhrCaller.current()).isEmpty();

        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("user", "secret"));

        assertThat(EhrCaller.current()).isEmpty();
    }
}
