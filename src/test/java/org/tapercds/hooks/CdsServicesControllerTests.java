package org.tapercds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tapercds.security.EhrCaller;

class CdsServicesControllerTests {

    @Test
    void aCallTakesTheShareOfItsIssuerAndTenant() {
        EhrCaller ehr = new EhrCaller("https://ehr.example.org", Optional.empty(), List.of());
        EhrCaller tenantA = new EhrCaller("https://ehr.example.org", Optional.of("tenant-a"), List.of());
        EhrCaller tenantB = new EhrCaller("https://ehr.example.org", Optional.of("tenant-b"), List.of());

        assertThat(CdsServicesController.callerKey(Optional.of(ehr))).isEqualTo("https://ehr.example.org");
        assertThat(CdsServicesController.callerKey(Optional.of(tenantA)))
                .isEqualTo("https://ehr.example.org tenant-a")
                .isNotEqualTo(CdsServicesController.callerKey(Optional.of(tenantB)));
    }

    @Test
    void withAuthenticationOffEveryCallIsTheSameCaller() {
        assertThat(CdsServicesController.callerKey(Optional.empty()))
                .isEqualTo(CdsServicesController.UNAUTHENTICATED)
                .isEmpty();
    }
}
