package org.tapercds.hooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tapercds.fhir.Terminology;
import org.tapercds.rules.ActiveRuleBase;

/** Wiring of the CDS Hooks edge that is not plain component scanning. */
@Configuration(proxyBeanMethods = false)
class HooksConfiguration {

    /**
     * The Observation codes of the prefetch template come from the ValueSets the rules read (alcohol
     * measures, withdrawal instruments and signs), so a site's local code added to a ValueSet is
     * prefetched too after the next start (the template is computed once, from the rule base loaded at
     * start-up, while its checks still run).
     */
    @Bean
    PrefetchTemplates prefetchTemplates(PrefetchProperties properties, ActiveRuleBase ruleBases) {
        Terminology terminology = ruleBases.starting().terminology();
        Set<String> codes = new LinkedHashSet<>();
        for (String valueSet : properties.observationValueSets()) {
            terminology.members(valueSet).forEach(c -> codes.add(c.system() + "|" + c.code()));
        }
        return new PrefetchTemplates(List.copyOf(codes));
    }
}
