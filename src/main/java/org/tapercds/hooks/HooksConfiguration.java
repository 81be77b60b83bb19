package org.tapercds.hooks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the CDS Hooks edge that is not plain component scanning. */
@Configuration(proxyBeanMethods = false)
class HooksConfiguration {

    /** Observation codes from configuration for now; the clinical core may later derive them from value sets. */
    @Bean
    PrefetchTemplates prefetchTemplates(PrefetchProperties properties) {
        return new PrefetchTemplates(properties.observationCodes());
    }
}
