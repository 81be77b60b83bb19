package org.tapercds.system;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure beans: the clock and the (expensive, thread-safe) FHIR R4 context. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** UTC system clock; tests replace it with a fixed clock ({@code @Primary}). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Created once: building a FhirContext scans the R4 model and takes hundreds of milliseconds. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
