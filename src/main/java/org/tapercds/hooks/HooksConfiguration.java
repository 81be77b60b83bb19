package org.tapercds.hooks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.tapercds.rules.ActiveRuleBase;

/** Wiring of the CDS Hooks edge that is not plain component scanning. */
@Configuration(proxyBeanMethods = false)
class HooksConfiguration {

    /**
     * The Observation codes of the prefetch template come from the ValueSets the rules read (alcohol
     * measures, withdrawal instruments and signs) in the rule base in service, so a site's local code
     * added to a ValueSet is prefetched too once the rule base with it is loaded or reloaded.
     */
    @Bean
    PrefetchTemplates prefetchTemplates(PrefetchProperties properties, ActiveRuleBase ruleBases) {
        return new PrefetchTemplates(properties.observationValueSets(), ruleBases::current);
    }

    /** Runs first among the rule-base checks: it is the cheapest. */
    @Bean
    @Order(0)
    PrefetchTemplateCheck prefetchTemplateCheck(PrefetchProperties properties) {
        return new PrefetchTemplateCheck(properties.observationValueSets());
    }
}
